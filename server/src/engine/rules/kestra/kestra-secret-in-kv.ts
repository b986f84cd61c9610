import { isScalar, type Node } from 'yaml';
import { findPebble } from '../../expressions/pebble.js';
import { canonicalType } from '../../kestra/types.js';
import { fieldOf, type KestraFlow } from '../../model/kestra.js';
import { get, walk } from '../../yaml/nodes.js';
import { scalarsOf } from '../../kestra/taint.js';
import { defineRule } from '../rule.js';

const SECRET_NAME = /(pass(word|wd)?|secret|token|api[_-]?key|private[_-]?key|credential|access[_-]?key|client[_-]?secret|auth)/i;

export default defineRule<KestraFlow>({
  meta: {
    id: 'kestra-secret-in-kv',
    platform: 'kestra',
    kinds: ['kestra-flow'],
    title: 'Secret kept in the KV store',
    severity: 'medium',
    confidence: 'medium',
    persona: 'regular',
  },
  check(ctx) {
    // kv('DB_PASSWORD'): reading a credential from the KV store.
    walk(ctx.model.root, (node: Node) => {
      if (!isScalar(node) || typeof node.value !== 'string' || !node.range || !node.value.includes('kv(')) return;
      for (const tag of findPebble(ctx.text, node.range[0], node.range[1])) {
        for (const call of tag.calls) {
          if (call.name !== 'kv' || !call.firstString || !SECRET_NAME.test(call.firstString)) continue;
          ctx.report({ span: call.span, message: `kv('${call.firstString}') reads what looks like a credential from the KV store, which is not a secret store: KV values are readable by anyone with KVSTORE read access on the namespace and are not masked in logs; use {{ secret('${call.firstString}') }}` });
        }
      }
    }, ctx.doc);
    // kv.Set tasks storing secrets or credential-named keys.
    for (const task of ctx.model.tasks) {
      if (!task.type || canonicalType(task.type.value) !== 'io.kestra.plugin.core.kv.Set') continue;
      const key = fieldOf(task.node, 'key', ctx.doc);
      const value = get(task.node, 'value', ctx.doc);
      const copiesSecret = scalarsOf(value, ctx.doc).some((s) => s.range && findPebble(ctx.text, s.range[0], s.range[1]).some((t) => t.calls.some((c) => c.name === 'secret')));
      if (copiesSecret) {
        ctx.report({ span: task.type.span, severity: 'high', confidence: 'high', message: `Task '${task.id?.value ?? '?'}' copies a secret() into the KV store, where it is no longer encrypted as a secret, access-controlled as one, or masked in logs` });
      } else if (key && SECRET_NAME.test(key.value)) {
        ctx.report({ span: key.span, message: `Task '${task.id?.value ?? '?'}' stores '${key.value}' in the KV store: if it is a credential, keep it as a secret instead (KV values are readable by namespace users and not masked)` });
      }
    }
  },
});
