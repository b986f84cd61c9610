import type { Field, KestraFlow } from '../../model/kestra.js';
import { defineRule } from '../rule.js';

export default defineRule<KestraFlow>({
  meta: {
    id: 'kestra-input-cycle',
    platform: 'kestra',
    kinds: ['kestra-flow'],
    title: 'Input dependsOn names a missing input or forms a cycle',
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
  },
  check(ctx) {
    const byId = new Map<string, Field[]>();
    for (const input of ctx.model.inputs) if (input.id && !byId.has(input.id.value)) byId.set(input.id.value, input.dependsOn);
    for (const input of ctx.model.inputs) {
      if (!input.id) continue;
      for (const dep of input.dependsOn) {
        if (!byId.has(dep.value)) ctx.report({ span: dep.span, message: `Input '${input.id.value}' depends on '${dep.value}', which is not an input of this flow` });
        else if (dep.value === input.id.value) ctx.report({ span: dep.span, message: `Input '${input.id.value}' depends on itself` });
      }
    }
    // Cycles: report each cycle once, on the edge that closes it (depth-first, in source order).
    const state = new Map<string, 'active' | 'done'>();
    const stack: string[] = [];
    const visit = (id: string) => {
      state.set(id, 'active');
      stack.push(id);
      for (const dep of byId.get(id) ?? []) {
        if (dep.value === id || !byId.has(dep.value)) continue;
        const s = state.get(dep.value);
        if (s === 'active') {
          const cycle = [...stack.slice(stack.indexOf(dep.value)), dep.value];
          ctx.report({ span: dep.span, message: `Inputs depend on each other in a cycle (${cycle.join(' -> ')}): Kestra cannot decide which to ask first and rejects the flow` });
        } else if (!s) visit(dep.value);
      }
      stack.pop();
      state.set(id, 'done');
    };
    for (const id of byId.keys()) if (!state.has(id)) visit(id);
  },
});
