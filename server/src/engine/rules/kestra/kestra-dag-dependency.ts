import { canonicalType } from '../../kestra/types.js';
import type { Field, KestraFlow } from '../../model/kestra.js';
import { defineRule } from '../rule.js';

export default defineRule<KestraFlow>({
  meta: {
    id: 'kestra-dag-dependency',
    platform: 'kestra',
    kinds: ['kestra-flow'],
    title: 'Dag task depends on a missing task or forms a cycle',
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
  },
  check(ctx) {
    const dags = ctx.model.tasks.filter((t) => t.type && canonicalType(t.type.value) === 'io.kestra.plugin.core.flow.Dag');
    for (const dag of dags) {
      const children = ctx.model.tasks.filter((t) => t.parent === dag && t.via === 'tasks[].task');
      const deps = new Map<string, Field[]>();
      for (const c of children) if (c.id && !deps.has(c.id.value)) {
        deps.set(c.id.value, c.dagDependsOn ?? []);
      }
      for (const c of children) {
        for (const d of c.dagDependsOn ?? []) {
          if (!deps.has(d.value)) ctx.report({ span: d.span, message: `Dag task '${c.id?.value ?? '?'}' depends on '${d.value}', which is not a task of the Dag '${dag.id?.value ?? '?'}'` });
        }
      }
      const state = new Map<string, 'active' | 'done'>();
      const stack: string[] = [];
      const visit = (id: string) => {
        state.set(id, 'active');
        stack.push(id);
        for (const d of deps.get(id) ?? []) {
          if (!deps.has(d.value)) continue;
          const s = state.get(d.value);
          if (s === 'active') {
            const cycle = [...stack.slice(stack.indexOf(d.value)), d.value];
            ctx.report({ span: d.span, message: `Cyclic dependency in Dag '${dag.id?.value ?? '?'}' (${cycle.join(' -> ')}): none of these tasks can ever start` });
          } else if (!s) visit(d.value);
        }
        stack.pop();
        state.set(id, 'done');
      };
      for (const id of deps.keys()) if (!state.has(id)) visit(id);
    }
  },
});
