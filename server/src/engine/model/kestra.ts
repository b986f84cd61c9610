// Typed model of a Kestra flow over the YAML AST: flow -> tasks (recursively through every flowable
// key), triggers, inputs, pluginDefaults. Nodes and JSON pointers are kept so rules can report exact
// spans and map schema errors back.
import { isMap, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Span } from '../types.js';
import type { YamlDocument } from '../yaml/parse.js';
import { asMap, asSeq, get, getPair, items, keySpan, keyString, pairs, resolve, scalarString, spanOf } from '../yaml/nodes.js';

export interface Field {
  value: string;
  node: Node;
  span: Span;
}

/** Top-level list a task belongs to. */
export type TaskSection = 'tasks' | 'errors' | 'finally' | 'afterExecution' | 'listeners';

export interface KestraTask {
  node: YAMLMap<unknown, unknown>;
  span: Span;
  /** JSON pointer of the task object in the flow (`/tasks/0/then/1`). */
  pointer: string;
  id?: Field;
  type?: Field;
  section: TaskSection;
  parent?: KestraTask;
  /** Key of the parent it was reached through: `tasks`, `then`, `else`, `cases.<k>`, `defaults`, `errors`, `finally`, `tasks[].task`. */
  via?: string;
  /** For a Dag child: the `dependsOn` ids of its wrapper. */
  dagDependsOn?: Field[];
  depth: number;
}

export interface KestraTrigger {
  node: YAMLMap<unknown, unknown>;
  span: Span;
  pointer: string;
  id?: Field;
  type?: Field;
}

export interface KestraInput {
  node: YAMLMap<unknown, unknown>;
  span: Span;
  pointer: string;
  id?: Field;
  type?: Field;
  dependsOn: Field[];
}

export interface KestraPluginDefault {
  node: YAMLMap<unknown, unknown>;
  pointer: string;
  type?: Field;
}

export interface KestraFlow {
  doc: YamlDocument;
  root: YAMLMap<unknown, unknown>;
  id?: Field;
  namespace?: Field;
  /** Every task of the flow, depth-first in source order (tasks, errors, finally, afterExecution, listeners). */
  tasks: KestraTask[];
  triggers: KestraTrigger[];
  inputs: KestraInput[];
  pluginDefaults: KestraPluginDefault[];
  labelsPair?: Pair<unknown, unknown>;
  variables?: Node;
}

/** Keys holding a list of child tasks on a flowable task. */
const CHILD_LIST_KEYS = ['tasks', 'then', 'else', 'defaults', 'errors', 'finally', 'afterExecution'];
const MAX_DEPTH = 64;

export const esc = (s: string | number) => String(s).replace(/~/g, '~0').replace(/\//g, '~1');

export function field(node: unknown, doc: YamlDocument): Field | undefined {
  const n = resolve(node, doc);
  const value = scalarString(n, doc);
  const span = spanOf(node) ?? spanOf(n);
  if (value === undefined || !n || !span) return undefined;
  return { value, node: n, span };
}

export function fieldOf(map: unknown, key: string, doc: YamlDocument): Field | undefined {
  return field(get(map, key, doc), doc);
}

/** String items of a scalar-or-list value (`dependsOn: a` or `dependsOn: [a, b]`). */
export function stringList(node: unknown, doc: YamlDocument): Field[] {
  const single = field(node, doc);
  if (single) return [single];
  return items(node, doc).flatMap((it) => {
    const f = field(it, doc);
    return f ? [f] : [];
  });
}

/** True when a sequence item looks like a task (a mapping with `type` or `id`). */
function looksLikeTask(node: unknown, doc: YamlDocument): boolean {
  const m = asMap(node, doc);
  return !!m && (getPair(m, 'type', doc) !== undefined || getPair(m, 'id', doc) !== undefined);
}

function collectTasks(list: unknown, base: string, doc: YamlDocument, section: TaskSection, out: KestraTask[], parent: KestraTask | undefined, via: string | undefined, depth: number): void {
  if (depth > MAX_DEPTH) return;
  items(list, doc).forEach((raw, i) => {
    const pointer = `${base}/${i}`;
    const wrapper = asMap(raw, doc);
    if (!wrapper) return;
    // Dag: `tasks: [{task: {...}, dependsOn: [...]}]`.
    const inner = get(wrapper, 'task', doc);
    if (inner !== undefined && getPair(wrapper, 'type', doc) === undefined && asMap(inner, doc)) {
      visitTask(inner, `${pointer}/task`, doc, section, out, parent, 'tasks[].task', depth, stringList(get(wrapper, 'dependsOn', doc), doc));
      return;
    }
    visitTask(raw, pointer, doc, section, out, parent, via, depth);
  });
}

function visitTask(raw: unknown, pointer: string, doc: YamlDocument, section: TaskSection, out: KestraTask[], parent: KestraTask | undefined, via: string | undefined, depth: number, dagDependsOn?: Field[]): void {
  const node = asMap(raw, doc);
  const span = spanOf(raw) ?? spanOf(node);
  if (!node || !span) return;
  const task: KestraTask = { node, span, pointer, id: fieldOf(node, 'id', doc), type: fieldOf(node, 'type', doc), section, parent, via, depth };
  if (dagDependsOn) task.dagDependsOn = dagDependsOn;
  out.push(task);
  for (const p of pairs(node, doc)) {
    const key = keyString(p, doc);
    if (!key) continue;
    const childBase = `${pointer}/${esc(key)}`;
    if (CHILD_LIST_KEYS.includes(key)) {
      const seq = asSeq(p.value, doc);
      if (!seq) continue;
      // `defaults` is a child list only on Switch-like tasks: items must look like tasks.
      if (key === 'defaults' && !items(seq, doc).every((it) => looksLikeTask(it, doc))) continue;
      collectTasks(seq, childBase, doc, section, out, task, key, depth + 1);
    } else if (key === 'cases') {
      for (const c of pairs(p.value, doc)) {
        const ck = keyString(c, doc);
        if (ck === undefined || !asSeq(c.value, doc)) continue;
        collectTasks(c.value, `${childBase}/${esc(ck)}`, doc, section, out, task, `cases.${ck}`, depth + 1);
      }
    }
  }
}

export function buildFlow(doc: YamlDocument): KestraFlow | undefined {
  const root = asMap(doc.contents, doc);
  if (!root) return undefined;
  const flow: KestraFlow = {
    doc,
    root,
    id: fieldOf(root, 'id', doc),
    namespace: fieldOf(root, 'namespace', doc),
    tasks: [],
    triggers: [],
    inputs: [],
    pluginDefaults: [],
    labelsPair: getPair(root, 'labels', doc),
    variables: get(root, 'variables', doc),
  };
  for (const section of ['tasks', 'errors', 'finally', 'afterExecution'] as const) {
    collectTasks(get(root, section, doc), `/${section}`, doc, section, flow.tasks, undefined, undefined, 0);
  }
  items(get(root, 'listeners', doc), doc).forEach((l, i) => {
    collectTasks(get(l, 'tasks', doc), `/listeners/${i}/tasks`, doc, 'listeners', flow.tasks, undefined, undefined, 0);
  });
  items(get(root, 'triggers', doc), doc).forEach((raw, i) => {
    const node = asMap(raw, doc);
    const span = spanOf(raw);
    if (node && span) flow.triggers.push({ node, span, pointer: `/triggers/${i}`, id: fieldOf(node, 'id', doc), type: fieldOf(node, 'type', doc) });
  });
  items(get(root, 'inputs', doc), doc).forEach((raw, i) => {
    const node = asMap(raw, doc);
    const span = spanOf(raw);
    if (!node || !span) return;
    // `name` is the pre-0.15 spelling of `id`.
    flow.inputs.push({ node, span, pointer: `/inputs/${i}`, id: fieldOf(node, 'id', doc) ?? fieldOf(node, 'name', doc), type: fieldOf(node, 'type', doc), dependsOn: readDependsOn(node, doc) });
  });
  const defaults = get(root, 'pluginDefaults', doc) ?? get(root, 'taskDefaults', doc);
  const defaultsKey = getPair(root, 'pluginDefaults', doc) ? 'pluginDefaults' : 'taskDefaults';
  items(defaults, doc).forEach((raw, i) => {
    const node = asMap(raw, doc);
    if (node) flow.pluginDefaults.push({ node, pointer: `/${defaultsKey}/${i}`, type: fieldOf(node, 'type', doc) });
  });
  return flow;
}

/** Input `dependsOn`: `{inputs: [ids], condition}` (or a bare list, as some versions accepted). */
function readDependsOn(input: unknown, doc: YamlDocument): Field[] {
  const d = resolve(get(input, 'dependsOn', doc), doc);
  if (isSeq(d)) return stringList(d, doc);
  if (isMap(d)) return stringList(get(d, 'inputs', doc), doc);
  return [];
}

/** The task, trigger or pluginDefault `type` with its key span, for edits. */
export function typeKeySpan(node: unknown, doc: YamlDocument): Span | undefined {
  const p = getPair(node, 'type', doc);
  return p ? keySpan(p) : undefined;
}

/** The input definitions by id (first wins). */
export function inputsById(flow: KestraFlow): Map<string, KestraInput> {
  const m = new Map<string, KestraInput>();
  for (const i of flow.inputs) if (i.id && !m.has(i.id.value)) m.set(i.id.value, i);
  return m;
}

/** Ancestors of a task, nearest first. */
export function ancestors(task: KestraTask): KestraTask[] {
  const out: KestraTask[] = [];
  for (let p = task.parent; p; p = p.parent) out.push(p);
  return out;
}
