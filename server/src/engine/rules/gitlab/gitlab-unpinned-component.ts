import type { Pipeline } from '../../model/gitlab.js';
import { classifyRef } from '../../gitlab/pinning.js';
import { defineRule } from '../rule.js';

export default defineRule<Pipeline>({
  meta: {
    id: 'gitlab-unpinned-component',
    platform: 'gitlab',
    kinds: ['gitlab-ci'],
    title: 'CI/CD component at a moving version (~latest, a branch, a partial version)',
    severity: 'medium',
    confidence: 'high',
    persona: 'regular',
    equivalents: { glsec: ['GL041', 'GL003'] },
  },
  check(ctx) {
    for (const inc of ctx.model.includes) {
      if (inc.kind !== 'component' || !inc.target) continue;
      const raw = inc.target.value;
      const at = raw.lastIndexOf('@');
      const version = at >= 0 ? raw.slice(at + 1) : undefined;
      const kind = classifyRef(version);
      const name = at >= 0 ? raw.slice(0, at) : raw;
      if (kind === 'none') ctx.report({ span: inc.target.span, message: `Component '${name}' has no @version` });
      else if (kind === 'latest') ctx.report({ span: inc.target.span, message: `Component '${name}@~latest' takes every new release as soon as it is published; pin a full version or a commit SHA` });
      else if (kind === 'branch') ctx.report({ span: inc.target.span, message: `Component '${name}' follows the branch '${version}': every push to it changes this pipeline; pin a release or a commit SHA` });
      else if (kind === 'partial-semver') ctx.report({ span: inc.target.span, severity: 'low', persona: 'pedantic', message: `Component '${name}@${version}' resolves to the newest matching release at run time; pin a full version (x.y.z) or a commit SHA` });
    }
  },
});
