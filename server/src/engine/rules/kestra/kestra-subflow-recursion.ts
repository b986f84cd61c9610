import { canonicalType } from '../../kestra/types.js';
import { fieldOf, type KestraFlow } from '../../model/kestra.js';
import { defineRule } from '../rule.js';

/** Tasks that start an execution of a flow given by `namespace` + `flowId` (Kestra's ExecutableTask). */
const EXECUTABLE = new Set(['io.kestra.plugin.core.flow.Subflow', 'io.kestra.plugin.core.flow.ForEachItem', 'io.kestra.core.tasks.flows.Flow', 'io.kestra.plugin.core.flow.Flow']);

export default defineRule<KestraFlow>({
  meta: {
    id: 'kestra-subflow-recursion',
    platform: 'kestra',
    kinds: ['kestra-flow'],
    title: 'A Subflow task calls the flow it belongs to',
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
  },
  check(ctx) {
    const { id, namespace } = ctx.model;
    if (!id || !namespace) return;
    for (const task of ctx.model.tasks) {
      if (!task.type || !EXECUTABLE.has(canonicalType(task.type.value))) continue;
      const flowId = fieldOf(task.node, 'flowId', ctx.doc);
      const ns = fieldOf(task.node, 'namespace', ctx.doc);
      if (!flowId || !ns || flowId.value !== id.value || ns.value !== namespace.value) continue;
      ctx.report({
        span: flowId.span,
        message: `Recursive call to flow '${namespace.value}.${id.value}': this task starts an execution of its own flow, which would start another, without end; Kestra rejects the flow`,
        related: [{ span: id.span, message: 'the flow id' }],
      });
    }
  },
});
