import { validateDocument } from '../../schema/validate.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    id: 'dependabot-schema',
    platform: 'github',
    kinds: ['github-dependabot'],
    title: 'dependabot.yml does not match the Dependabot configuration syntax',
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
    // zizmor validates dependabot.yml against SchemaStore's schema before auditing it (no audit id).
    equivalents: {},
  },
  check(ctx) {
    for (const p of validateDocument(ctx.doc, 'github-dependabot')) ctx.report({ message: p.message, span: p.span, severity: p.severity });
  },
});
