// ajv errors -> one problem per real mistake: worded in the document's terms ("job 'build'"), located at
// the node that is wrong (the unknown key, the wrong value), with errors that another one explains dropped.
import type { AnySchemaObject, ErrorObject } from 'ajv';
import { isMap, isSeq } from 'yaml';
import type { Fix, Span } from '../types.js';
import type { YamlDocument } from '../yaml/parse.js';
import { getPair, keySpan, pairs, resolve, spanOf } from '../yaml/nodes.js';
import { decodePointer, locate, locateKey } from './locate.js';
import type { PathDescriber } from './paths.js';
import { didYouMean } from './suggest.js';

export type Severity = 'high' | 'medium' | 'low';

export type ProblemKind = 'unknown-key' | 'missing-key' | 'wrong-type' | 'invalid-value' | 'empty-value' | 'empty-key' | 'ambiguous' | 'expression-not-allowed' | 'case-duplicate-key' | 'unknown-value' | 'invalid-key' | 'merge-key' | 'unreadable' | 'other';

export interface SchemaProblem {
  kind: ProblemKind;
  /** JSON pointer of the mapping/value the problem is about. */
  pointer: string;
  /** The offending key (unknown-key, empty-key) or missing key (missing-key). */
  key?: string;
  /** The suggested replacement, when there is one. */
  suggestion?: string;
  message: string;
  span: Span;
  severity: Severity;
  /** Text edits that correct the mistake (only when the document text was given). */
  fixes?: Fix[];
}

export type Problem = Omit<SchemaProblem, 'severity'> & { /** Expected JSON types of a wrong-type problem. */ expected?: string[] };

interface Draft extends Problem {
  order: number;
}

export function explain(errors: ErrorObject[], data: unknown, doc: YamlDocument, describe: PathDescriber): Problem[] {
  const drafts: Draft[] = [];
  errors.forEach((e, order) => {
    const d = draft(e, data, doc, describe);
    if (d) drafts.push({ ...d, order });
  });
  // A misspelled key explains the "missing key" (or "needs one of") error of the key it should have been.
  const suggested = new Map<string, Set<string>>();
  for (const d of drafts) if (d.kind === 'unknown-key' && d.suggestion) (suggested.get(d.pointer) ?? suggested.set(d.pointer, new Set()).get(d.pointer)!).add(d.suggestion);
  const typed = new Set(drafts.filter((d) => d.kind === 'wrong-type').map((d) => d.pointer));
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const d of drafts) {
    const fixes = suggested.get(d.pointer);
    if (d.kind === 'missing-key' && d.key && fixes?.has(d.key)) continue;
    if (d.kind === 'ambiguous' && fixes) continue;
    // A value of the wrong kind says it all: nothing else about the same node.
    if (d.kind !== 'wrong-type' && typed.has(d.pointer) && d.kind !== 'unknown-key' && d.kind !== 'missing-key') continue;
    // One per node and kind; a node reached through several aliases is one mistake at one place.
    const keys = [d.kind === 'wrong-type' ? `${d.pointer}|type` : `${d.pointer}|${d.kind}|${d.key ?? ''}|${d.message}`, `${d.span.start}:${d.span.end}|${d.kind}|${d.key ?? ''}`];
    if (keys.some((k) => seen.has(k))) continue;
    for (const k of keys) seen.add(k);
    const { order: _order, ...problem } = d;
    out.push(problem);
  }
  return out;
}

function draft(e: ErrorObject, data: unknown, doc: YamlDocument, describe: PathDescriber): Problem | undefined {
  const pointer = e.instancePath;
  const segs = decodePointer(pointer);
  const place = describe(segs);
  const parent = (e.parentSchema ?? {}) as AnySchemaObject;
  const value = valueAt(data, segs);
  const where = place.field ? `'${place.field}' in ${place.owner}` : capitalise(place.owner);
  switch (e.keyword) {
    case 'if':
    case 'anyOf':
    case 'allOf':
    case 'oneOf':
      return undefined;
    case 'pattern': {
      if (e.propertyName !== undefined) return undefined; // reported by propertyNames
      const expected = (parent['x-format'] as string | undefined) ?? `a value matching ${(e.params as { pattern: string }).pattern}`;
      return { kind: 'invalid-value', pointer, span: valueSpan(doc, pointer, value), message: `Invalid value '${String(value)}' for ${where}; expected ${expected}` };
    }
    case 'minimum':
    case 'maximum':
    case 'minItems':
    case 'maxItems': {
      const limit = (e.params as { limit: number }).limit;
      const what = { minimum: `at least ${limit}`, maximum: `at most ${limit}`, minItems: `at least ${limit} item${limit === 1 ? '' : 's'}`, maxItems: `at most ${limit} items` }[e.keyword];
      return { kind: 'invalid-value', pointer, span: valueSpan(doc, pointer, value), message: `${where} must be ${what}` };
    }
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const own = Object.keys((parent.properties ?? {}) as object);
      const others = ((parent['x-suggest'] ?? []) as string[]).filter((k) => !own.includes(k));
      const span = locate(doc, pointer, key) ?? headSpan(doc, pointer);
      const inside = place.field ? `'${place.field}' of ${place.owner}` : place.owner;
      if (others.includes(key) && parent['x-variant']) {
        return { kind: 'unknown-key', pointer, key, span, message: `Key '${key}' cannot be used in ${place.owner}, ${parent['x-variant']}` };
      }
      const suggestion = didYouMean(key, own);
      const hint = suggestion ? `; did you mean '${suggestion}'?` : '';
      if (place.inEvents && segs.length === 1) return { kind: 'unknown-key', pointer, key, suggestion, span, message: `Unknown event '${key}'${hint}` };
      return { kind: 'unknown-key', pointer, key, suggestion, span, message: `Unknown key '${key}' in ${inside}${hint}` };
    }
    case 'required': {
      const key = String((e.params as { missingProperty: string }).missingProperty);
      const inside = place.field ? `'${place.field}' of ${place.owner}` : place.owner;
      return { kind: 'missing-key', pointer, key, span: headSpan(doc, pointer), message: `Missing required key '${key}' in ${inside}` };
    }
    case 'not': {
      if (parent['x-no-expr']) {
        const context = /\$\{\{[^}]*?\b(github|inputs|vars|secrets|matrix|steps|needs|env|job|jobs|runner|strategy)\b/.exec(String(value))?.[1] ?? 'a context';
        return { kind: 'expression-not-allowed', pointer, span: valueSpan(doc, pointer, value), message: `${where} cannot use an expression ('${context}' is not available here); GitHub rejects the workflow${pointer === '/name' ? "; use 'run-name' for a dynamic run name" : ''}` };
      }
      const needed = parent['x-need-one-of'] as string[] | undefined;
      if (!needed) return { kind: 'other', pointer, span: valueSpan(doc, pointer, value), message: `${where} is not valid here` };
      const list = needed.map((k) => `'${k}'`);
      const what = list.length === 2 ? `${list[0]} or ${list[1]}` : `one of ${list.join(', ')}`;
      return { kind: 'ambiguous', pointer, span: headSpan(doc, pointer), message: `${capitalise(place.field ? `'${place.field}' of ${place.owner}` : place.owner)} needs ${what}` };
    }
    case 'type': {
      const types = String((e.params as { type: string | string[] }).type);
      if (types === 'null' && segs.length === 2 && segs[0] === 'on') {
        return { kind: 'wrong-type', pointer, span: valueSpan(doc, pointer, value), message: `Trigger '${segs[1]}' takes no filters or settings: GitHub ignores them and runs the workflow on every '${segs[1]}' event` };
      }
      const expected = humanTypes(types.split(','), parent['x-expr'] === true);
      return { kind: 'wrong-type', pointer, expected: types.split(','), span: valueSpan(doc, pointer, value), message: `${where} must be ${expected}, not ${describeValue(value)}` };
    }
    case 'enum': {
      const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
      const got = typeof value === 'string' ? value : JSON.stringify(value);
      const suggestion = didYouMean(got, allowed);
      const hint = suggestion ? `; did you mean '${suggestion}'?` : '';
      if (place.inEvents && (segs.length === 1 || (segs.length === 2 && /^\d+$/.test(segs[1])))) {
        return { kind: 'invalid-value', pointer, suggestion, span: valueSpan(doc, pointer, value), message: `Unknown event '${got}'${hint}` };
      }
      return { kind: 'invalid-value', pointer, suggestion, span: valueSpan(doc, pointer, value), message: `Invalid value '${got}' for ${where}; expected ${listValues(allowed)}${hint}` };
    }
    case 'minLength':
      if (e.propertyName !== undefined) return undefined; // reported by propertyNames
      return { kind: 'empty-value', pointer, span: valueSpan(doc, pointer, value), message: `${where} must not be empty` };
    case 'propertyNames': {
      const key = String((e.params as { propertyName: string }).propertyName);
      const inside = place.field ? `'${place.field}' of ${place.owner}` : place.owner;
      const span = locate(doc, pointer, key) ?? headSpan(doc, pointer);
      if (!key) return { kind: 'empty-key', pointer, key, span, message: `Empty key in ${inside}` };
      const rule = ((parent.propertyNames ?? {}) as AnySchemaObject)['x-format'] as string | undefined;
      return { kind: 'invalid-key', pointer, key, span, message: `Invalid key '${key}' in ${inside}${rule ? `: ${rule}` : ''}` };
    }
    default:
      return { kind: 'other', pointer, span: valueSpan(doc, pointer, value), message: `${where}: ${e.message ?? 'is not valid'}` };
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function valueAt(data: unknown, segs: string[]): unknown {
  let cur = data;
  for (const s of segs) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[s];
  }
  return cur;
}

const TYPE_NAMES: Record<string, string> = { object: 'a mapping', array: 'a sequence', string: 'a string', number: 'a number', boolean: 'true or false', null: 'empty' };

function humanTypes(types: string[], expression: boolean): string {
  // Numbers and booleans are read as strings where strings are allowed: "a string" says it.
  const shown = types.includes('string') ? types.filter((t) => t !== 'number' && t !== 'boolean' && t !== 'null') : types;
  const names = shown.map((t) => TYPE_NAMES[t] ?? t);
  if (expression) names.push('an expression');
  return names.length <= 2 ? names.join(' or ') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a sequence';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string '${v.length > 40 ? v.slice(0, 37) + '...' : v}'`;
  return `${typeof v === 'number' ? 'the number ' : ''}${String(v)}`;
}

function listValues(all: string[]): string {
  const values = [...new Set(all)];
  if (values.length === 1) return values[0];
  if (values.length <= 12) return `one of: ${values.join(', ')}`;
  return `one of ${values.length} values (${values.slice(0, 8).join(', ')}, ...)`;
}

/** The value's span when it is a scalar; for a mapping or sequence, the key it sits under. */
function valueSpan(doc: YamlDocument, pointer: string, value: unknown): Span {
  if (value !== null && typeof value === 'object' && pointer) return headSpan(doc, pointer);
  return locate(doc, pointer) ?? headSpan(doc, '');
}

/**
 * A short span standing for the node at `pointer`: the key it sits under, or for a sequence item (and the
 * document root) its first key, so a diagnostic underlines one line rather than a whole block.
 */
export function headSpan(doc: YamlDocument, pointer: string): Span {
  const segs = decodePointer(pointer);
  const last = segs[segs.length - 1];
  if (segs.length && !/^\d+$/.test(last)) {
    const k = locateKey(doc, pointer);
    if (k) return k;
  }
  const node = resolve(segs.length ? nodeAt(doc, pointer) : doc.contents, doc);
  if (isMap(node)) {
    const first = pairs(node, doc)[0];
    const ks = first && keySpan(first);
    if (ks) return ks;
  }
  return locate(doc, pointer) ?? spanOf(doc.contents) ?? { start: 0, end: 0 };
}

function nodeAt(doc: YamlDocument, pointer: string): unknown {
  let node: unknown = doc.contents;
  for (const seg of decodePointer(pointer)) {
    const n = resolve(node, doc);
    if (isMap(n)) node = getPair(n, seg, doc)?.value;
    else if (isSeq(n)) node = n.items[Number(seg)];
    else return undefined;
  }
  return node;
}
