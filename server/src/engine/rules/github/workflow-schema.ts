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
    // Unquoting a number or boolean is safe; renames to the suggested key or value are offered, not applied by fix-all.
    fixable: 'safe',
    // actionlint's syntax-check covers unknown keys, missing keys and wrong value types; zizmor has no
    // schema audit of its own (it refuses to load invalid workflows).
    equivalents: { actionlint: ['syntax-check', 'events', 'permissions'] },
  },
  check(ctx) {
    for (const p of validateDocument(ctx.doc, 'github-workflow', ctx.text)) {
      ctx.report({ message: p.message, span: p.span, severity: p.severity, fixes: p.fixes });
    }
  },
});
