// Small, alias- and merge-aware readers over the `yaml` AST. Every rule and model reads YAML through
// these so anchors, aliases and `<<` merge keys behave the same everywhere, with a bound on expansion.
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, type Alias, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Span } from '../types.js';
import type { YamlDocument } from './parse.js';

export type AnyNode = Node | null | undefined;

/** Largest number of alias hops followed while resolving one node (alias chains, merge sources). */
const MAX_ALIAS_HOPS = 64;

/** What every alias of a document names, and the last node of each anchor name (for foreign aliases). */
interface AnchorIndex {
  targets: Map<Alias, Node | undefined>;
  last: Map<string, Node>;
}
const anchorIndexes = new WeakMap<YamlDocument, AnchorIndex>();

/**
 * yaml's `Alias.resolve(doc)` walks the whole document for every alias it resolves, which makes
 * anchor-heavy files (hundreds of `<<: *x`, common in GitLab CI) quadratic. The same answer (the last
 * node with the alias's anchor before the alias, in yaml's visiting order: a node, then its items, a
 * pair's key before its value) is indexed here once per document.
 */
function anchorIndex(doc: YamlDocument): AnchorIndex {
  const known = anchorIndexes.get(doc);
  if (known) return known;
  const targets = new Map<Alias, Node | undefined>();
  const last = new Map<string, Node>();
  // Depth-first without recursion (the parser accepts block nesting deeper than the JS stack would).
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const n = stack.pop();
    if (n == null || typeof n !== 'object') continue;
    if (isPair(n)) {
      stack.push(n.value, n.key);
      continue;
    }
    if (isAlias(n)) targets.set(n, last.get(n.source));
    const anchor = (n as { anchor?: string }).anchor;
    if (anchor && (isAlias(n) || isScalar(n) || isCollection(n))) last.set(anchor, n as Node);
    if (isCollection(n)) for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
  }
  const index: AnchorIndex = { targets, last };
  anchorIndexes.set(doc, index);
  return index;
}

/**
 * The node an alias names in `doc`, as yaml's `Alias.resolve(doc)` finds it. (The engine never changes a
 * parsed tree, so the index stays true.) An alias from another document gets the last node of its
 * anchor name, as in yaml.
 */
function aliasTarget(alias: Alias, doc: YamlDocument): Node | undefined {
  const index = anchorIndex(doc);
  return index.targets.has(alias) ? index.targets.get(alias) : index.last.get(alias.source);
}

/** Follows aliases to the node they name. Returns undefined for a dangling alias or a cycle. */
export function resolve(node: unknown, doc?: YamlDocument): Node | undefined {
  let cur = node;
  for (let i = 0; i < MAX_ALIAS_HOPS && isAlias(cur); i++) {
    cur = doc ? aliasTarget(cur, doc) : undefined;
  }
  if (isAlias(cur) || cur == null) return undefined;
  return cur as Node;
}

export function asMap(node: unknown, doc?: YamlDocument): YAMLMap<unknown, unknown> | undefined {
  const n = resolve(node, doc);
  return isMap(n) ? n : undefined;
}

export function asSeq(node: unknown, doc?: YamlDocument): YAMLSeq<unknown> | undefined {
  const n = resolve(node, doc);
  return isSeq(n) ? n : undefined;
}

export function asScalar(node: unknown, doc?: YamlDocument): Scalar | undefined {
  const n = resolve(node, doc);
  return isScalar(n) ? n : undefined;
}

/** The scalar's value as a string (numbers and booleans stringified); undefined for non-scalars. */
export function scalarString(node: unknown, doc?: YamlDocument): string | undefined {
  const s = asScalar(node, doc);
  return s ? valueString(s.value) : undefined;
}

/** A scalar's value as scalarString gives it (undefined for null), for callers that already hold the Scalar. */
export function valueString(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  return typeof v === 'string' ? v : String(v);
}

export function keyString(pair: Pair<unknown, unknown>, doc?: YamlDocument): string | undefined {
  return scalarString(pair.key, doc);
}

/** `<<` as a merge key: the parser gives it a Symbol value when `merge` is on, the string otherwise. */
export function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  const v = key.value;
  return v === '<<' || (typeof v === 'symbol' && v.description === '<<');
}

function isMergePair(pair: Pair<unknown, unknown>): boolean {
  return isMergeKey(pair.key) && (isAlias(pair.value) || isSeq(pair.value) || isMap(pair.value));
}

function hasMergePair(map: YAMLMap<unknown, unknown>): boolean {
  for (const item of map.items) if (isPair(item) && isMergePair(item)) return true;
  return false;
}

/**
 * The pairs of a mapping with `<<` merges applied: own keys win over merged ones, earlier merge
 * sources win over later ones (YAML merge-key semantics). Bounded by `MAX_ALIAS_HOPS` per level.
 */
export function pairs(node: unknown, doc?: YamlDocument, depth = 0): Pair<unknown, unknown>[] {
  const map = asMap(node, doc);
  if (!map) return [];
  const own: Pair<unknown, unknown>[] = [];
  const merged: Pair<unknown, unknown>[] = [];
  for (const item of map.items) {
    if (!isPair(item)) continue;
    if (isMergePair(item) && depth < 8) {
      const sources = isSeq(item.value) ? item.value.items : [item.value];
      for (const src of sources.slice(0, MAX_ALIAS_HOPS)) merged.push(...pairs(src, doc, depth + 1));
    } else {
      own.push(item);
    }
  }
  if (merged.length === 0) return own;
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

/** Mappings at least this large are looked up through an index (a pipeline's top level has hundreds of jobs). */
const INDEXED_MAP_SIZE = 16;
const pairIndexes = new WeakMap<YAMLMap<unknown, unknown>, { doc: YamlDocument | undefined; index: Map<string, Pair<unknown, unknown>> }>();

export function getPair(node: unknown, key: string, doc?: YamlDocument): Pair<unknown, unknown> | undefined {
  const map = asMap(node, doc);
  if (!map) return undefined;
  if (map.items.length >= INDEXED_MAP_SIZE) {
    // The first pair with the key in pairs() order, as the scan below finds it.
    let known = pairIndexes.get(map);
    if (!known || known.doc !== doc) {
      const index = new Map<string, Pair<unknown, unknown>>();
      for (const p of pairs(map, doc)) {
        const k = keyString(p, doc);
        if (k !== undefined && !index.has(k)) index.set(k, p);
      }
      pairIndexes.set(map, (known = { doc, index }));
    }
    return known.index.get(key);
  }
  // The first pair with the key in pairs() order: own pairs come before merged ones, so a mapping without merge
  // keys is read in place (most are: this is the engine's most frequent read), without pairs()'s array.
  let merges = false;
  for (const item of map.items) {
    if (!isPair(item)) continue;
    if (isMergePair(item)) {
      merges = true;
      continue;
    }
    const k = item.key;
    if (!isScalar(k)) {
      if (isAlias(k)) return slowGetPair(map, key, doc); // a key read through an alias
      continue;
    }
    if (valueString(k.value) === key) return item;
  }
  return merges ? slowGetPair(map, key, doc) : undefined;
}

function slowGetPair(map: YAMLMap<unknown, unknown>, key: string, doc?: YamlDocument): Pair<unknown, unknown> | undefined {
  for (const p of pairs(map, doc)) if (keyString(p, doc) === key) return p;
  return undefined;
}

/** The value node under `key` (aliases not resolved, so its span is where it is written). */
export function get(node: unknown, key: string, doc?: YamlDocument): Node | undefined {
  const v = getPair(node, key, doc)?.value;
  return v == null ? undefined : (v as Node);
}

export function getString(node: unknown, key: string, doc?: YamlDocument): string | undefined {
  return scalarString(get(node, key, doc), doc);
}

export function items(node: unknown, doc?: YamlDocument): Node[] {
  const seq = asSeq(node, doc);
  if (!seq) return [];
  return seq.items.filter((i): i is Node => i != null) as Node[];
}

/** Source span of a node: from its first character to the end of its value (comments excluded). */
export function spanOf(node: unknown): Span | undefined {
  const n = node as Node | null | undefined;
  if (!n || !n.range) return undefined;
  return { start: n.range[0], end: n.range[1] };
}

/** Span of a pair's key, falling back to its value. */
export function keySpan(pair: Pair<unknown, unknown>): Span | undefined {
  return spanOf(pair.key) ?? spanOf(pair.value);
}

/** Span covering a whole pair: key through value. */
export function pairSpan(pair: Pair<unknown, unknown>): Span | undefined {
  const k = spanOf(pair.key);
  const v = spanOf(pair.value);
  if (k && v) return { start: k.start, end: Math.max(k.end, v.end) };
  return k ?? v;
}

/** Walk budget shared by whole-tree visitors so an alias bomb cannot make a walk exponential. */
export interface WalkBudget {
  remaining: number;
  exhausted: boolean;
}

export function walkBudget(limit = 100_000): WalkBudget {
  return { remaining: limit, exhausted: false };
}

/**
 * Depth-first walk over every node, following aliases (bounded by the budget). The visitor gets the
 * node, the path of keys/indexes from the root, and the pair it is the value of (if any). A visitor
 * declared with only the node parameter is not given paths (they are not built).
 */
export function walk(
  root: unknown,
  visit: (node: Node, path: (string | number)[], parent: Pair<unknown, unknown> | undefined) => boolean | void,
  doc?: YamlDocument,
  budget: WalkBudget = walkBudget(),
): void {
  // A visitor declared without the path parameter gets one shared empty array: no path is built.
  const wantsPath = visit.length >= 2;
  const rec = (raw: unknown, path: (string | number)[], parent: Pair<unknown, unknown> | undefined, depth: number) => {
    if (budget.remaining-- <= 0) {
      budget.exhausted = true;
      return;
    }
    if (depth > 500) return;
    const node = resolve(raw, doc);
    if (!node) return;
    if (visit(node, path, parent) === false) return;
    // Every node of every file goes through here (several walks per document): plain loops, and a
    // mapping without merge keys is read as it is (pairs() would copy it).
    if (isMap(node)) {
      const ps = hasMergePair(node) ? pairs(node, doc) : node.items;
      for (let i = 0; i < ps.length; i++) {
        const p = ps[i];
        if (!isPair(p)) continue;
        if (!wantsPath) {
          rec(p.value, path, p, depth + 1);
          continue;
        }
        const k = p.key;
        const key = isScalar(k) && typeof k.value === 'string' ? k.value : keyString(p, doc) ?? '?';
        rec(p.value, [...path, key], p, depth + 1);
      }
    } else if (isSeq(node)) {
      const items = node.items;
      for (let i = 0; i < items.length; i++) rec(items[i], wantsPath ? [...path, i] : path, undefined, depth + 1);
    }
  };
  rec(root, [], undefined, 0);
}
