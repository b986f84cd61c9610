// Typed model of a GitLab CI document over the YAML AST: pipeline -> jobs (hidden `.templates` too) with
// `extends:` and `default:` resolved, scripts as lines with exact spans, variables, rules, needs, include,
// image/services, id_tokens, secrets, trigger, environment. Nodes are kept so rules report exact spans.
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { Span } from '../types.js';
import type { YamlDocument, YamlFile } from '../yaml/parse.js';
import { asMap, get, getPair, items, keySpan, keyString, pairs, resolve, scalarString, spanOf } from '../yaml/nodes.js';

export const REFERENCE = '!reference';

/** Top-level keys that are not jobs. */
export const GLOBAL_KEYWORDS = new Set(['image', 'services', 'before_script', 'after_script', 'variables', 'cache', 'default', 'stages', 'include', 'workflow', 'spec', '$schema']);
/** Keywords `default:` may set (and `inherit:default` may select). */
export const DEFAULT_KEYWORDS = ['after_script', 'artifacts', 'before_script', 'cache', 'hooks', 'id_tokens', 'image', 'interruptible', 'retry', 'services', 'tags', 'timeout'];
export const DEFAULT_STAGES = ['.pre', 'build', 'test', 'deploy', '.post'];
export const SCRIPT_KEYS = ['before_script', 'script', 'after_script'] as const;
export type ScriptKey = (typeof SCRIPT_KEYS)[number];

export interface ScalarField {
  value: string;
  node: Node;
  span: Span;
}

/** `!reference [job, key, ...]`: the node and its path. */
export interface ReferenceTag {
  node: YAMLSeq;
  span: Span;
  path: { value: string; span: Span }[];
}
type YAMLSeq = import('yaml').YAMLSeq<unknown>;

export function isReference(node: unknown): node is YAMLSeq {
  return isSeq(node) && node.tag === REFERENCE;
}

export interface ScriptLine {
  key: ScriptKey;
  /** The command text as the shell receives it. */
  value: string;
  node: Scalar;
  span: Span;
  /** Maps an index into `value` to an offset in the document text. */
  offsetAt(index: number): number;
}

export interface Variable {
  name: string;
  pair: Pair<unknown, unknown>;
  nameSpan: Span;
  /** The literal value (`NAME: v` or `NAME: { value: v }`); undefined for references and non-scalars. */
  value?: ScalarField;
  /** `expand: false`. */
  raw: boolean;
}

export interface Include {
  kind: 'local' | 'project' | 'remote' | 'template' | 'component' | 'invalid';
  node: Node;
  span: Span;
  /** The location: path, project, URL, template name or component reference. */
  target?: ScalarField;
  ref?: ScalarField;
  files: ScalarField[];
  integrity?: ScalarField;
  inputs?: Node;
  rules?: Node;
}

export interface Need {
  job?: ScalarField;
  node: Node;
  span: Span;
  /** Cross-project or parent-pipeline need: the job is not in this pipeline. */
  external: boolean;
  optional: boolean;
}

export interface ImageRef {
  name: ScalarField;
  node: Node;
  /** Which keyword declared it. */
  where: 'image' | 'services';
  alias?: ScalarField;
  command?: Node;
}

export interface Rule {
  node: Node;
  if?: ScalarField;
  when?: ScalarField;
  reference: boolean;
}

export interface Job {
  name: string;
  hidden: boolean;
  nameSpan: Span;
  pair: Pair<unknown, unknown>;
  node: YAMLMap<unknown, unknown>;
  span: Span;
  /** `extends:` targets in order. */
  extends: ScalarField[];
  /** Own keys, without `extends` or `default`. */
  own: Map<string, Pair<unknown, unknown>>;
}

export interface Pipeline {
  doc: YamlDocument;
  file: YamlFile;
  root: YAMLMap<unknown, unknown>;
  /** Header document `spec:` of a CI/CD component (the first document of a multi-document file). */
  spec?: YAMLMap<unknown, unknown>;
  /** True when this document is itself the `spec:` header. */
  isHeader: boolean;
  jobs: Job[];
  byName: Map<string, Job>;
  stages?: { node: Node; values: ScalarField[] };
  default?: YAMLMap<unknown, unknown>;
  workflow?: Node;
  includes: Include[];
  variables: Variable[];
  variablesNode?: Node;
}

function scalarField(node: unknown, doc: YamlDocument): ScalarField | undefined {
  if (isReference(node)) return undefined;
  const n = resolve(node, doc);
  const value = scalarString(n, doc);
  const span = spanOf(node) ?? spanOf(n);
  if (value === undefined || !n || !span) return undefined;
  return { value, node: n, span };
}

export function field(map: unknown, key: string, doc: YamlDocument): ScalarField | undefined {
  return scalarField(get(map, key, doc), doc);
}

/** A scalar or a list of scalars (nested lists flattened, as GitLab does), skipping `!reference` items. */
/** Items a nested list may expand to through aliases (an alias bomb must stay cheap). */
const MAX_LIST_ITEMS = 10_000;

export function stringList(node: unknown, doc: YamlDocument, depth = 0, budget = { left: MAX_LIST_ITEMS }): ScalarField[] {
  if (isReference(node) || depth > 10 || budget.left-- <= 0) return [];
  const n = resolve(node, doc);
  if (isSeq(n)) return n.items.flatMap((it) => stringList(it, doc, depth + 1, budget));
  const f = scalarField(node, doc);
  return f ? [f] : [];
}

export function referenceTag(node: unknown): ReferenceTag | undefined {
  if (!isReference(node)) return undefined;
  const span = spanOf(node);
  if (!span) return undefined;
  const path = node.items.flatMap((it) => {
    const v = isScalar(it) ? it.value : undefined;
    const sp = spanOf(it);
    return v != null && sp ? [{ value: String(v), span: sp }] : [];
  });
  return { node, span, path };
}

/** Every `!reference` tag in a subtree (not following aliases: each is reported where written). */
export function referencesIn(node: unknown, out: ReferenceTag[] = [], depth = 0): ReferenceTag[] {
  if (depth > 200 || node == null) return out;
  if (isReference(node)) {
    const r = referenceTag(node);
    if (r) out.push(r);
    return out;
  }
  if (isMap(node)) for (const p of node.items) {
    referencesIn(p.key, out, depth + 1);
    referencesIn(p.value, out, depth + 1);
  }
  else if (isSeq(node)) for (const it of node.items) referencesIn(it, out, depth + 1);
  return out;
}

/** Maps value indexes of a scalar to document offsets, for plain, quoted and block scalars. */
export function valueOffsets(text: string, node: Scalar): (index: number) => number {
  const range = node.range;
  const value = typeof node.value === 'string' ? node.value : String(node.value);
  if (!range) return () => 0;
  const [start, end] = range;
  const src = text.slice(start, end);
  const type = node.type;
  // Fast path: the source is the value (plain one-line scalars).
  if (src === value) return (i) => start + Math.min(i, value.length);
  // The map is built on the first lookup: most script lines are read by rules but never reported on.
  let map: number[] | undefined;
  return (i) => {
    map ??= offsetMap(src, start, value, type);
    return map[Math.max(0, Math.min(i, value.length))] ?? start;
  };
}

function offsetMap(src: string, start: number, value: string, type: Scalar['type']): number[] {
  const map: number[] = new Array(value.length + 1);
  let s = 0;
  if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') {
    s = src.indexOf('\n') + 1; // after the header line
  } else if (type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE') {
    s = 1;
  }
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    // Skip source characters that do not appear in the value (indentation, folding, quotes, escapes).
    let guard = 0;
    while (s < src.length && src[s] !== c && guard++ < 400) {
      if (type === 'QUOTE_DOUBLE' && src[s] === '\\') {
        // An escape stands for one value character.
        break;
      }
      s++;
    }
    if (type === 'QUOTE_DOUBLE' && src[s] === '\\' && c !== '\\') {
      map[i] = start + s;
      s += src[s + 1] === 'x' ? 4 : src[s + 1] === 'u' ? 6 : 2;
      continue;
    }
    if (type === 'QUOTE_DOUBLE' && src[s] === '\\' && c === '\\') {
      map[i] = start + s;
      s += 2;
      continue;
    }
    map[i] = start + Math.min(s, src.length);
    if (type === 'QUOTE_SINGLE' && c === "'" && src[s + 1] === "'") s++;
    s++;
  }
  map[value.length] = start + Math.min(s, src.length);
  return map;
}

function scriptLines(node: unknown, key: ScriptKey, doc: YamlDocument, text: string, depth = 0, budget = { left: MAX_LIST_ITEMS }): ScriptLine[] {
  if (isReference(node) || depth > 10 || budget.left-- <= 0) return [];
  const n = resolve(node, doc);
  if (isSeq(n)) return n.items.flatMap((it) => scriptLines(it, key, doc, text, depth + 1, budget));
  if (!isScalar(n) || n.value == null || typeof n.value === 'object') return [];
  const span = spanOf(n);
  if (!span) return [];
  return [{ key, value: String(n.value), node: n, span, offsetAt: valueOffsets(text, n) }];
}

function readIncludes(node: unknown, doc: YamlDocument): Include[] {
  const n = resolve(node, doc);
  const list = isSeq(n) ? n.items : n == null ? [] : [node];
  const out: Include[] = [];
  for (const raw of list) {
    const it = resolve(raw, doc);
    const span = spanOf(raw) ?? spanOf(it);
    if (!it || !span) continue;
    if (isScalar(it)) {
      const target = scalarField(raw, doc);
      if (!target) continue;
      out.push({ kind: /^https?:\/\//i.test(target.value) ? 'remote' : 'local', node: it, span, target, files: [] });
      continue;
    }
    if (!isMap(it)) {
      out.push({ kind: 'invalid', node: it, span, files: [] });
      continue;
    }
    const kinds = ['local', 'project', 'remote', 'template', 'component'] as const;
    const kind = kinds.find((k) => getPair(it, k, doc)) ?? 'invalid';
    out.push({
      kind,
      node: it,
      span,
      target: kind === 'invalid' ? undefined : field(it, kind, doc),
      ref: field(it, 'ref', doc),
      files: kind === 'project' ? stringList(get(it, 'file', doc), doc) : [],
      integrity: field(it, 'integrity', doc),
      inputs: get(it, 'inputs', doc),
      rules: get(it, 'rules', doc),
    });
  }
  return out;
}

export function readVariables(node: unknown, doc: YamlDocument): Variable[] {
  const out: Variable[] = [];
  for (const p of pairs(node, doc)) {
    const name = keyString(p, doc);
    const nameSpan = keySpan(p);
    if (!name || !nameSpan) continue;
    const v = resolve(p.value, doc);
    if (isMap(v)) {
      out.push({ name, pair: p, nameSpan, value: field(v, 'value', doc), raw: scalarString(get(v, 'expand', doc), doc) === 'false' });
    } else {
      out.push({ name, pair: p, nameSpan, value: scalarField(p.value, doc), raw: false });
    }
  }
  return out;
}

export function buildPipeline(doc: YamlDocument, file: YamlFile): Pipeline | undefined {
  const root = asMap(doc.contents, doc);
  if (!root) return undefined;
  const first = file.documents[0];
  const headerRoot = first && first !== doc ? asMap(first.contents, first) : undefined;
  const ownSpec = asMap(get(root, 'spec', doc), doc);
  const isHeader = !!ownSpec && file.documents.length > 1 && pairs(root, doc).every((p) => keyString(p, doc) === 'spec');
  const spec = ownSpec ?? asMap(get(headerRoot, 'spec', first), first);
  const pipeline: Pipeline = {
    doc,
    file,
    root,
    spec,
    isHeader,
    jobs: [],
    byName: new Map(),
    default: asMap(get(root, 'default', doc), doc),
    workflow: get(root, 'workflow', doc),
    includes: readIncludes(get(root, 'include', doc), doc),
    variables: readVariables(get(root, 'variables', doc), doc),
    variablesNode: get(root, 'variables', doc),
  };
  const stagesNode = get(root, 'stages', doc);
  if (stagesNode) pipeline.stages = { node: stagesNode, values: stringList(stagesNode, doc) };
  if (isHeader) return pipeline;
  for (const p of pairs(root, doc)) {
    const name = keyString(p, doc);
    const nameSpan = keySpan(p);
    if (!name || !nameSpan || GLOBAL_KEYWORDS.has(name) || name === '<<') continue;
    const node = asMap(p.value, doc);
    const span = spanOf(p.value) ?? nameSpan;
    if (!node) continue;
    const own = new Map<string, Pair<unknown, unknown>>();
    for (const jp of pairs(node, doc)) {
      const k = keyString(jp, doc);
      if (k) own.set(k, jp);
    }
    const job: Job = { name, hidden: name.startsWith('.'), nameSpan, pair: p, node, span, extends: stringList(own.get('extends')?.value, doc), own };
    pipeline.jobs.push(job);
    pipeline.byName.set(name, job);
  }
  return pipeline;
}

/** Where an effective keyword of a job comes from. */
export interface Effective {
  pair: Pair<unknown, unknown>;
  value: Node | undefined;
  /** The job (itself or an `extends` ancestor) that defines it; undefined when it comes from `default:`. */
  from?: Job;
}

/**
 * The value a job ends up with for a top-level keyword: its own, else the nearest `extends` ancestor
 * (later entries of `extends: [a, b]` win), else `default:` (for the keywords it covers, unless
 * `inherit: default` excludes it). Only the templates of this document are known here.
 */
export function effective(p: Pipeline, job: Job, key: string, seen = new Set<Job>()): Effective | undefined {
  if (seen.has(job) || seen.size > 11) return undefined;
  seen.add(job);
  const own = job.own.get(key);
  if (own) return { pair: own, value: (own.value ?? undefined) as Node | undefined, from: job };
  for (const e of [...job.extends].reverse()) {
    const parent = p.byName.get(e.value);
    if (!parent) continue;
    const found = effective(p, parent, key, new Set(seen));
    if (found?.from) return found;
  }
  if (seen.size === 1 && DEFAULT_KEYWORDS.includes(key) && inheritsDefault(p, job, key)) {
    const pair = getPair(p.default, key, p.doc);
    if (pair) return { pair, value: (pair.value ?? undefined) as Node | undefined };
    // Deprecated global keywords act like `default:`.
    if (['image', 'services', 'before_script', 'after_script', 'cache'].includes(key)) {
      const g = getPair(p.root, key, p.doc);
      if (g) return { pair: g, value: (g.value ?? undefined) as Node | undefined };
    }
  }
  return undefined;
}

function inheritsDefault(p: Pipeline, job: Job, key: string): boolean {
  const inherit = effectiveOwnOrExtended(p, job, 'inherit');
  const d = get(inherit, 'default', p.doc);
  if (!d) return true;
  const s = scalarString(d, p.doc);
  if (s === 'false') return false;
  if (s === 'true') return true;
  return stringList(d, p.doc).some((f) => f.value === key);
}

function effectiveOwnOrExtended(p: Pipeline, job: Job, key: string): Node | undefined {
  const e = effective(p, job, key);
  return e?.from ? e.value : undefined;
}

const variablesOf = new WeakMap<Job, { own?: readonly Variable[]; all?: readonly Variable[] }>();

/** Job variables merged along `extends` (own keys win), then global `variables:` unless not inherited (read once per job). */
export function jobVariables(p: Pipeline, job: Job, includeGlobal = true): readonly Variable[] {
  let known = variablesOf.get(job);
  if (!known) variablesOf.set(job, (known = {}));
  const slot = includeGlobal ? 'all' : 'own';
  return (known[slot] ??= readJobVariables(p, job, includeGlobal));
}

function readJobVariables(p: Pipeline, job: Job, includeGlobal: boolean): Variable[] {
  const out = new Map<string, Variable>();
  const visit = (j: Job, seen: Set<Job>) => {
    if (seen.has(j) || seen.size > 11) return;
    seen.add(j);
    for (const v of readVariables(j.own.get('variables')?.value, p.doc)) if (!out.has(v.name)) out.set(v.name, v);
    for (const e of [...j.extends].reverse()) {
      const parent = p.byName.get(e.value);
      if (parent) visit(parent, seen);
    }
  };
  visit(job, new Set());
  if (includeGlobal) {
    const inherit = effectiveOwnOrExtended(p, job, 'inherit');
    const iv = get(inherit, 'variables', p.doc);
    const ivs = scalarString(iv, p.doc);
    const allowed = iv == null || ivs === 'true' ? undefined : ivs === 'false' ? new Set<string>() : new Set(stringList(iv, p.doc).map((f) => f.value));
    for (const v of p.variables) if (!out.has(v.name) && (!allowed || allowed.has(v.name))) out.set(v.name, v);
  }
  return [...out.values()];
}

/** Every script line a job runs (its effective before_script, script, after_script). */
export function jobScripts(p: Pipeline, job: Job, text: string): ScriptLine[] {
  return SCRIPT_KEYS.flatMap((k) => {
    const e = effective(p, job, k);
    return e ? scriptLines(e.value, k, p.doc, text) : [];
  });
}

/** Script lines written in the job's own keys (each line is reported once, where it is written). */
export function ownScripts(p: Pipeline, job: Job, text: string): ScriptLine[] {
  return SCRIPT_KEYS.flatMap((k) => scriptLines(job.own.get(k)?.value, k, p.doc, text));
}

/** Script lines of `default:` and the deprecated global before_script/after_script. */
export function globalScripts(p: Pipeline, text: string): ScriptLine[] {
  const out: ScriptLine[] = [];
  for (const k of SCRIPT_KEYS) {
    out.push(...scriptLines(get(p.default, k, p.doc), k, p.doc, text));
    if (k !== 'script') out.push(...scriptLines(get(p.root, k, p.doc), k, p.doc, text));
  }
  return out;
}

const scriptsOf = new WeakMap<Pipeline, { text: string; lines: readonly { line: ScriptLine; job?: Job }[] }>();

/** Every script line written in the document: jobs, templates, default and globals (read once per document). */
export function allScripts(p: Pipeline, text: string): readonly { line: ScriptLine; job?: Job }[] {
  const known = scriptsOf.get(p);
  if (known && known.text === text) return known.lines;
  const lines = [...globalScripts(p, text).map((line) => ({ line })), ...p.jobs.flatMap((job) => ownScripts(p, job, text).map((line) => ({ line, job })))];
  scriptsOf.set(p, { text, lines });
  return lines;
}

export function readNeeds(node: unknown, doc: YamlDocument): Need[] {
  const out: Need[] = [];
  for (const raw of items(node, doc)) {
    if (isReference(raw)) continue;
    const it = resolve(raw, doc);
    const span = spanOf(raw) ?? spanOf(it);
    if (!it || !span) continue;
    if (isScalar(it)) {
      const job = scalarField(raw, doc);
      if (job) out.push({ job, node: it, span, external: false, optional: false });
    } else if (isMap(it)) {
      out.push({
        job: field(it, 'job', doc),
        node: it,
        span,
        external: !!getPair(it, 'project', doc) || !!getPair(it, 'pipeline', doc),
        optional: scalarString(get(it, 'optional', doc), doc) === 'true',
      });
    }
  }
  return out;
}

export function readImage(node: unknown, where: ImageRef['where'], doc: YamlDocument): ImageRef | undefined {
  const n = resolve(node, doc);
  if (!n || isReference(node)) return undefined;
  if (isScalar(n)) {
    const name = scalarField(node, doc);
    return name ? { name, node: n, where } : undefined;
  }
  if (isMap(n)) {
    const name = field(n, 'name', doc);
    return name ? { name, node: n, where, alias: field(n, 'alias', doc), command: get(n, 'command', doc) } : undefined;
  }
  return undefined;
}

export function readServices(node: unknown, doc: YamlDocument): ImageRef[] {
  return items(node, doc).flatMap((it) => {
    const r = readImage(it, 'services', doc);
    return r ? [r] : [];
  });
}

export function readRules(node: unknown, doc: YamlDocument): Rule[] {
  return items(node, doc).map((raw) => {
    const it = resolve(raw, doc) ?? (raw as Node);
    return { node: it, if: field(it, 'if', doc), when: field(it, 'when', doc), reference: isReference(raw) };
  });
}

/** Jobs that are real (not hidden templates). */
export function visibleJobs(p: Pipeline): Job[] {
  return p.jobs.filter((j) => !j.hidden);
}

/** A short label for messages. */
export function jobLabel(job: Job | undefined): string {
  return job ? `job '${job.name}'` : 'the default section';
}
