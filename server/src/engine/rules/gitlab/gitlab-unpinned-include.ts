import type { Pipeline } from '../../model/gitlab.js';
import { classifyRef } from '../../gitlab/pinning.js';
import { defineRule } from '../rule.js';

type Pin = 'ref' | 'sha';

export default defineRule<Pipeline>({
  meta: {
    id: 'gitlab-unpinned-include',
    platform: 'gitlab',
    kinds: ['gitlab-ci'],
    title: 'include:project without a ref, or with a branch ref',
    severity: 'medium',
    confidence: 'high',
    persona: 'regular',
    equivalents: { glsec: ['GL003'] },
    defaultOptions: { pin: 'ref' },
    optionsSchema: { type: 'object', properties: { pin: { enum: ['ref', 'sha'], description: '"ref": release tags are enough; "sha": require a commit SHA.' } } },
  },
  check(ctx) {
    const policy = (ctx.settings.policy.gitlab as { 'include-pinning'?: Pin } | undefined)?.['include-pinning'];
    const pin: Pin = policy ?? (ctx.options.pin as Pin) ?? 'ref';
    for (const inc of ctx.model.includes) {
      if (inc.kind !== 'project' || !inc.target || inc.target.value.includes('$')) continue;
      const project = inc.target.value;
      const kind = classifyRef(inc.ref?.value);
      if (kind === 'none') {
        ctx.report({ span: inc.target.span, message: `include:project '${project}' has no ref: the pipeline runs whatever its default branch holds at that moment; pin a commit SHA or a release tag` });
      } else if (kind === 'branch' || kind === 'latest') {
        ctx.report({ span: inc.ref!.span, message: `include:project '${project}' follows the branch '${inc.ref!.value}': every push to it changes this pipeline; pin a commit SHA or a release tag` });
      } else if (kind === 'semver' || kind === 'partial-semver' || kind === 'tag') {
        ctx.report({
          span: inc.ref!.span,
          severity: pin === 'sha' ? 'medium' : 'low',
          persona: pin === 'sha' ? 'regular' : 'pedantic',
          message: `include:project '${project}' is pinned to the tag '${inc.ref!.value}', which its maintainers can move; pin the commit SHA${pin === 'sha' ? ' (policy: sha)' : ''}`,
        });
      }
    }
  },
});
