import type { Pipeline } from '../../model/gitlab.js';
import { schemaProblems } from '../../gitlab/schema.js';
import { universe } from '../../gitlab/workspace.js';
import { defineRule } from '../rule.js';

export default defineRule<Pipeline>({
  meta: {
    id: 'gitlab-schema',
    platform: 'gitlab',
    kinds: ['gitlab-ci'],
    title: 'GitLab CI keyword or value not allowed by the CI/CD schema',
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
    equivalents: {},
  },
  check(ctx) {
    const u = universe(ctx.model, ctx.path, ctx.settings.workspace);
    for (const p of schemaProblems(ctx.doc, u)) ctx.report({ message: p.message, span: p.span });
  },
});
