// Maps a JSON pointer (as ajv reports it) back to the YAML node it names, following aliases and merges.
import { isMap, isSeq } from 'yaml';
import type { Span } from '../types.js';
import type { YamlDocument } from '../yaml/parse.js';
import { getPair, items, keySpan, resolve, spanOf } from '../yaml/nodes.js';

export function decodePointer(pointer: string): string[] {
  if (!pointer) return [];
  return pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * The span of the node at `pointer`. With `property`, the span of that key inside the mapping (for
 * "unknown key" errors). Falls back to the deepest node that exists.
 */
export function locate(doc: YamlDocument, pointer: string, property?: string): Span | undefined {
  let node: unknown = doc.contents;
  let span = spanOf(node);
  for (const seg of decodePointer(pointer)) {
    const n = resolve(node, doc);
    if (isMap(n)) {
      const pair = getPair(n, seg, doc);
      if (!pair) return span;
      node = pair.value;
      span = spanOf(pair.value) ?? keySpan(pair) ?? span;
    } else if (isSeq(n)) {
      const it = items(n, doc)[Number(seg)];
      if (it === undefined) return span;
      node = it;
      span = spanOf(it) ?? span;
    } else {
      return span;
    }
  }
  if (property !== undefined) {
    const pair = getPair(resolve(node, doc), property, doc);
    if (pair) return keySpan(pair) ?? span;
  }
  return span;
}

/** The span of the key whose value sits at `pointer` (the last segment), or the value's span. */
export function locateKey(doc: YamlDocument, pointer: string): Span | undefined {
  const segs = decodePointer(pointer);
  if (!segs.length) return spanOf(doc.contents);
  const parentPtr = segs.slice(0, -1).map((s) => '/' + s.replace(/~/g, '~0').replace(/\//g, '~1')).join('');
  const last = segs[segs.length - 1];
  let node: unknown = doc.contents;
  for (const seg of decodePointer(parentPtr)) {
    const n = resolve(node, doc);
    if (isMap(n)) node = getPair(n, seg, doc)?.value;
    else if (isSeq(n)) node = items(n, doc)[Number(seg)];
    else return locate(doc, pointer);
  }
  const parent = resolve(node, doc);
  if (isMap(parent)) {
    const pair = getPair(parent, last, doc);
    if (pair) return keySpan(pair);
  }
  return locate(doc, pointer);
}
