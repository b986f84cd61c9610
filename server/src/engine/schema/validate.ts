// Validates one YAML document against a JSON Schema in schemas/: ajv (validators.ts) checks it, its errors
// turned into problems by problems.ts, plus what a schema cannot say (keys equal but for case, values
// from lists that grow faster than the schema), severities where GitHub is more lenient than its syntax,
// and fixes.
//
// The GitHub schemas are generated (scripts/gen-github-schemas.ts) so that variants are chosen with
// if/then/else on the keys present rather than with oneOf: ajv then reports the errors of the variant the
// user meant, not a oneOf cascade.
import dependabotSchema from '../../../../schemas/github-dependabot.json' with { type: 'json' };
import { isMap, isPair } from 'yaml';
import type { Fix } from '../types.js';
import type { YamlDocument } from '../yaml/parse.js';
import { isMergeKey, keySpan, keyString, walk } from '../yaml/nodes.js';
import { readDocument, type CaseDuplicate } from './data.js';
import { decodePointer, locate } from './locate.js';
import { describeActionPath, describeDependabotPath, describeWorkflowPath, type PathDescriber } from './paths.js';
import { explain, headSpan, valueAt, type Problem, type SchemaProblem, type Severity } from './problems.js';
import { didYouMean } from './suggest.js';
import { validatorFor } from './validators.js';

export type { ProblemKind, SchemaProblem } from './problems.js';
export { validatorFor } from './validators.js';

export type SchemaName = 'github-workflow' | 'github-action' | 'github-dependabot';

/**
 * How bad a problem is where it sits. GitHub rejects a workflow or action whose structure is wrong
 * (high), but it does not validate everything the published syntax describes: trigger filters an event
 * does not support are silently ignored (so the workflow runs more often than written: medium), and the
 * runner accepts action metadata with unknown top-level keys, no name/description, odd input settings
 * or a bad branding (only the metadata syntax and the Marketplace require them: low).
 */
function workflowSeverity(p: Problem, segs: string[]): Severity {
  // Inputs, secrets and outputs of workflow_call / workflow_dispatch are read by GitHub: those stay high.
  // An expression or a case-duplicate key makes the parser reject the file wherever it is.
  if (p.kind === 'expression-not-allowed' || p.kind === 'case-duplicate-key' || p.kind === 'merge-key') return 'high';
  if (segs[0] === 'on' && segs.length >= 2 && !/^\d+$/.test(segs[1]) && segs[1] !== 'workflow_call' && segs[1] !== 'workflow_dispatch') return 'medium';
  return 'high';
}

function actionSeverity(p: Problem, segs: string[]): Severity {
  // The runner reads inputs loosely too (any keys, any values), so `required: 'yes'` breaks nothing.
  if (p.kind === 'merge-key') return 'high';
  if (segs.length === 0 || segs[0] === 'branding' || segs[0] === 'inputs') return p.kind === 'wrong-type' && segs.length === 0 ? 'high' : 'low';
  return 'high';
}

interface SchemaEntry {
  describe: PathDescriber;
  severity: (p: Problem, segs: string[]) => Severity;
  /** Checks the schema leaves to code (values from a list that grows faster than the schema). */
  extra?: (doc: YamlDocument, data: unknown, describe: PathDescriber) => Problem[];
  /** The consumer's YAML has no merge keys (GitHub Actions supports anchors and aliases, not `<<`). */
  noMergeKeys?: boolean;
}

const SCHEMAS: Record<SchemaName, SchemaEntry> = {
  'github-workflow': { describe: describeWorkflowPath, severity: workflowSeverity, noMergeKeys: true },
  'github-action': { describe: describeActionPath, severity: actionSeverity, noMergeKeys: true },
  'github-dependabot': { describe: describeDependabotPath, severity: (p) => (p.kind === 'unknown-value' ? 'medium' : 'high'), extra: dependabotEcosystems },
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

/** Largest alias expansion accepted when converting a document for validation (a YAML bomb stops here). */
export const MAX_ALIAS_COUNT = 1000;

/**
 * Validates one parsed document. Documents with YAML syntax errors are not validated (the parser reports
 * them). With the document's `text`, problems carry fixes where the correction is certain enough.
 */
export function validateDocument(doc: YamlDocument, name: SchemaName, text?: string): SchemaProblem[] {
  if (doc.contents == null || doc.errors.some((e) => e.code !== 'DUPLICATE_KEY')) return [];
  // The common document (no aliases, no merge keys) is read in one pass; the others through yaml's toJS
  // and the alias-following walks, which bound alias expansion.
  const read = readDocument(doc);
  let data: unknown;
  if (read) data = read.data;
  else {
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      return [{ kind: 'unreadable', pointer: '', severity: 'medium', message: `Not checked against the schema: the document could not be expanded (${reason})`, span: headSpan(doc, '') }];
    }
  }
  const validate = validatorFor(name);
  const { describe: describePath, severity, extra, noMergeKeys } = SCHEMAS[name];
  const describe: PathDescriber = (segs) => describePath(segs, data);
  const found = validate(data) ? [] : explain(validate.errors ?? [], data, doc, describe);
  const dups = read ? read.caseDuplicates.map((d) => caseDuplicateProblem(d, describe)) : caseDuplicates(doc, describe);
  // A key that is both unknown and a case variant of a known one is one mistake: keep "unknown key".
  if (dups.length) {
    const unknownAt = new Set(found.filter((p) => p.kind === 'unknown-key').map((p) => p.span.start));
    found.push(...dups.filter((p) => !unknownAt.has(p.span.start)));
  }
  if (extra) found.push(...extra(doc, data, describe));
  // readDocument declines documents with merge keys, so only the general path can find any.
  if (noMergeKeys && !read) found.push(...mergeKeys(doc, describe, name === 'github-action' ? 'action metadata' : 'workflow'));
  if (!found.length) return [];
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
      if (key === undefined || isMergeKey(item.key)) continue;
      const upper = key.toUpperCase();
      const earlier = first.get(upper);
      if (earlier === undefined) first.set(upper, key);
      else if (earlier !== key) {
        const span = keySpan(item);
        if (!span || seen.has(span.start)) continue;
        seen.add(span.start);
        out.push(caseDuplicateProblem({ path: path.map(String), key, earlier, span }, describe));
      }
    }
  }, doc);
  return out;
}

function caseDuplicateProblem({ path, key, earlier, span }: CaseDuplicate, describe: PathDescriber): Problem {
  const parentPlace = describe(path);
  const inside = parentPlace.field ? `'${parentPlace.field}' of ${parentPlace.owner}` : parentPlace.owner;
  return { kind: 'case-duplicate-key', pointer: encodePointer(path), key, span, message: `Key '${key}' in ${inside} repeats '${earlier}': GitHub compares keys ignoring case and rejects the file` };
}

/**
 * `<<` merge keys: the engine reads them (as YAML 1.1 tools do) so the rest of the file is checked as the
 * author meant it, but GitHub does not support them (anchors and aliases only, since August 2025) and
 * rejects the file.
 */
function mergeKeys(doc: YamlDocument, describe: PathDescriber, what: string): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<number>();
  walk(doc.contents, (node, path) => {
    if (!isMap(node)) return;
    for (const item of node.items) {
      if (!isPair(item) || !isMergeKey(item.key)) continue;
      const span = keySpan(item);
      if (!span || seen.has(span.start)) continue;
      seen.add(span.start);
      const segs = path.map(String);
      const place = describe(segs);
      const inside = place.field ? `'${place.field}' of ${place.owner}` : place.owner;
      out.push({ kind: 'merge-key', pointer: encodePointer(segs), key: '<<', span, message: `Merge key '<<' in ${inside}: GitHub supports YAML anchors and aliases but not merge keys, and rejects the ${what}; write the keys out or alias the whole mapping` });
    }
  }, doc);
  return out;
}

function encodePointer(segs: string[]): string {
  return segs.map((s) => '/' + s.replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
