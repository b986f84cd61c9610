import { getPair, items, keySpan } from '../../yaml/nodes.js';
import { canonicalType } from '../../kestra/types.js';
import type { KestraFlow } from '../../model/kestra.js';
import { defineRule } from '../rule.js';

export default defineRule<KestraFlow>({
  meta: {
    id: 'kestra-flow-trigger-unscoped',
    platform: 'kestra',
    kinds: ['kestra-flow'],
    title: 'Flow trigger without conditions fires for every execution of every flow',
    severity: 'medium',
    confidence: 'high',
    persona: 'regular',
  },
  check(ctx) {
    for (const trigger of ctx.model.triggers) {
      if (!trigger.type || canonicalType(trigger.type.value) !== 'io.kestra.plugin.core.trigger.Flow') continue;
      const conditions = getPair(trigger.node, 'conditions', ctx.doc);
      const preconditions = getPair(trigger.node, 'preconditions', ctx.doc);
      if (items(conditions?.value, ctx.doc).length || preconditions?.value != null) continue;
      ctx.report({
        span: (conditions && keySpan(conditions)) ?? trigger.id?.span ?? trigger.type.span,
        message: `Flow trigger '${trigger.id?.value ?? '?'}' has no conditions or preconditions: it will be triggered for EVERY execution of EVERY flow on your instance (and its \`trigger.*\` data comes from any of them)`,
      });
    }
  },
});
