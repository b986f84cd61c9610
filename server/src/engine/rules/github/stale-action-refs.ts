import { usesOf, type ActionMetadata, type Workflow } from '../../model/github.js';
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
    const uses = usesOf(ctx.model);
    for (const u of uses) {
      const r = u.ref;
      if (r.kind !== 'repository' || !r.isShaPinned || !r.owner || !r.repo || !r.ref) continue;
      const c = facts.commits[commitKey(r.owner, r.repo, r.ref)];
      if (!c || c.inRepository === false || c.error || !c.tags || c.tags.length) continue;
      ctx.report({ span: u.span, message: `No tag of ${r.owner}/${r.repo} points at ${r.ref.slice(0, 12)}: it is an unreleased commit, which is harder to review and to keep updated` });
    }
  },
});
