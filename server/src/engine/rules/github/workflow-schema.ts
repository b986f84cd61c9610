import { validateDocument } from '../../schema/validate.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'workflow-schema',
    platform: 'github',
    kinds: ['github-workflow'],
    title: 'Workflow does not match the GitHub Actions workflow syntax',
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
    // actionlint's syntax-check covers unknown keys, missing keys and wrong value types; zizmor has no
    // schema audit of its own (it refuses to load invalid workflows).
    equivalents: { actionlint: ['syntax-check', 'events', 'permissions'] },
  },
  check(ctx) {
    for (const p of validateDocument(ctx.doc, 'github-workflow')) {
      ctx.report({ message: p.message, span: p.span, severity: p.severity });
    }
  },
});
