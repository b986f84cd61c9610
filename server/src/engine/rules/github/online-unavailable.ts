import type { ActionMetadata, Workflow } from '../../model/github.js';
import { defineRule } from '../rule.js';

export default defineRule<Workflow | ActionMetadata>({
  meta: {
    id: 'online-unavailable',
    platform: 'github',
    kinds: ['github-workflow', 'github-action'],
    title: 'Online checks could not run for this file',
    severity: 'info',
    confidence: 'high',
    persona: 'regular',
  },
  check(ctx) {
    const facts = ctx.settings.online;
    if (!facts || facts.status === 'ok') return;
    const what = facts.status === 'rate-limited' ? 'GitHub rate-limited the requests' : facts.status === 'offline' ? 'GitHub could not be reached' : 'some lookups failed';
    ctx.report({
      span: { start: 0, end: Math.min(ctx.text.indexOf('\n') < 0 ? ctx.text.length : ctx.text.indexOf('\n'), ctx.text.length) },
      message: `Online checks are incomplete for this file: ${what}${facts.message ? ` (${facts.message})` : ''}. Pinning, impostor-commit, advisory and remote-action results may be missing; offline checks ran as usual`,
    });
  },
});
