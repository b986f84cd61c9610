import type { Pipeline } from '../../model/gitlab.js';
import { defineRule } from '../rule.js';

const PINNED_URL = /\/[0-9a-f]{40}\//i;

export default defineRule<Pipeline>({
  meta: {
    id: 'gitlab-remote-include-integrity',
    platform: 'gitlab',
    kinds: ['gitlab-ci'],
    title: 'include:remote without an integrity hash',
    severity: 'medium',
    confidence: 'high',
    persona: 'regular',
    equivalents: { glsec: ['GL003'] },
  },
  check(ctx) {
    for (const inc of ctx.model.includes) {
      if (inc.kind !== 'remote' || !inc.target) continue;
      const url = inc.target.value;
      if (/^http:\/\//i.test(url)) {
        ctx.report({ span: inc.target.span, severity: 'high', message: `Remote include over plain HTTP: anyone on the network path can change the pipeline; use HTTPS and an integrity hash` });
        continue;
      }
      if (inc.integrity) continue;
      const pinned = PINNED_URL.test(url);
      ctx.report({
        span: inc.target.span,
        severity: pinned ? 'low' : 'medium',
        persona: pinned ? 'pedantic' : 'regular',
        message: pinned
          ? `Remote include pinned to a commit in its URL but without 'integrity': the server still decides what it returns; add integrity: sha256-<base64> (GitLab 17.9+)`
          : `Remote include without 'integrity': whoever controls ${hostOf(url)} changes this pipeline at will; add integrity: sha256-<base64> (GitLab 17.9+) or vendor the file`,
      });
    }
  },
});

function hostOf(url: string): string {
  return /^[a-z]+:\/\/([^/]+)/i.exec(url)?.[1] ?? 'the server';
}
