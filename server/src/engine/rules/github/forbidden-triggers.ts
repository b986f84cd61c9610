import type { Workflow } from '../../model/github.js';
import { defineRule } from '../rule.js';

export default defineRule<Workflow>({
  meta: {
    id: 'forbidden-triggers',
    platform: 'github',
    kinds: ['github-workflow'],
    title: 'Workflow trigger forbidden by the organisation policy',
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
    optionsSchema: { type: 'object', properties: { forbidden: { type: 'array', items: { type: 'string' }, description: 'Event names workflows must not use.' } } },
  },
  check(ctx) {
    const fromPolicy = (ctx.settings.policy.github as { 'forbidden-triggers'?: string[] } | undefined)?.['forbidden-triggers'];
    const forbidden = new Set((ctx.options.forbidden as string[] | undefined) ?? fromPolicy ?? []);
    if (!forbidden.size) return;
    for (const t of ctx.model.triggers) {
      if (forbidden.has(t.name)) ctx.report({ span: t.span, message: `The '${t.name}' trigger is forbidden by the policy; see the policy's rationale or ask for an exception` });
    }
  },
});
