import { documentExpressions, type ActionMetadata, type Workflow } from '../../model/github.js';
import { defineRule } from '../rule.js';

const SECRETS = /secrets/i;

export default defineRule<Workflow | ActionMetadata>({
  meta: {
    id: 'overprovisioned-secrets',
    platform: 'github',
    kinds: ['github-workflow', 'github-action'],
    title: 'The whole `secrets` context is exposed',
    severity: 'medium',
    confidence: 'high',
    persona: 'regular',
    equivalents: { zizmor: ['overprovisioned-secrets'] },
  },
  check(ctx) {
    for (const { expr } of documentExpressions(ctx.doc, ctx.text)) {
      // Only the `secrets` context counts: expressions without the word need not be parsed.
      if (!SECRETS.test(expr.source) || !expr.ast) continue;
      for (const ref of expr.contexts) {
        // `secrets` alone (toJSON(secrets)), `secrets.*`, or `secrets[<computed>]` (normalised to `secrets.*`).
        const path = ref.path.toLowerCase();
        if (path === 'secrets' || path === 'secrets.*') {
          ctx.report({
            span: ref.span,
            message: path === 'secrets' ? 'Every secret of the repository is put into this value (e.g. toJSON(secrets)); reference the secrets needed by name' : 'A computed index into `secrets` makes every secret reachable; reference the secrets needed by name',
          });
        }
      }
    }
  },
});
