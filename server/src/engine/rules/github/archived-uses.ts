import { usesOf, type ActionMetadata, type Workflow } from '../../model/github.js';
import { ARCHIVED, ARCHIVED_REPLACEMENTS } from '../../supply-chain/index.js';
import { defineRule } from '../rule.js';

export default defineRule<Workflow | ActionMetadata>({
  meta: {
    id: 'archived-uses',
    platform: 'github',
    kinds: ['github-workflow', 'github-action'],
    title: 'Action from an archived repository',
    severity: 'medium',
    confidence: 'high',
    persona: 'regular',
    equivalents: { zizmor: ['archived-uses'] },
  },
  check(ctx) {
    const uses = usesOf(ctx.model);
    for (const u of uses) {
      if (u.ref.kind !== 'repository' || !u.ref.owner || !u.ref.repo) continue;
      const slug = `${u.ref.owner}/${u.ref.repo}`.toLowerCase();
      if (!ARCHIVED.has(slug)) continue;
      const instead = ARCHIVED_REPLACEMENTS[slug];
      ctx.report({
        span: u.span,
        message: `${u.ref.owner}/${u.ref.repo} is archived: it gets no security fixes and runs on outdated runtimes${instead ? `; use ${instead} instead` : '; replace it with a maintained action or a run step'}`,
      });
    }
  },
});
