import { shaPins, type ActionMetadata, type Workflow } from '../../model/github.js';
import { commitKey } from '../../online/facts.js';
import { defineRule } from '../rule.js';

export default defineRule<Workflow | ActionMetadata>({
  meta: {
    id: 'stale-action-refs',
    platform: 'github',
    kinds: ['github-workflow', 'github-action'],
    title: 'SHA pin to a commit no release tag points at (online)',
    severity: 'low',
    confidence: 'high',
    persona: 'pedantic',
    equivalents: { zizmor: ['stale-action-refs'] },
  },
  check(ctx) {
    const facts = ctx.settings.online;
    if (!facts) return;
    for (const { uses: u, owner, repo, sha } of shaPins(ctx.model)) {
      const c = facts.commits[commitKey(owner, repo, sha)];
      if (!c || c.inRepository === false || c.error || !c.tags || c.tags.length) continue;
      ctx.report({ span: u.span, message: `No tag of ${owner}/${repo} points at ${sha.slice(0, 12)}: it is an unreleased commit, which is harder to review and to keep updated` });
    }
  },
});
