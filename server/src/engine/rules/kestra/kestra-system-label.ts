import { isMap, isSeq } from 'yaml';
import { getPair, items, keySpan, keyString, pairs, resolve } from '../../yaml/nodes.js';
import { field, type KestraFlow } from '../../model/kestra.js';
import type { Span } from '../../types.js';
import { defineRule } from '../rule.js';

/** System labels a flow may set itself. */
const ALLOWED = new Set(['system.readOnly']);

export default defineRule<KestraFlow>({
  meta: {
    id: 'kestra-system-label',
    platform: 'kestra',
    kinds: ['kestra-flow'],
    title: "Flow label uses Kestra's reserved system. prefix",
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
  },
  check(ctx) {
    const labels = resolve(ctx.model.labelsPair?.value, ctx.doc);
    const keys: { key: string; span: Span }[] = [];
    if (isMap(labels)) {
      for (const p of pairs(labels, ctx.doc)) {
        const k = keyString(p, ctx.doc);
        const s = keySpan(p);
        if (k !== undefined && s) keys.push({ key: k, span: s });
      }
    } else if (isSeq(labels)) {
      for (const it of items(labels, ctx.doc)) {
        const k = field(getPair(it, 'key', ctx.doc)?.value, ctx.doc);
        if (k) keys.push({ key: k.value, span: k.span });
      }
    }
    for (const { key, span } of keys) {
      if (!key.startsWith('system.') || ALLOWED.has(key)) continue;
      ctx.report({ span, message: `Label '${key}': the 'system.' prefix is reserved for labels Kestra sets itself (only system.readOnly may be set in a flow); Kestra rejects the flow` });
    }
  },
});
