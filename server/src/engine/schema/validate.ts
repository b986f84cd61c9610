// Validates one YAML document against a JSON Schema in schemas/ and turns ajv's errors into one problem
// per real mistake, located at the node that is wrong (the unknown key, the wrong value).
//
// The GitHub schemas are generated (scripts/gen-github-schemas.ts) so that variants are chosen with
// if/then/else on the keys present rather than with oneOf: ajv then reports the errors of the variant the
// user meant, and what is left to do here is wording, locating and dropping errors another one explains.
import Ajv, { type AnySchemaObject, type ErrorObject, type ValidateFunction } from 'ajv';
import workflowSchema from '../../../../schemas/github-workflow.json' with { type: 'json' };
import actionSchema from '../../../../schemas/github-action.json' with { type: 'json' };
import dependabotSchema from '../../../../schemas/github-dependabot.json' with { type: 'json' };
import { isMap, isPair, isSeq } from 'yaml';
import type { Fix, Span } from '../types.js';
import type { YamlDocument } from '../yaml/parse.js';
import { keySpan, keyString, pairs, resolve, spanOf, walk } from '../yaml/nodes.js';
import { decodePointer, locate, locateKey } from './locate.js';
import { describeActionPath, describeDependabotPath, describeWorkflowPath, type PathDescriber } from './paths.js';
import { didYouMean } from './suggest.js';

export type SchemaName = 'github-workflow' | 'github-action' | 'github-dependabot';

type Severity = 'high' | 'medium' | 'low';

/**
 * How bad a problem is where it sits. GitHub rejects a workflow or action whose structure is wrong
 * (high), but it does not validate everything the published syntax describes: trigger filters an event
 * does not support are silently ignored (so the workflow runs more often than written: medium), and the
 * runner accepts action metadata with unknown top-level keys, no name/description, odd input settings
 * or a bad branding (only the metadata syntax and the Marketplace require them: low).
 */
function workflowSeverity(p: Problem, segs: string[]): Severity {
  // Inputs, secrets and outputs of workflow_call / workflow_dispatch are read by GitHub: those stay high.
  if (segs[0] === 'on' && segs.length >= 2 && !/^\d+$/.test(segs[1]) && segs[1] !== 'workflow_call' && segs[1] !== 'workflow_dispatch') return 'medium';
  return 'high';
}

function actionSeverity(p: Problem, segs: string[]): Severity {
  // The runner reads inputs loosely too (any keys, any values), so `required: 'yes'` breaks nothing.
  if (segs.length === 0 || segs[0] === 'branding' || segs[0] === 'inputs') return p.kind === 'wrong-type' && segs.length === 0 ? 'high' : 'low';
  return 'high';
}

interface SchemaEntry {
  schema: object;
  describe: PathDescriber;
  severity: (p: Problem, segs: string[]) => Severity;
  /** Checks the schema leaves to code (values from a list that grows faster than the schema). */
  extra?: (doc: YamlDocument, data: unknown, describe: PathDescriber) => Problem[];
}

const SCHEMAS: Record<SchemaName, SchemaEntry> = {
  'github-workflow': { schema: workflowSchema, describe: describeWorkflowPath, severity: workflowSeverity },
  'github-action': { schema: actionSchema, describe: describeActionPath, severity: actionSeverity },
  'github-dependabot': { schema: dependabotSchema, describe: describeDependabotPath, severity: (p) => (p.kind === 'unknown-value' ? 'medium' : 'high'), extra: dependabotEcosystems },
};

/** The package ecosystems the Dependabot schema lists (`x-known`): one list, in the schema. */
const ECOSYSTEMS: string[] = (dependabotSchema as { definitions: { update: { properties: Record<string, { 'x-known'?: string[] }> } } }).definitions.update.properties['package-ecosystem']['x-known'] ?? [];

/**
 * Dependabot rejects a configuration whose package-ecosystem it does not know. A near miss
 * (`github-action`) is a typo (high); a value close to nothing may be an ecosystem newer than our list,
 * so it is reported as unknown (medium) rather than as wrong.
 */
function dependabotEcosystems(doc: YamlDocument, data: unknown, describe: PathDescriber): Problem[] {
  const updates = (data as { updates?: unknown } | null)?.updates;
  if (!Array.isArray(updates)) return [];
  const out: Problem[] = [];
  updates.forEach((u, i) => {
    const eco = (u as Record<string, unknown> | null)?.['package-ecosystem'];
    if (typeof eco !== 'string' || ECOSYSTEMS.includes(eco)) return;
    const pointer = `/updates/${i}/package-ecosystem`;
    const owner = describe(['updates', String(i)]).owner;
    const suggestion = didYouMean(eco, ECOSYSTEMS);
    const span = locate(doc, pointer) ?? headSpan(doc, '');
    if (suggestion) out.push({ kind: 'invalid-value', pointer, suggestion, span, message: `Unknown package-ecosystem '${eco}' in ${owner}; did you mean '${suggestion}'?` });
    else out.push({ kind: 'unknown-value', pointer, span, message: `'${eco}' in ${owner} is not a package ecosystem FlowGuard knows (${ECOSYSTEMS.length} are listed); Dependabot rejects ecosystems it does not support` });
  });
  return out;
}

export type ProblemKind = 'unknown-key' | 'missing-key' | 'wrong-type' | 'invalid-value' | 'empty-value' | 'empty-key' | 'ambiguous' | 'expression-not-allowed' | 'case-duplicate-key' | 'unknown-value' | 'invalid-key' | 'unreadable' | 'other';

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

type Problem = Omit<SchemaProblem, 'severity'> & { /** Expected JSON types of a wrong-type problem. */ expected?: string[] };

/** Largest alias expansion accepted when converting a document for validation (a YAML bomb stops here). */
export const MAX_ALIAS_COUNT = 1000;

let ajv: Ajv | undefined;
const compiled = new Map<SchemaName, ValidateFunction>();

/** The compiled validator of a schema: compiled once per process, on first use. */
export function validatorFor(name: SchemaName): ValidateFunction {
  let v = compiled.get(name);
  if (!v) {
    // verbose: errors carry the schema object they come from, whose x-* annotations drive the messages.
    // inlineRefs: false compiles each definition once instead of inlining it at every use: 2-3x faster
    // compile for the ~190-definition workflow schema, same validation speed.
    ajv ??= new Ajv({ allErrors: true, strict: false, verbose: true, validateSchema: false, inlineRefs: false });
    v = ajv.compile(SCHEMAS[name].schema);
    compiled.set(name, v);
  }
  return v;
}

/**
 * Validates one parsed document. Documents with YAML syntax errors are not validated (the parser reports
 * them). With the document's `text`, problems carry fixes where the correction is certain enough.
 */
export function validateDocument(doc: YamlDocument, name: SchemaName, text?: string): SchemaProblem[] {
  if (doc.contents == null || doc.errors.some((e) => e.code !== 'DUPLICATE_KEY')) return [];
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return [{ kind: 'unreadable', pointer: '', severity: 'medium', message: `Not checked against the schema: the document could not be expanded (${reason})`, span: headSpan(doc, '') }];
  }
  const validate = validatorFor(name);
  const { describe: describePath, severity, extra } = SCHEMAS[name];
  const describe: PathDescriber = (segs) => describePath(segs, data);
  const found = validate(data) ? [] : explain(validate.errors ?? [], data, doc, describe);
  // A key that is both unknown and a case variant of a known one is one mistake: keep "unknown key".
  const unknownAt = new Set(found.filter((p) => p.kind === 'unknown-key').map((p) => p.span.start));
  found.push(...caseDuplicates(doc, describe).filter((p) => !unknownAt.has(p.span.start)));
  if (extra) found.push(...extra(doc, data, describe));
  return found
    .sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end)
    .map(({ expected, ...p }) => {
      const fixes = text === undefined ? [] : fixesFor({ ...p, expected }, text, data);
      return { ...p, severity: severity(p, decodePointer(p.pointer)), ...(fixes.length ? { fixes } : {}) };
    });
}

/**
 * Fixes for the mistakes whose correction is clear from the text alone. Removing the quotes around
 * `"10"` where GitHub wants a number is safe (the value is the one written; only its type changes).
 * Renaming to the suggested key or value is a guess at intent, so it is offered but not safe.
 */
function fixesFor(p: Problem, text: string, data: unknown): Fix[] {
  const written = text.slice(p.span.start, p.span.end);
  const quoted = /^(['"])(.*)\1$/s.exec(written);
  const inner = quoted ? quoted[2] : written;
  if (p.kind === 'wrong-type' && quoted && p.expected) {
    const asBoolean = /^(true|false)$/.test(inner) && p.expected.includes('boolean');
    const asNumber = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/.test(inner) && p.expected.includes('number');
    if (asBoolean || asNumber) return [{ title: `Remove the quotes around ${inner}`, safe: true, edits: [{ start: p.span.start, end: p.span.end, newText: inner }] }];
  }
  if (p.kind === 'unknown-key' && p.suggestion && p.key && written === p.key) {
    const mapping = valueAt(data, decodePointer(p.pointer));
    const taken = mapping !== null && typeof mapping === 'object' && Object.prototype.hasOwnProperty.call(mapping, p.suggestion);
    if (!taken) return [{ title: `Rename '${p.key}' to '${p.suggestion}'`, safe: false, edits: [{ start: p.span.start, end: p.span.end, newText: p.suggestion }] }];
  }
  if (p.kind === 'invalid-value' && p.suggestion && inner === String(valueAt(data, decodePointer(p.pointer)))) {
    const start = p.span.start + (quoted ? 1 : 0);
    return [{ title: `Change to '${p.suggestion}'`, safe: false, edits: [{ start, end: start + inner.length, newText: p.suggestion }] }];
  }
  return [];
}

/**
 * GitHub compares mapping keys case-insensitively: `FOO` and `foo` in one `env`, or jobs `a` and `A`,
 * make the file invalid ("'foo' is already defined"). Exact repeats are yaml-duplicate-key's.
 */
function caseDuplicates(doc: YamlDocument, describe: PathDescriber): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<number>(); // a mapping reached through several aliases is reported once
  walk(doc.contents, (node, path) => {
    if (!isMap(node)) return;
    const first = new Map<string, string>();
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const key = keyString(item, doc);
      if (key === undefined || key === '<<') continue;
      const upper = key.toUpperCase();
      const earlier = first.get(upper);
      if (earlier === undefined) first.set(upper, key);
      else if (earlier !== key) {
        const segs = path.map(String);
        const parentPlace = describe(segs);
        const inside = parentPlace.field ? `'${parentPlace.field}' of ${parentPlace.owner}` : parentPlace.owner;
        const span = keySpan(item);
        if (!span || seen.has(span.start)) continue;
        seen.add(span.start);
        out.push({ kind: 'case-duplicate-key', pointer: encodePointer(segs), key, span, message: `Key '${key}' in ${inside} repeats '${earlier}': GitHub compares keys ignoring case and rejects the file` });
      }
    }
  }, doc);
  return out;
}

function encodePointer(segs: string[]): string {
  return segs.map((s) => '/' + s.replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

interface Draft extends Problem {
  order: number;
}

function explain(errors: ErrorObject[], data: unknown, doc: YamlDocument, describe: PathDescriber): Problem[] {
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
        return { kind: 'expression-not-allowed', pointer, span: valueSpan(doc, pointer, value), message: `${where} cannot use an expression ('${context}' is not available here); GitHub rejects the workflow` };
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

function valueAt(data: unknown, segs: string[]): unknown {
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
function headSpan(doc: YamlDocument, pointer: string): Span {
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
    if (isMap(n)) node = pairs(n, doc).find((p) => keyString(p, doc) === seg)?.value;
    else if (isSeq(n)) node = n.items[Number(seg)];
    else return undefined;
  }
  return node;
}
