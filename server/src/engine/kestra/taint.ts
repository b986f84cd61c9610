// Where Pebble-interpolated data comes from, and whether someone other than the flow's author controls
// it: caller inputs, webhook and polling-trigger payloads, other tasks' outputs (HTTP bodies, query
// results), execution labels, ForEach values built from them. Shared by the injection rules.
import { isMap, isScalar, isSeq, Scalar, type Node } from 'yaml';
import { findPebble, type PebbleRef, type PebbleTag } from '../expressions/pebble.js';
import { ancestors, fieldOf, inputsById, type KestraFlow, type KestraInput, type KestraTask } from '../model/kestra.js';
import type { YamlDocument } from '../yaml/parse.js';
import { get, pairs, keyString, resolve, scalarString } from '../yaml/nodes.js';
import type { Confidence, Severity, Span } from '../types.js';
import { canonicalType } from './types.js';

export interface Taint {
  /** Human description of where the value comes from. */
  source: string;
  severity: Severity;
  confidence: Confidence;
}

/** Input types whose values Kestra validates into something that cannot carry code. */
const SAFE_INPUT_TYPES = new Set(['INT', 'FLOAT', 'BOOLEAN', 'BOOL', 'DATETIME', 'DATE', 'TIME', 'DURATION', 'FILE']);
const CHOICE_INPUT_TYPES = new Set(['SELECT', 'ENUM', 'MULTISELECT']);
/** `trigger.<x>` fields that are ids, dates or states set by Kestra, not by whoever triggered. */
const SAFE_TRIGGER_FIELDS = new Set(['uri', 'uris', 'size', 'count', 'date', 'next', 'previous', 'executionId', 'namespace', 'flowId', 'flowRevision', 'state', 'executionLabels']);
/** `outputs.<task>.<x>` fields that Kestra generates (storage URIs, counters, codes). */
const SAFE_OUTPUT_FIELDS = new Set(['uri', 'uris', 'outputFiles', 'exitCode', 'code', 'size', 'count', 'rowCount', 'total', 'executionId', 'state', 'length', 'iterationCount', 'numberOfBatches', 'taskRunId']);
const SAFE_EXECUTION_FIELDS = new Set(['id', 'startDate', 'originalId', 'state', 'namespace', 'flowId', 'flowRevision']);
/** Filters and functions whose result cannot carry shell or SQL syntax. */
const SANITISERS = new Set(['number', 'length', 'abs', 'date', 'dateAdd', 'timestamp', 'timestampMicro', 'timestampNano', 'numberFormat', 'sha1', 'sha256', 'sha512', 'md5', 'urlencode', 'base64encode', 'isnull', 'isempty'].map((s) => s.toLowerCase()));
/** Untrusted-string validators: an anchored regex without wildcards, negations or shell/SQL metacharacters. */
function restrictiveValidator(v: string | undefined): boolean {
  if (!v || !v.startsWith('^') || !v.endsWith('$')) return false;
  const body = v.slice(1, -1);
  if (/(^|[^\\])\./.test(body) || /\\[SWDsn]|\[\^/.test(body)) return false;
  return !/[\s'"`;$|&<>(){}]/.test(body.replace(/\\[.\-+*?()[\]{}|^$]/g, '').replace(/\{\d+(,\d*)?\}/g, '').replace(/\((?:\?:)?|\)|\|/g, ''));
}

export function inputTaint(input: KestraInput | undefined, name: string, doc: YamlDocument): Taint | undefined {
  if (!input) return { source: `the input '${name}' (not declared in this flow)`, severity: 'high', confidence: 'medium' };
  const type = input.type?.value.toUpperCase() ?? 'STRING';
  if (SAFE_INPUT_TYPES.has(type)) return undefined;
  if (CHOICE_INPUT_TYPES.has(type) && scalarString(get(input.node, 'allowCustomValue', doc), doc) !== 'true') return undefined;
  if (type === 'STRING' && restrictiveValidator(fieldOf(input.node, 'validator', doc)?.value)) return undefined;
  return { source: `the ${type} input '${name}' (chosen by whoever starts the execution)`, severity: 'high', confidence: 'high' };
}

export class TaintAnalysis {
  private readonly inputs: Map<string, KestraInput>;
  private readonly taskById = new Map<string, KestraTask>();
  private readonly triggerTypes: string[];
  private readonly depth = new Set<string>();

  constructor(readonly flow: KestraFlow, readonly doc: YamlDocument, readonly text: string) {
    this.inputs = inputsById(flow);
    for (const t of flow.tasks) if (t.id && !this.taskById.has(t.id.value)) this.taskById.set(t.id.value, t);
    this.triggerTypes = flow.triggers.map((t) => canonicalType(t.type?.value ?? ''));
  }

  /** Taint of one reference used in `task` (undefined: trusted or author-controlled). */
  refTaint(ref: PebbleRef, task: KestraTask | undefined, bound: Map<string, Taint>): Taint | undefined {
    if (!ref.flowsToOutput) return undefined;
    if (ref.filters.some((f) => SANITISERS.has(f.toLowerCase())) || ref.functions.some((f) => SANITISERS.has(f.toLowerCase()))) return undefined;
    const segs = ref.path.split('.');
    const [root, a, b] = segs;
    if (bound.has(root)) return bound.get(root);
    switch (root) {
      case 'inputs':
        return a && a !== '*' ? inputTaint(this.inputs.get(a), a, this.doc) : { source: 'the flow inputs', severity: 'high', confidence: 'medium' };
      case 'trigger': {
        if ((a && SAFE_TRIGGER_FIELDS.has(a)) || segs.at(-1) === 'uri') return undefined;
        const types = this.triggerTypes;
        if (types.length && types.every((t) => t === 'io.kestra.plugin.core.trigger.Schedule' || t === 'io.kestra.plugin.core.trigger.ScheduleOnDates')) return undefined;
        if (types.includes('io.kestra.plugin.core.trigger.Webhook')) return { source: `the webhook request data 'trigger.${segs.slice(1).join('.')}' (sent by anyone who knows the webhook URL)`, severity: 'high', confidence: 'high' };
        return { source: `trigger data 'trigger.${segs.slice(1).join('.')}' (messages, files or other flows' outputs)`, severity: 'medium', confidence: 'medium' };
      }
      case 'outputs': {
        if (!a || (b && SAFE_OUTPUT_FIELDS.has(b)) || segs.at(-1) === 'uri') return undefined;
        const producer = this.taskById.get(a);
        const ptype = producer?.type ? canonicalType(producer.type.value) : '';
        // Author-written outputs: tainted only if what they return is.
        if (producer && (ptype === 'io.kestra.plugin.core.output.OutputValues' || ptype === 'io.kestra.plugin.core.debug.Return')) {
          const src = ptype === 'io.kestra.plugin.core.debug.Return' ? get(producer.node, 'format', this.doc) : b === 'values' && segs[3] ? get(get(producer.node, 'values', this.doc), segs[3], this.doc) : get(producer.node, 'values', this.doc);
          return this.nodeTaint(src, producer, `outputs.${a}`);
        }
        return { source: `the output '${ref.path}' of task '${a}' (data that task read or received)`, severity: 'medium', confidence: 'medium' };
      }
      case 'execution':
        if (!a || SAFE_EXECUTION_FIELDS.has(a)) return undefined;
        return { source: `execution data '${ref.path}'`, severity: 'medium', confidence: 'low' };
      case 'labels':
        return { source: `the execution label '${ref.path}' (set by whoever starts the execution)`, severity: 'medium', confidence: 'low' };
      case 'taskrun':
      case 'parent':
      case 'parents':
        if (!segs.includes('value') || !task) return undefined;
        return this.loopTaint(task);
      default:
        return undefined;
    }
  }

  /** ForEach / EachSequential / EachParallel values built from untrusted data make `taskrun.value` untrusted. */
  private loopTaint(task: KestraTask): Taint | undefined {
    for (const anc of ancestors(task)) {
      const t = anc.type ? canonicalType(anc.type.value) : '';
      if (!/\.flow\.(ForEach|EachSequential|EachParallel)$/.test(t)) continue;
      const values = get(anc.node, 'values', this.doc) ?? get(anc.node, 'value', this.doc);
      const inner = this.nodeTaint(values, anc, `${anc.id?.value ?? '?'}.values`);
      if (inner) return { ...inner, source: `'taskrun.value' of the loop '${anc.id?.value ?? '?'}' (its values come from ${inner.source})` };
      return undefined;
    }
    return undefined;
  }

  /** Taint of any value node (every scalar inside it scanned). */
  nodeTaint(node: unknown, task: KestraTask | undefined, key: string): Taint | undefined {
    if (this.depth.has(key) || this.depth.size > 16) return undefined;
    this.depth.add(key);
    try {
      for (const s of scalarsOf(node, this.doc)) {
        for (const hit of this.scalarHits(s, task)) return hit.taint;
      }
      return undefined;
    } finally {
      this.depth.delete(key);
    }
  }

  /** Untrusted `{{ }}` outputs inside one scalar (loop and `set` variables followed within it). */
  scalarHits(scalar: Scalar, task: KestraTask | undefined): { tag: PebbleTag; ref: PebbleRef; taint: Taint }[] {
    const range = scalar.range;
    if (!range) return [];
    const out: { tag: PebbleTag; ref: PebbleRef; taint: Taint }[] = [];
    const src = this.text.slice(range[0], range[1]);
    if (!src.includes('{{') && !src.includes('{%')) return out;
    const bound = new Map<string, Taint>();
    for (const tag of findPebble(this.text, range[0], range[1])) {
      if (tag.kind === 'tag' && tag.binds) {
        const t = tag.refs.map((r) => this.refTaint({ ...r, flowsToOutput: true }, task, bound)).find(Boolean);
        if (t) bound.set(tag.binds, t);
        continue;
      }
      if (tag.kind !== 'output') continue;
      for (const ref of tag.refs) {
        const taint = this.refTaint(ref, task, bound);
        if (taint) {
          out.push({ tag, ref, taint });
          break; // one finding per expression
        }
      }
      // read(x) / render(x) of untrusted data is untrusted too (handled via refs' function lists).
    }
    return out;
  }
}

/** Every scalar node inside a value (bounded). */
export function scalarsOf(node: unknown, doc: YamlDocument, limit = 2000): Scalar[] {
  const out: Scalar[] = [];
  const rec = (n: unknown, d: number) => {
    if (out.length >= limit || d > 50) return;
    const r = resolve(n, doc);
    if (isScalar(r)) {
      if (typeof r.value === 'string') out.push(r);
    } else if (isMap(r)) for (const p of pairs(r, doc)) rec(p.value, d + 1);
    else if (isSeq(r)) for (const it of r.items) rec(it, d + 1);
  };
  rec(node, 0);
  return out;
}

export interface Sink {
  task: KestraTask;
  /** The property (`script`, `commands`, `beforeCommands`, `sql`, `inputFiles.main.py`, `spec`). */
  property: string;
  kind: 'shell' | 'code' | 'sql' | 'task-spec';
  node: Node;
}

const CODE_FILE = /\.(py|sh|bash|zsh|js|mjs|cjs|ts|rb|r|pl|php|ps1|psm1|groovy|scala|java|go|sql|jl|lua)$/i;

/** Language of a script task's `script`: shell for shell/CLI tasks, code otherwise. */
function scriptKind(type: string, property: string): Sink['kind'] {
  if (property === 'commands' || property === 'beforeCommands') return 'shell';
  if (/\.(shell|powershell)\.|\.core\.tasks\.scripts\.Bash$|\.cli\./i.test(type)) return 'shell';
  return 'code';
}

/** Properties of a task where interpolated text becomes code or a query. */
export function sinksOf(task: KestraTask, doc: YamlDocument): Sink[] {
  const type = task.type ? canonicalType(task.type.value) : '';
  if (!type) return [];
  const out: Sink[] = [];
  for (const p of pairs(task.node, doc)) {
    const key = keyString(p, doc);
    const value = p.value as Node | null;
    if (!key || value == null) continue;
    if ((key === 'script' || key === 'commands' || key === 'beforeCommands') && !type.startsWith('io.kestra.plugin.core.')) out.push({ task, property: key, kind: scriptKind(type, key), node: value });
    else if (key === 'sql' || key === 'sqls' || (key === 'query' && /\.(bigquery|jdbc|databricks|snowflake|duckdb|clickhouse)\./i.test(type))) out.push({ task, property: key, kind: 'sql', node: value });
    else if (key === 'spec' && type === 'io.kestra.plugin.core.templating.TemplatedTask') out.push({ task, property: key, kind: 'task-spec', node: value });
    else if (key === 'inputFiles' && isMap(resolve(value, doc))) {
      for (const f of pairs(value, doc)) {
        const name = keyString(f, doc);
        if (name && CODE_FILE.test(name) && f.value != null) out.push({ task, property: `inputFiles.${name}`, kind: name.endsWith('.sql') ? 'sql' : 'code', node: f.value as Node });
      }
    }
  }
  return out;
}

/** The Process runner: `taskRunner.type: ...runner.Process`, legacy `runner: PROCESS`, or a legacy core script task without `runner: DOCKER`. */
export function processRunner(task: KestraTask, doc: YamlDocument): Span | undefined {
  const tr = get(task.node, 'taskRunner', doc);
  const trType = fieldOf(tr, 'type', doc);
  if (trType && canonicalType(trType.value) === 'io.kestra.plugin.core.runner.Process') return trType.span;
  const runner = fieldOf(task.node, 'runner', doc);
  if (runner && runner.value.toUpperCase() === 'PROCESS') return runner.span;
  const type = task.type?.value ?? '';
  if (/^io\.kestra\.core\.tasks\.scripts\./i.test(type) && !runner) return task.type!.span;
  return undefined;
}

