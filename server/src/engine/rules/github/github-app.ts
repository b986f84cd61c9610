import { stepsOf, withValue, type ActionMetadata, type Workflow } from '../../model/github.js';
import { keyString, pairs } from '../../yaml/nodes.js';
import { defineRule } from '../rule.js';

const APP_TOKEN_ACTION = 'actions/create-github-app-token';

export default defineRule<Workflow | ActionMetadata>({
  meta: {
    id: 'github-app',
    platform: 'github',
    kinds: ['github-workflow', 'github-action'],
    title: 'GitHub App token minted with broader reach than needed',
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
    equivalents: { zizmor: ['github-app'] },
  },
  check(ctx) {
    const { doc } = ctx;
    for (const step of stepsOf(ctx.model)) {
      const slug = step.uses?.ref.slug;
      if (slug !== APP_TOKEN_ACTION || !step.uses) continue;
      const skipRevoke = withValue(step, 'skip-token-revoke', doc);
      if (skipRevoke && /^true$/i.test(skipRevoke.value.trim())) {
        ctx.report({ span: skipRevoke.span, message: 'The installation token stays valid for an hour after the job ends: remove skip-token-revoke so it is revoked when the job finishes' });
      }
      const owner = withValue(step, 'owner', doc);
      const repos = withValue(step, 'repositories', doc);
      if (owner && !repos) {
        ctx.report({ span: owner.span, message: `With 'owner' and no 'repositories', the token can reach every repository the app is installed on in '${owner.value}'; list the repositories the job needs` });
      }
      const narrowed = pairs(step.with, doc).some((p) => keyString(p, doc)?.startsWith('permission-'));
      if (!narrowed) {
        ctx.report({
          span: step.uses.span,
          severity: 'medium',
          confidence: 'low',
          // The app itself may already be minimal: a smell worth a look, not a defect.
          persona: 'pedantic',
          message: "The token gets every permission the GitHub App was granted; narrow it with 'permission-<scope>' inputs (e.g. permission-contents: read)",
        });
      }
    }
  },
});
