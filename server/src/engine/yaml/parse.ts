// YAML text -> documents with exact offsets. Syntax errors and duplicate keys become findings; the
// parser's recovered tree is still returned so the rest of the file can be checked.
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type DocumentOptions, type Pair, type ParseOptions, type SchemaOptions } from 'yaml';
import type { Finding } from '../types.js';
import { isMergeKey } from './nodes.js';

export type YamlDocument = Document.Parsed;

export interface YamlFile {
  text: string;
  documents: YamlDocument[];
  /** Syntax errors and duplicate keys, already as findings. */
  problems: Finding[];
}

export type YamlParseOptions = ParseOptions & DocumentOptions & SchemaOptions;

/** Findings of these ids come from the parser, not from a rule file. */
export const SYNTAX_RULE_ID = 'yaml-syntax';
export const DUPLICATE_KEY_RULE_ID = 'yaml-duplicate-key';

/** Deepest nesting the parser is given. Deeper flow collections exhaust the parser's recursion (it overflows near 800 levels) (and, seen
 * on Node 20, leave V8's regular-expression compiler out of memory afterwards), so they are refused. */
export const MAX_NESTING = 256;

/**
 * Deepest `[`/`{` nesting outside quotes and comments, and where it passes `limit`: a linear scan that is
 * exact for flow collections and conservative (it may over-count) for brackets inside plain scalars.
 */
export function flowNesting(text: string, limit: number): { depth: number; at?: number } {
  let depth = 0;
  let max = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) {
        if (quote === "'" && text[i + 1] === "'") i++;
        else quote = '';
      } else if (c === '\\' && quote === '"') i++;
      else if (c === '\n' && quote === '') quote = '';
      continue;
    }
    if (c === '"' || c === "'") {
      // A quote only opens a quoted scalar where a value can start.
      const prev = text[i - 1];
      if (i === 0 || prev === ' ' || prev === '\t' || prev === '[' || prev === '{' || prev === ',' || prev === ':' || prev === '\n') quote = c;
    } else if (c === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t' || text[i - 1] === '\n')) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === '[' || c === '{') {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return { depth: max, at: i };
      }
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return { depth: max };
}

export function parseYaml(text: string, options: YamlParseOptions = {}): YamlFile {
  const nesting = flowNesting(text, MAX_NESTING);
  if (nesting.at !== undefined) {
    return {
      text,
      documents: [],
      problems: [{ ruleId: SYNTAX_RULE_ID, message: `YAML nested more than ${MAX_NESTING} levels deep: not parsed (no pipeline needs this; it is usually corrupted or hostile input)`, severity: 'high', confidence: 'high', persona: 'regular', span: clampSpan(text, nesting.at, nesting.at + 1) }],
    };
  }
  // BOM: the parser handles it, but offsets must stay those of the original text, so keep it as is.
  const docs = parseAllDocuments(text, {
    prettyErrors: false,
    // The parser's own duplicate-key check is quadratic in the size of a mapping; ours below is linear.
    uniqueKeys: false,
    merge: true,
    keepSourceTokens: false,
    strict: true,
    ...options,
  });
  const documents: YamlDocument[] = Array.isArray(docs) ? docs : [];
  const problems: Finding[] = [];
  // parseAllDocuments returns an EmptyStream (not an array) for an empty text: no documents, no errors.
  for (const doc of documents) {
    for (const err of doc.errors) {
      const duplicate = err.code === 'DUPLICATE_KEY';
      problems.push({
        ruleId: duplicate ? DUPLICATE_KEY_RULE_ID : SYNTAX_RULE_ID,
        message: duplicate ? err.message.replace(/^Map keys must be unique/, 'Duplicate key: map keys must be unique') : `YAML syntax error: ${err.message}`,
        severity: 'high',
        confidence: 'high',
        persona: 'regular',
        span: clampSpan(text, err.pos[0], err.pos[1]),
      });
    }
    problems.push(...duplicateKeys(doc, text));
    for (const warn of doc.warnings) {
      // Warnings such as unresolved tags are informational; custom tags are registered per platform.
      if (warn.code === 'TAG_RESOLVE_FAILED') continue;
      problems.push({
        ruleId: SYNTAX_RULE_ID,
        message: `YAML: ${warn.message}`,
        severity: 'low',
        confidence: 'high',
        persona: 'regular',
        span: clampSpan(text, warn.pos[0], warn.pos[1]),
      });
    }
  }
  return { text, documents, problems };
}

/**
 * Duplicate scalar keys in every mapping of the document (aliases are not followed). An explicit
 * pre-order walk (keys before values, as yaml's `visit` goes) without visit's per-node path bookkeeping:
 * this runs on every file, so it is kept to one cheap pass; iterative, so deep nesting cannot overflow.
 */
function duplicateKeys(doc: YamlDocument, text: string): Finding[] {
  const out: Finding[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      if (node.items.length >= 2) checkMap(node.items, text, out);
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i].value, node.items[i].key);
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    } else if (isPair(node)) {
      stack.push(node.value, node.key);
    }
  }
  return out;
}

function checkMap(items: readonly Pair<unknown, unknown>[], text: string, out: Finding[]): void {
  const seen = new Map<string, number>();
  for (const pair of items) {
    const k = pair.key;
    if (!isScalar(k) || isMergeKey(k)) continue;
    const id = `${typeof k.value}:${String(k.value)}`;
    const first = seen.get(id);
    if (first === undefined) {
      seen.set(id, k.range?.[0] ?? 0);
      continue;
    }
    const [start, end] = k.range ?? [0, 0];
    out.push({
      ruleId: DUPLICATE_KEY_RULE_ID,
      message: `Duplicate key '${String(k.value)}': map keys must be unique (the later value silently replaces the earlier one in some tools and is rejected by others)`,
      severity: 'high',
      confidence: 'high',
      persona: 'regular',
      span: clampSpan(text, start, end),
    });
  }
}

function clampSpan(text: string, start: number, end: number) {
  const s = Math.max(0, Math.min(start, text.length));
  let e = Math.max(s, Math.min(end, text.length));
  if (e === s && s < text.length) e = s + 1;
  return { start: s, end: e };
}
