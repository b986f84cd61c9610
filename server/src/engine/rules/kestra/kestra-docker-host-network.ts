import { dockerSettings } from '../../kestra/docker.js';
import type { KestraFlow } from '../../model/kestra.js';
import { getPair, scalarString, spanOf } from '../../yaml/nodes.js';
import { defineRule } from '../rule.js';

export default defineRule<KestraFlow>({
  meta: {
    id: 'kestra-docker-host-network',
    platform: 'kestra',
    kinds: ['kestra-flow'],
    title: "Container shares the worker host's network",
    severity: 'medium',
    confidence: 'high',
    persona: 'regular',
  },
  check(ctx) {
    for (const s of dockerSettings(ctx.model, ctx.doc)) {
      const p = getPair(s.map, 'networkMode', ctx.doc);
      const mode = p && scalarString(p.value, ctx.doc);
      if (!mode || mode.toLowerCase() !== 'host') continue;
      ctx.report({
        span: spanOf(p.value)!,
        message: `${s.where} uses networkMode: host: the container sees every service listening on the worker (Kestra's own API and database ports, cloud metadata endpoints bound to the host) with no network isolation; use the default bridge network or a dedicated one`,
      });
    }
  },
});
