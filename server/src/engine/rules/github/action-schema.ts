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
    equivalents: { actionlint: ['action'] },
  },
  check(ctx) {
    for (const p of validateDocument(ctx.doc, 'github-action')) {
      ctx.report({ message: p.message, span: p.span, severity: p.severity });
    }
  },
});
