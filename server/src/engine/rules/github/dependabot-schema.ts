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
    // Unquoting a number or boolean is safe; renames to the suggested key or value are offered, not applied by fix-all.
    fixable: 'safe',
    // zizmor validates dependabot.yml against SchemaStore's schema before auditing it (no audit id).
    equivalents: {},
  },
  check(ctx) {
    for (const p of validateDocument(ctx.doc, 'github-dependabot', ctx.text)) ctx.report({ message: p.message, span: p.span, severity: p.severity, fixes: p.fixes });
  },
});
