import { isMap, type Node } from 'yaml';
import { DEPRECATED_ALIASES, REMOVED_TYPES } from '../../kestra/types.js';
import { field, type Field, type KestraFlow } from '../../model/kestra.js';
import { getPair, items, keySpan, resolve, walk } from '../../yaml/nodes.js';
import { defineRule } from '../rule.js';

/** Replaces the type name inside its scalar, keeping the quotes. */
function renameEdit(text: string, f: Field, to: string) {
  const src = text.slice(f.span.start, f.span.end);
  const at = src.indexOf(f.value);
  if (at < 0) return undefined;
  return { start: f.span.start + at, end: f.span.start + at + f.value.length, newText: to };
}

export default defineRule<KestraFlow>({
  meta: {
    id: 'kestra-deprecated-type',
    platform: 'kestra',
    kinds: ['kestra-flow'],
    title: 'Deprecated plugin type name or flow property',
    severity: 'low',
    confidence: 'high',
    persona: 'regular',
    fixable: 'safe',
  },
  check(ctx) {
    const doc = ctx.doc;
    // Every `type:` in the flow: tasks, triggers, conditions, task runners, pluginDefaults.
    const types: Field[] = [];
    walk(ctx.model.root, (node: Node) => {
      if (!isMap(node)) return;
      const t = field(getPair(node, 'type', doc)?.value, doc);
      if (t && /^io\.kestra\./i.test(t.value)) types.push(t);
    }, doc);
    for (const t of types) {
      const current = DEPRECATED_ALIASES.get(t.value.toLowerCase());
      if (current) {
        const edit = renameEdit(ctx.text, t, current);
        ctx.report({
          span: t.span,
          message: `'${t.value}' is a deprecated name of '${current}': Kestra still resolves it, but new versions may drop the alias and editors, docs and schemas only know the current name`,
          fixes: edit ? [{ title: `Rename to ${current}`, safe: true, edits: [edit] }] : undefined,
        });
        continue;
      }
      const removed = REMOVED_TYPES[t.value.toLowerCase()];
      if (removed) ctx.report({ span: t.span, message: `'${t.value}' is deprecated since Kestra 0.11 (moved out of the core plugin, with no alias to a current task); migrate to ${removed}, whose properties differ and which runs in a container by default` });
    }
    // Deprecated flow properties.
    const td = getPair(ctx.model.root, 'taskDefaults', doc);
    if (td && !getPair(ctx.model.root, 'pluginDefaults', doc)) {
      const ks = keySpan(td)!;
      ctx.report({ span: ks, message: "'taskDefaults' is the deprecated name of 'pluginDefaults' (same meaning)", fixes: [{ title: 'Rename to pluginDefaults', safe: true, edits: [{ start: ks.start, end: ks.end, newText: 'pluginDefaults' }] }] });
    }
    const listeners = getPair(ctx.model.root, 'listeners', doc);
    if (listeners && items(resolve(listeners.value, doc), doc).length) {
      ctx.report({ span: keySpan(listeners)!, message: "'listeners' are deprecated and disabled by default since Kestra 0.12: use a Flow trigger or 'afterExecution' tasks (with runIf) instead" });
    }
    // Deprecated task and trigger properties.
    for (const task of ctx.model.tasks) {
      const runner = getPair(task.node, 'runner', doc);
      if (runner && /^(PROCESS|DOCKER)$/i.test(field(runner.value, doc)?.value ?? '')) {
        ctx.report({ span: keySpan(runner)!, message: "The 'runner' property of script tasks is deprecated since Kestra 0.18: use 'taskRunner' (type io.kestra.plugin.core.runner.Process or io.kestra.plugin.scripts.runner.docker.Docker; the Docker image moves to 'containerImage')" });
      }
    }
    for (const trigger of ctx.model.triggers) {
      const sc = getPair(trigger.node, 'scheduleConditions', doc);
      if (sc) ctx.report({ span: keySpan(sc)!, message: "'scheduleConditions' is deprecated since Kestra 0.15: use 'conditions'" });
    }

  },
});
