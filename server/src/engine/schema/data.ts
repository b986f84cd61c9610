// One pass over a document for validation: the plain JS value ajv checks (exactly what yaml's
// `doc.toJS()` gives) and the keys that repeat another key of their mapping but for case. yaml's toJS and
// the generic `walk` of nodes.ts cost three passes and most of the schema rules' time; this one is a plain
// recursive copy. It declines (returns undefined) what it does not reproduce exactly: aliases, merge keys,
// keys that are not scalars, scalar values that are not JSON-like, documents larger or deeper than the
// `walk` budget. validate.ts then takes the general path (toJS and walks), which is exact by definition.
import { Scalar, YAMLMap, YAMLSeq, type Pair } from 'yaml';
import type { Span } from '../types.js';
import type { YamlDocument } from '../yaml/parse.js';
import { keySpan } from '../yaml/nodes.js';

/** A key equal to an earlier key of the same mapping when case is ignored (`FOO` after `foo`). */
export interface CaseDuplicate {
  /** Path of the mapping (keys and indexes as strings, as `walk` names them). */
  path: string[];
  key: string;
  earlier: string;
  span: Span;
}

export interface DocumentData {
  data: unknown;
  caseDuplicates: CaseDuplicate[];
}

/** Nodes and depth `walk` (nodes.ts) visits with its default budget: beyond, its walks stop early. */
const MAX_NODES = 100_000;
const MAX_DEPTH = 500;

/**
 * Whether a key has a character that can make two different keys equal under toUpperCase: an ASCII
 * capital, or anything outside ASCII ('ß' is 'SS'). Keys without one are distinct ignoring case as soon
 * as they are distinct.
 */
function caseSensitive(key: string): boolean {
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c >= 128) return true;
  }
  return false;
}

class Decline extends Error {}
const DECLINE = new Decline();

export function readDocument(doc: YamlDocument): DocumentData | undefined {
  const caseDuplicates: CaseDuplicate[] = [];
  let visited = 0;
  const path: (string | number)[] = [];
  const caseDuplicatesOf = (items: Pair<unknown, unknown>[]) => {
    const first = new Map<string, string>();
    for (const item of items) {
      const kv = (item.key as Scalar).value;
      if (kv === null) continue;
      const key = String(kv);
      const upper = key.toUpperCase();
      const earlier = first.get(upper);
      if (earlier === undefined) first.set(upper, key);
      else if (earlier !== key) {
        const span = keySpan(item);
        if (span) caseDuplicates.push({ path: path.map(String), key, earlier, span });
      }
    }
  };
  const value = (node: unknown, depth: number): unknown => {
    if (++visited > MAX_NODES || depth > MAX_DEPTH) throw DECLINE;
    if (node === null || node === undefined) return node;
    // Exact classes: a YAML 1.1 `!!set` or `!!omap` (subclasses) converts differently.
    const proto = Object.getPrototypeOf(node);
    if (proto === Scalar.prototype) {
      const v = (node as Scalar).value;
      if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return v;
      throw DECLINE;
    }
    if (proto === YAMLMap.prototype) {
      const items = (node as YAMLMap<unknown, unknown>).items as Pair<unknown, unknown>[];
      const obj: Record<string, unknown> = {};
      let cased = false;
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        const k = item.key;
        if (k === null || Object.getPrototypeOf(k) !== Scalar.prototype) throw DECLINE;
        const kv = (k as Scalar).value;
        // A `<<` merge key (a Symbol with merges on, the string otherwise, as isMergeKey in nodes.ts).
        if (kv === '<<') throw DECLINE;
        let key: string;
        if (kv === null) {
          key = '';
          path.push('?'); // `walk` names the child of an empty key so
        } else {
          if (typeof kv === 'object' || typeof kv === 'symbol' || kv === undefined) throw DECLINE;
          key = typeof kv === 'string' ? kv : String(kv);
          if (!cased && caseSensitive(key)) cased = true;
          path.push(key);
        }
        const v = value(item.value, depth + 1);
        path.pop();
        // yaml's addPairToJSMap defines a key that exists (own or inherited) rather than assigning it. That
        // differs from assigning only for `__proto__` (the one accessor of Object.prototype).
        if (key === '__proto__') Object.defineProperty(obj, key, { value: v, writable: true, enumerable: true, configurable: true });
        else obj[key] = v;
      }
      // GitHub compares keys ignoring case. (Reported after the children's; validate.ts sorts by place.)
      if (cased && items.length > 1) caseDuplicatesOf(items);
      return obj;
    }
    if (proto === YAMLSeq.prototype) {
      const items = (node as YAMLSeq<unknown>).items;
      const arr: unknown[] = new Array(items.length);
      for (let i = 0; i < items.length; i++) {
        path.push(i);
        arr[i] = value(items[i], depth + 1);
        path.pop();
      }
      return arr;
    }
    throw DECLINE; // an alias, a pair outside a mapping, anything else
  };
  try {
    return { data: value(doc.contents, 0), caseDuplicates };
  } catch (e) {
    if (e === DECLINE) return undefined;
    throw e;
  }
}
