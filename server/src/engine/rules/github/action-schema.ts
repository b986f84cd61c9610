import { validateDocument } from '../../schema/validate.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'action-schema',
    platform: 'github',
    kinds: ['github-action'],
    title: 'Action metadata does not match the GitHub Actions metadata syntax',
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
    // Unquoting a number or boolean is safe; renames to the suggested key or value are offered, not applied by fix-all.
    fixable: 'safe',
    equivalents: { actionlint: ['action'] },
  },
  check(ctx) {
    for (const p of validateDocument(ctx.doc, 'github-action', ctx.text)) {
      ctx.report({ message: p.message, span: p.span, severity: p.severity, fixes: p.fixes });
    }
  },
});
