import { contextPath, exprNode, walkExpr } from '../../expressions/github.js';
import { documentExpressions, type ActionMetadata, type Workflow } from '../../model/github.js';
import { defineRule } from '../rule.js';

export default defineRule<Workflow | ActionMetadata>({
  meta: {
    id: 'unredacted-secrets',
    platform: 'github',
    kinds: ['github-workflow', 'github-action'],
    title: 'Secret value that bypasses log redaction',
    severity: 'medium',
    confidence: 'high',
    persona: 'regular',
    equivalents: { zizmor: ['unredacted-secrets'] },
  },
  check(ctx) {
    for (const { expr } of documentExpressions(ctx.doc, ctx.text)) {
      if (!/secrets/i.test(expr.source) || !expr.ast) continue;
      let found = false;
      walkExpr(expr.ast, (n) => {
        if (found || n.kind !== 'index') return;
        // Unwind `fromJSON(secrets.X).a.b` to its base.
        let base = exprNode(n.expr);
        while (base.kind === 'index') base = exprNode(base.expr);
        if (base.kind !== 'call' || base.name.toLowerCase() !== 'fromjson') return;
        const arg = base.args[0];
        const argPath = arg ? contextPath(arg) : undefined;
        if (argPath?.toLowerCase().startsWith('secrets.')) {
          found = true;
          ctx.report({
            span: expr.span,
            message: `A field of the JSON secret '${argPath.slice('secrets.'.length)}' is extracted with fromJSON(): GitHub only masks whole secret values, so this field is printed in clear text wherever it is logged`,
          });
          return false;
        }
      });
    }
  },
});
