// Validation of a GitLab CI document against schemas/gitlab-ci.json, with GitLab's own preprocessing:
// anchors and merges expanded, `!reference` tags resolved (or treated as "anything" when their target
// is in a file we cannot see), `$[[ ]]` interpolations treated as "anything" (they are replaced before
// GitLab validates). Errors are reduced to one per mistake and mapped to the node that is wrong.
import type { ErrorObject } from 'ajv';
import { isAlias, isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { validatorFor } from '../schema/validators.js';
import type { Span } from '../types.js';
import type { YamlDocument } from '../yaml/parse.js';
import { get, keyString, pairs, resolve, spanOf, keySpan } from '../yaml/nodes.js';
import { GLOBAL_KEYWORDS, isReference } from '../model/gitlab.js';
import { findTopLevel, type Universe } from './workspace.js';

export interface SchemaProblem {
  message: string;
  span: Span;
}

/** schemas/gitlab-ci.json, precompiled in the bundles (schema/validators.ts). */
function validate(value: unknown): ErrorObject[] {
  const validator = validatorFor('gitlab-ci');
  return validator(value) ? [] : [...(validator.errors ?? [])];
}

/** A JS value built from the YAML, plus where each part of it is written. */
interface Converted {
  value: unknown;
  /** JSON pointer -> the node written there (its span is the value's; made into a Span only for errors). */
  spans: Map<string, Node>;
  /** JSON pointer -> the pair of that value (its key span, as `keySpan`). */
  keys: Map<string, Pair<unknown, unknown>>;
  /** Pointers whose value stands for something we cannot know (unresolved !reference, `$[[ ]]`). */
  wild: string[];
  /** Pointers of values inherited from another file: their mistakes are reported in that file. */
  foreign: string[];
  /** Jobs whose `extends` could not all be followed: required keywords may come from there. */
  partial: string[];
  /** Pointer -> the pointers directly below it that have a span (for copying subtrees cheaply). */
  children: Map<string, Set<string>>;
  /** Pointers recorded in `children` (each is in its parent's set). */
  noted: Set<string>;
}

/** Records `ptr` and its ancestors in the children index; `parent` when the caller has that string at hand. */
function note(conv: Converted, ptr: string, parent?: string): void {
  if (!ptr || conv.noted.has(ptr)) return;
  conv.noted.add(ptr);
  parent ??= ptr.slice(0, ptr.lastIndexOf('/'));
  let set = conv.children.get(parent);
  if (!set) conv.children.set(parent, (set = new Set()));
  set.add(ptr);
  note(conv, parent);
}

/** Prefixes of a pointer, itself included ('/a/b' -> '', '/a', '/a/b'). */
function prefixes(ptr: string): string[] {
  const out = [''];
  for (let i = ptr.indexOf('/', 1); i !== -1; i = ptr.indexOf('/', i + 1)) out.push(ptr.slice(0, i));
  if (ptr) out.push(ptr);
  return out;
}

/**
 * A plain object in V8's dictionary mode: a top level of hundreds of job names would otherwise grow a
 * hidden-class transition per key (and the same object literal's transition tree for every file).
 * Same object for everyone reading it (prototype, key order).
 */
function dictionaryObject(): Record<string, unknown> {
  const o: Record<string, unknown> = { x: 0 };
  delete o.x;
  return o;
}

const WILD = '\u0000flowguard-wildcard';
/** Whether `spanOf` would give a span (without making one). */
const hasSpan = (node: unknown): node is Node => !!(node as Node | null | undefined)?.range;
const esc = (s: string) => (s.includes('~') || s.includes('/') ? s.replace(/~/g, '~0').replace(/\//g, '~1') : s);

/**
 * The document as GitLab validates it. With `track` off only `value` is computed (no pointers, spans or
 * lists): the value is the same, built by the same steps, for the documents ajv then finds valid.
 */
function convert(doc: YamlDocument, u: Universe | undefined, extend: boolean, track: boolean): Converted {
  const out: Converted = { value: undefined, spans: new Map(), keys: new Map(), wild: [], foreign: [], partial: [], children: new Map(), noted: new Set() };
  // Values built at most: generous for any real pipeline (includes and extends copy nodes), proportional to the
  // document's size so an alias bomb costs what its text is worth (test/robustness/fuzz.test.ts times it).
  let budget = Math.min(200_000, 50_000 + 32 * ((doc.range?.[2] ?? 0) - (doc.range?.[0] ?? 0)));
  const refDepth = { n: 0 };
  // Every pointer given a span or a key span is noted in the children index as it is set (`parent` is
  // the pointer of the enclosing value).
  const span = (ptr: string, parent: string, here: Node) => {
    if (!track) return;
    out.spans.set(ptr, here);
    note(out, ptr, parent);
  };
  const rec = (raw: unknown, d: YamlDocument, ptr: string, parent: string, depth: number, site: Node | undefined): unknown => {
    if (budget-- <= 0 || depth > 300) return null;
    const here = !track ? undefined : site ?? (hasSpan(raw) ? raw : undefined);
    if (isReference(raw)) {
      const target = refDepth.n < 10 ? resolveReference(raw, d, u) : undefined;
      if (!target) {
        out.wild.push(ptr);
        if (here) span(ptr, parent, here);
        return WILD;
      }
      refDepth.n++;
      // Errors inside the referenced content are reported where it is written (the target), once.
      const v = rec(target.node, target.doc, ptr, parent, depth + 1, undefined);
      refDepth.n--;
      if (here) span(ptr, parent, here);
      return v;
    }
    const n = resolve(raw, d);
    if (here && track && !out.spans.has(ptr)) span(ptr, parent, here);
    if (!n) return null;
    if (isMap(n)) {
      const obj: Record<string, unknown> = n.items.length > 16 ? dictionaryObject() : {};
      for (const p of pairsFast(n, d)) {
        const k = keyString(p, d);
        if (k === undefined || k === '<<') continue;
        const kp = track ? `${ptr}/${esc(k)}` : '';
        if (track && (hasSpan(p.key) || hasSpan(p.value)) && !out.keys.has(kp)) {
          out.keys.set(kp, p);
          note(out, kp, ptr);
        }
        // `key: null` unsets a keyword (or an inherited value) in GitLab: validate as absent.
        const pv = resolve(p.value, d);
        if (depth >= 1 && !isReference(p.value) && (pv == null || (isScalar(pv) && pv.value == null))) continue;
        obj[k] = rec(p.value, d, kp, ptr, depth + 1, undefined);
      }
      return obj;
    }
    if (isSeq(n)) {
      // Nested lists (from aliases, !reference or written nested) are flattened, as GitLab does.
      const arr: unknown[] = [];
      const push = (seq: import('yaml').YAMLSeq<unknown>, sd: YamlDocument, site: Node | undefined, level: number) => {
        for (const it of seq.items) {
          const target = isReference(it) && refDepth.n < 10 ? resolveReference(it, sd, u) : undefined;
          const inner = target ? resolve(target.node, target.doc) : resolve(it, sd);
          if (isSeq(inner) && level < 10) {
            refDepth.n += target ? 1 : 0;
            push(inner, target?.doc ?? sd, site ?? (hasSpan(it) ? it : undefined), level + 1);
            refDepth.n -= target ? 1 : 0;
            continue;
          }
          if (inner && isScalar(inner) && inner.value == null && depth >= 2) continue; // `- ` items: dropped
          arr.push(rec(it, sd, track ? `${ptr}/${arr.length}` : '', ptr, depth + 1, site));
        }
      };
      push(n, d, undefined, 0);
      return arr;
    }
    if (isScalar(n)) {
      const v = n.value;
      if (typeof v === 'string' && v.includes('$[[')) {
        out.wild.push(ptr);
        return WILD;
      }
      return typeof v === 'bigint' ? Number(v) : v;
    }
    return null;
  };
  out.value = rec(doc.contents, doc, '', '', 0, undefined);
  if (extend) applyExtends(out, doc, u, track);
  return out;
}

/** `pairs()` with merge keys (the `<<` key recognised without a string conversion). */
function pairsFast(node: unknown, doc: YamlDocument, depth = 0): import('yaml').Pair<unknown, unknown>[] {
  const map = resolve(node, doc);
  if (!isMap(map)) return [];
  const isMerge = (item: import('yaml').Pair<unknown, unknown>) => {
    const k = isScalar(item.key) ? item.key.value : undefined;
    return (k === '<<' || typeof k === 'symbol') && depth < 8 && (isAlias(item.value) || isSeq(item.value) || isMap(item.value));
  };
  // Without merge keys: the mapping's own pairs, as they are (callers only read them).
  if (!map.items.some(isMerge)) return map.items;
  const own: import('yaml').Pair<unknown, unknown>[] = [];
  const merged: import('yaml').Pair<unknown, unknown>[] = [];
  for (const item of map.items) {
    if (isMerge(item)) {
      const sources = isSeq(item.value) ? item.value.items : [item.value];
      for (const src of sources.slice(0, 64)) merged.push(...pairsFast(src, doc, depth + 1));
    } else own.push(item);
  }
  if (!merged.length) return own;
  const seen = new Set(own.map((p) => keyString(p, doc)));
  const out = [...own];
  for (const p of merged) {
    const k = keyString(p, doc);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(p);
  }
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * GitLab validates jobs after `extends:` is applied (hashes deep-merged, everything else replaced,
 * the job's own keys winning), so a job may get `script` or `trigger:project` from its template.
 * Inherited parts keep the spans where they are written; parts from other files are not reported here.
 */
function applyExtends(conv: Converted, doc: YamlDocument, u: Universe | undefined, track: boolean): void {
  const root = conv.value;
  if (!isObject(root)) return;
  // Included files, converted once each (only their values are read; they are never modified).
  const foreign = new Map<YamlDocument, unknown>();
  const lookup = (name: string): { value: unknown; ptr?: string } | undefined => {
    if (name in root) return { value: root[name], ptr: `/${esc(name)}` };
    if (!u) return undefined;
    for (const { pipeline } of u.pipelines.slice(1)) {
      if (!pipeline.byName.has(name)) continue;
      if (!foreign.has(pipeline.doc)) foreign.set(pipeline.doc, convert(pipeline.doc, u, false, false).value);
      const sub = foreign.get(pipeline.doc);
      return { value: isObject(sub) ? sub[name] : undefined };
    }
    return undefined;
  };
  const wildSet = new Set(conv.wild);
  const copy = (from: string | undefined, to: string) => {
    if (!track) return;
    if (from === undefined) {
      conv.foreign.push(to);
      return;
    }
    // A job's own keys merged over its templates: every pointer already has its own entries.
    if (from === to) return;
    const visit = (ptr: string, nk: string, parent: string | undefined) => {
      const sp = conv.spans.get(ptr);
      if (sp && !conv.spans.has(nk)) conv.spans.set(nk, sp);
      const ks = conv.keys.get(ptr);
      if (ks && !conv.keys.has(nk)) conv.keys.set(nk, ks);
      if (wildSet.has(ptr) && !wildSet.has(nk)) {
        wildSet.add(nk);
        conv.wild.push(nk);
      }
      if (sp || ks) note(conv, nk, parent);
      const below = conv.children.get(ptr);
      if (below) for (const c of below) visit(c, nk + c.slice(ptr.length), nk);
    };
    visit(from, to, undefined);
  };
  const merge = (base: unknown, over: unknown, overPtr: string | undefined, ptr: string): unknown => {
    if (!isObject(base) || !isObject(over)) {
      copy(overPtr, ptr);
      return over;
    }
    const outObj: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(over)) {
      // Pointers only matter to copy(), which records nothing when not tracking.
      const from = !track ? '' : overPtr === undefined ? undefined : `${overPtr}/${esc(k)}`;
      const to = !track ? '' : `${ptr}/${esc(k)}`;
      outObj[k] = k in base ? merge(base[k], v, from, to) : (copy(from, to), v);
    }
    return outObj;
  };
  const expand = (value: Record<string, unknown>, ptr: string | undefined, target: string, level: number, chain: Set<string>): Record<string, unknown> => {
    const ext = value.extends;
    const names = typeof ext === 'string' ? [ext] : Array.isArray(ext) ? ext.filter((x): x is string => typeof x === 'string') : [];
    let base: Record<string, unknown> = {};
    for (const name of names) {
      const t = chain.has(name) || level > 11 ? undefined : lookup(name);
      if (!t || !isObject(t.value)) {
        conv.partial.push(target);
        continue;
      }
      const expanded = expand(t.value, t.ptr, target, level + 1, new Set([...chain, name]));
      base = merge(base, expanded, t.ptr, target) as Record<string, unknown>;
    }
    if (!names.length) return value;
    return merge(base, value, ptr, target) as Record<string, unknown>;
  };
  for (const [name, job] of Object.entries(root)) {
    if (name.startsWith('.') || GLOBAL_KEYWORDS.has(name) || !isObject(job) || job.extends === undefined) continue;
    const ptr = `/${esc(name)}`;
    root[name] = expand(job, ptr, ptr, 0, new Set([name]));
  }
}

export function resolveReference(node: import('yaml').YAMLSeq<unknown>, doc: YamlDocument, u: Universe | undefined): { node: Node; doc: YamlDocument } | undefined {
  const path = node.items.map((it) => (isScalar(it) && it.value != null ? String(it.value) : undefined));
  if (!path.length || path.some((p) => p === undefined)) return undefined;
  const top = u ? findTopLevel(u, path[0]!) : (() => {
    const n = get(doc.contents, path[0]!, doc);
    return n ? { node: n, doc } : undefined;
  })();
  if (!top) return undefined;
  let cur: unknown = top.node;
  for (const seg of path.slice(1)) {
    if (isReference(cur)) {
      const inner = resolveReference(cur, top.doc, u);
      if (!inner) return undefined;
      cur = inner.node;
    }
    const seq = isSeq(resolve(cur, top.doc)) ? (resolve(cur, top.doc) as import('yaml').YAMLSeq<unknown>) : undefined;
    cur = seq && /^\d+$/.test(seg!) ? seq.items[Number(seg)] : get(cur, seg!, top.doc);
    if (cur == null) return undefined;
  }
  return { node: cur as Node, doc: top.doc };
}


/** Schema problems of one document, one per mistake, each at the node that is wrong. */
export function schemaProblems(doc: YamlDocument, u: Universe | undefined): SchemaProblem[] {
  // Most documents are valid: they are converted and validated without recording where each part of
  // them is written; the others are converted again with that record, to the same value.
  const value = convert(doc, u, true, false).value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const span = spanOf(doc.contents);
    return span && value !== null ? [{ message: 'A GitLab CI file must be a mapping of keywords and jobs', span }] : [];
  }
  const all = validate(value);
  if (!all.length) return [];
  const conv = convert(doc, u, true, true);
  const wild = new Set(conv.wild);
  const wildAbove = new Set(conv.wild.flatMap(prefixes));
  const foreign = new Set(conv.foreign);
  const partial = new Set(conv.partial);
  const errors = all.filter((e) => {
    const up = prefixes(e.instancePath);
    // A value we could not know satisfies anything: drop errors about it, inside it, or about the
    // shape of what contains it (type, oneOf/anyOf...), which it may well satisfy once resolved.
    if (up.some((x) => wild.has(x))) return false;
    if (wildAbove.has(e.instancePath) && !['additionalProperties', 'required'].includes(e.keyword)) return false;
    if (up.some((x) => foreign.has(x))) return false;
    if (e.keyword === 'required' && up.some((x) => partial.has(x))) return false;
    return true;
  });
  // GitLab expands variables in include paths, environment names... before checking their format.
  const reduced = reduce(errors).filter((e) => !(e.keyword === 'pattern' && typeof e.data === 'string' && /\$\{?\w/.test(e.data)));
  // A misspelled keyword is one mistake, not "unknown 'fil'" plus "missing 'file'".
  const typos = new Map<Err, string>();
  const dropped = new Set<Err>();
  for (const e of reduced) {
    if (e.keyword !== 'required') continue;
    const want = String((e.params as { missingProperty: string }).missingProperty);
    const typo = reduced.find((x) => x.keyword === 'additionalProperties' && x.instancePath === e.instancePath && editDistance(String((x.params as { additionalProperty: string }).additionalProperty), want) <= 2);
    if (typo) {
      typos.set(typo, want);
      dropped.add(e);
    }
  }
  const out: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const e of reduced) {
    if (dropped.has(e)) continue;
    const span = spanFor(e, conv, doc);
    // The same mistake inherited by several jobs (anchors, extends) is one diagnostic, where it is written.
    const key = `${span.start}:${span.end}:${e.keyword}:${JSON.stringify(e.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ message: messageFor(e) + (typos.has(e) ? ` (did you mean '${typos.get(e)}'?)` : ''), span });
  }
  return out;
}

function spanFor(e: ErrorObject, conv: Converted, doc: YamlDocument): Span {
  const keySpanAt = (ptr: string) => {
    const pair = conv.keys.get(ptr);
    return pair && keySpan(pair);
  };
  const valueSpanAt = (ptr: string) => spanOf(conv.spans.get(ptr));
  if (e.keyword === 'additionalProperties') {
    const k = keySpanAt(`${e.instancePath}/${esc(String((e.params as { additionalProperty: string }).additionalProperty))}`);
    if (k) return k;
  }
  let ptr = e.instancePath;
  while (true) {
    // A wrong value is reported on the value; a missing property on the key that holds the mapping.
    const s = e.keyword === 'required' || e.keyword === 'dependencies' ? keySpanAt(ptr) ?? valueSpanAt(ptr) : valueSpanAt(ptr);
    if (s) return s;
    if (!ptr) break;
    ptr = ptr.slice(0, ptr.lastIndexOf('/'));
  }
  return spanOf(doc.contents) ?? { start: 0, end: 1 };
}

function where(e: ErrorObject): string {
  const segs = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (!segs.length) return 'The file';
  const last = segs[segs.length - 1];
  const named = segs.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : (i ? '.' : '') + s)).join('');
  return /^\d+$/.test(last) ? `Item ${named}` : `'${named}'`;
}

function messageFor(e: ErrorObject & { merged?: string[] }): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return e.instancePath === '' ? `Unknown top-level keyword '${p.additionalProperty}'` : `${where(e)}: unknown keyword '${p.additionalProperty}'`;
    case 'required':
      return `${where(e)} is missing the required '${p.missingProperty}'`;
    case 'type':
      return `${where(e)} must be ${e.merged ? e.merged.join(' or ') : String(p.type).replace(/,/g, ' or ')}`;
    case 'enum':
      return `${where(e)} must be one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `${where(e)} must be ${JSON.stringify(p.allowedValue)}`;
    case 'pattern':
      return `${where(e)} does not match the expected format ${p.pattern}`;
    case 'minItems':
      return `${where(e)} must have at least ${p.limit} item(s)`;
    case 'maxItems':
      return `${where(e)} must have at most ${p.limit} item(s)`;
    case 'uniqueItems':
      return `${where(e)} has duplicate items (${p.j} and ${p.i})`;
    case 'minimum':
    case 'maximum':
      return `${where(e)} ${e.message}`;
    case 'oneOf':
      return `${where(e)} matches more than one allowed form`;
    case 'not':
      return `${where(e)} is not allowed here`;
    default:
      return `${where(e)} ${e.message ?? 'is invalid'}`;
  }
}

// Error reduction. ajv (allErrors) reports every failing branch of every oneOf/anyOf; schema paths restart
// at each $ref, so branches are told apart by the nearest `oneOf/N` in the error's schema path and by
// how deep into the value each got. Kept: the errors of the branch that got furthest (deepest, then
// fewest); errors on the value's own type from branches that wanted another type become one
// "must be X or Y" error when no branch accepted the type.
type Err = ErrorObject & { merged?: string[] };

const depth = (p: string) => (p ? p.split('/').length - 1 : 0);
const TYPEISH = new Set(['type', 'const', 'enum']);

function branchOf(e: ErrorObject): { base: string; index: number } | undefined {
  const re = /\/(oneOf|anyOf)\/(\d+)(?=\/|$)/g;
  let m: RegExpExecArray | null;
  let last: { base: string; index: number } | undefined;
  while ((m = re.exec(e.schemaPath))) last = { base: e.schemaPath.slice(0, m.index + m[1].length + 1), index: Number(m[2]) };
  return last;
}

function reduce(all: Err[]): Err[] {
  let errors = all.filter((e) => !['oneOf', 'anyOf', 'if'].includes(e.keyword) || (e.keyword === 'oneOf' && (e.params as { passingSchemas?: unknown }).passingSchemas));
  errors = errors.filter((e) => !(e.keyword === 'oneOf' && all.some((x) => x !== e && x.instancePath.startsWith(e.instancePath) && x.keyword !== 'oneOf')));
  const byPath = new Map<string, Err[]>();
  for (const e of errors) byPath.set(e.instancePath, [...(byPath.get(e.instancePath) ?? []), e]);
  const out: Err[] = [];
  for (const [path, here] of byPath) {
    const deeper = errors.filter((x) => depth(x.instancePath) > depth(path) && (path === '' ? true : x.instancePath.startsWith(path + '/')));
    let keep = here;
    if (deeper.length) {
      // Some branch accepted this value's type and failed further in: drop the other branches' errors here.
      const deepBranches = new Set(deeper.map((x) => branchOf(x)).filter((b) => b).map((b) => `${b!.base}#${b!.index}`));
      keep = keep.filter((e) => {
        if (TYPEISH.has(e.keyword)) return false;
        const b = branchOf(e);
        if (!b) return true;
        const sameAlt = [...deepBranches].some((k) => k.startsWith(b.base + '#'));
        return !sameAlt || deepBranches.has(`${b.base}#${b.index}`);
      });
    }
    // Branches at the same alternative: keep the one with the fewest errors among those past the type check.
    const groups = new Map<string, Map<number, Err[]>>();
    const rest: Err[] = [];
    for (const e of keep) {
      const b = branchOf(e);
      if (!b) {
        rest.push(e);
        continue;
      }
      const g = groups.get(b.base) ?? new Map<number, Err[]>();
      g.set(b.index, [...(g.get(b.index) ?? []), e]);
      groups.set(b.base, g);
    }
    for (const g of groups.values()) {
      const branches = [...g.entries()];
      const typed = branches.filter(([, es]) => !es.every((e) => TYPEISH.has(e.keyword)));
      if (!typed.length) {
        rest.push(...branches.flatMap(([, es]) => es));
        continue;
      }
      // Among equally bad branches, the one where an unknown key is a near-miss of a missing one wins
      // (`componen:` is a misspelled `component:`, not a `local:` include missing its `local`).
      const typoBonus = (es: Err[]) => (es.some((e) => e.keyword === 'required' && es.some((x) => x.keyword === 'additionalProperties' && editDistance(String((x.params as { additionalProperty: string }).additionalProperty), String((e.params as { missingProperty: string }).missingProperty)) <= 2)) ? 0.5 : 0);
      typed.sort((a, b) => a[1].length - typoBonus(a[1]) - (b[1].length - typoBonus(b[1])) || a[0] - b[0]);
      rest.push(...typed[0][1]);
    }
    // Type/const/enum errors left at one path: one merged error.
    const typeish = rest.filter((e) => TYPEISH.has(e.keyword));
    const others = rest.filter((e) => !TYPEISH.has(e.keyword));
    if (others.length) out.push(...others);
    else if (typeish.length === 1) out.push(typeish[0]);
    else if (typeish.length > 1) {
      const names = new Set<string>();
      for (const e of typeish) {
        const p = e.params as Record<string, unknown>;
        if (e.keyword === 'type') String(p.type).split(',').forEach((t) => names.add(t));
        else if (e.keyword === 'const') names.add(JSON.stringify(p.allowedValue));
        else (p.allowedValues as unknown[]).forEach((v) => names.add(JSON.stringify(v)));
      }
      out.push({ ...typeish[0], keyword: 'type', params: { type: [...names].join(',') }, merged: [...names] });
    }
  }
  return out;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}
