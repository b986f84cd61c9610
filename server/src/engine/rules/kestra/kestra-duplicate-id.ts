import { get, items } from '../../yaml/nodes.js';
import { fieldOf, type Field, type KestraFlow } from '../../model/kestra.js';
import { defineRule } from '../rule.js';

export default defineRule<KestraFlow>({
  meta: {
    id: 'kestra-duplicate-id',
    platform: 'kestra',
    kinds: ['kestra-flow'],
    title: 'Two tasks, triggers, inputs or outputs of a flow share an id',
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
  },
  check(ctx) {
    const flow = ctx.model;
    const check = (what: string, ids: (Field | undefined)[], note = '') => {
      const first = new Map<string, Field>();
      for (const id of ids) {
        if (!id) continue;
        const prev = first.get(id.value);
        if (!prev) {
          first.set(id.value, id);
          continue;
        }
        ctx.report({ span: id.span, message: `Duplicate ${what} id '${id.value}'${note}: Kestra rejects the flow`, related: [{ span: prev.span, message: `first ${what} with id '${id.value}'` }] });
      }
    };
    // Task ids are unique across the whole flow (nested, errors, finally, afterExecution, listeners).
    check('task', flow.tasks.map((t) => t.id), ' (task ids are unique across the whole flow, nested tasks included)');
    check('trigger', flow.triggers.map((t) => t.id));
    check('input', flow.inputs.map((i) => i.id));
    check('output', items(get(flow.root, 'outputs', ctx.doc), ctx.doc).map((o) => fieldOf(o, 'id', ctx.doc)));
  },
});
