import { usesOf, type ActionMetadata, type Workflow } from '../../model/github.js';
import { refKey } from '../../online/facts.js';
import { defineRule } from '../rule.js';

export default defineRule<Workflow | ActionMetadata>({
  meta: {
    id: 'ref-confusion',
    platform: 'github',
    kinds: ['github-workflow', 'github-action'],
    title: 'Ref that names both a tag and a branch (online)',
    severity: 'medium',
    confidence: 'high',
    persona: 'regular',
    equivalents: { zizmor: ['ref-confusion'] },
  },
  check(ctx) {
    const facts = ctx.settings.online;
    if (!facts) return;
    const uses = usesOf(ctx.model);
    for (const u of uses) {
      const r = u.ref;
      if (r.kind !== 'repository' || r.isShaPinned || !r.owner || !r.repo || !r.ref) continue;
      if (!facts.refs[refKey(r.owner, r.repo, r.ref)]?.ambiguous) continue;
      ctx.report({
        span: u.span,
        message: `'${r.ref}' is both a tag and a branch of ${r.owner}/${r.repo}: anyone who can push that branch can change what runs here; pin a commit SHA`,
      });
    }
  },
});
