import { canonicalType } from '../../kestra/types.js';
import { fieldOf, type KestraFlow } from '../../model/kestra.js';
import { defineRule } from '../rule.js';

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}

export default defineRule<KestraFlow>({
  meta: {
    id: 'kestra-webhook-key',
    platform: 'kestra',
    kinds: ['kestra-flow'],
    title: 'Webhook key written in the flow or easy to guess',
    severity: 'medium',
    confidence: 'high',
    persona: 'regular',
    fixable: 'unsafe',
    defaultOptions: { minLength: 20 },
    optionsSchema: { type: 'object', properties: { minLength: { type: 'integer', minimum: 1, description: 'Shortest literal key not reported as guessable.' } } },
  },
  check(ctx) {
    const minLength = Number(ctx.options.minLength ?? 20);
    for (const trigger of ctx.model.triggers) {
      if (!trigger.type || canonicalType(trigger.type.value) !== 'io.kestra.plugin.core.trigger.Webhook') continue;
      const key = fieldOf(trigger.node, 'key', ctx.doc);
      if (!key || key.value.includes('{{')) continue;
      const name = `${(ctx.model.id?.value ?? 'FLOW').replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()}_WEBHOOK_KEY`;
      const weak = key.value.length < minLength || entropy(key.value) < 3;
      ctx.report({
        span: key.span,
        severity: weak ? 'high' : 'medium',
        message: weak
          ? `The webhook key '${key.value}' is ${key.value.length < minLength ? `only ${key.value.length} characters long` : 'low in entropy'}: the key is the only thing protecting /api/v1/executions/webhook/${ctx.model.namespace?.value ?? '<namespace>'}/${ctx.model.id?.value ?? '<flow>'}/<key>, so anyone who guesses it starts executions with their own payload; use a long random key from a secret`
          : `The webhook key is written in the flow: everyone who can read the flow (or its Git history) can call the webhook; keep it in a secret ({{ secret('${name}') }})`,
        fixes: [{ title: `Read the key from the secret '${name}' (create it with a long random value first)`, safe: false, edits: [{ start: key.span.start, end: key.span.end, newText: `"{{ secret('${name}') }}"` }] }],
      });
    }
  },
});
