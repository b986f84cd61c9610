import { dockerSettings } from '../../kestra/docker.js';
import type { KestraFlow } from '../../model/kestra.js';
import { getPair, keySpan, scalarString, spanOf } from '../../yaml/nodes.js';
import { defineRule } from '../rule.js';

export default defineRule<KestraFlow>({
  meta: {
    id: 'kestra-docker-privileged',
    platform: 'kestra',
    kinds: ['kestra-flow'],
    title: 'Container runs privileged',
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
  },
  check(ctx) {
    for (const s of dockerSettings(ctx.model, ctx.doc)) {
      const p = getPair(s.map, 'privileged', ctx.doc);
      if (!p || scalarString(p.value, ctx.doc) !== 'true') continue;
      ctx.report({
        span: { start: keySpan(p)!.start, end: spanOf(p.value)?.end ?? keySpan(p)!.end },
        message: `${s.where} runs its container with --privileged: the container gets every capability and the host's devices, so code in it (and any data injected into it) can take over the Docker host and other tasks on the worker`,
      });
    }
  },
});
