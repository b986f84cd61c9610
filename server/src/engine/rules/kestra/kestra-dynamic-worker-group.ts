import { findPebble } from '../../expressions/pebble.js';
import { TaintAnalysis } from '../../kestra/taint.js';
import { fieldOf, type KestraFlow, type KestraTask } from '../../model/kestra.js';
import { get } from '../../yaml/nodes.js';
import { defineRule } from '../rule.js';

export default defineRule<KestraFlow>({
  meta: {
    id: 'kestra-dynamic-worker-group',
    platform: 'kestra',
    kinds: ['kestra-flow'],
    title: 'Worker group chosen by data the caller controls',
    severity: 'medium',
    confidence: 'high',
    persona: 'regular',
  },
  check(ctx) {
    const analysis = new TaintAnalysis(ctx.model, ctx.doc, ctx.text);
    const owners = [...ctx.model.tasks.map((t) => ({ t, task: t as KestraTask | undefined, label: `task '${t.id?.value ?? '?'}'` })), ...ctx.model.triggers.map((t) => ({ t, task: undefined, label: `trigger '${t.id?.value ?? '?'}'` }))];
    for (const { t, task, label } of owners) {
      const key = fieldOf(get(t.node, 'workerGroup', ctx.doc), 'key', ctx.doc);
      if (!key || !key.value.includes('{{')) continue;
      for (const tag of findPebble(ctx.text, key.span.start, key.span.end)) {
        const hit = tag.refs.map((r) => ({ r, taint: analysis.refTaint(r, task, new Map()) })).find((x) => x.taint);
        if (!hit) continue;
        ctx.report({
          span: tag.span,
          severity: hit.taint!.severity,
          confidence: hit.taint!.confidence,
          message: `The worker group of ${label} comes from ${hit.taint!.source}: whoever sets it picks which worker pool runs the task, including pools reserved for privileged networks or data; use a fixed key, or a SELECT input listing the allowed groups`,
        });
        break;
      }
    }
  },
});
