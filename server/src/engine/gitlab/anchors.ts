// Alias resolution with an anchor index built once per document. yaml's `Alias.resolve(doc)` walks the
// whole document for every alias, which makes anchor-heavy GitLab files (hundreds of `<<: *x`)
// quadratic; GitLab files are where anchors are common.
import { isAlias, isCollection, isPair, type Node } from 'yaml';
import type { YamlDocument } from '../yaml/parse.js';

const index = new WeakMap<YamlDocument, Node[]>();

/** Anchored nodes and aliases in document order (as yaml's resolver sees them). */
function anchorsOf(doc: YamlDocument): Node[] {
  let list = index.get(doc);
  if (list) return list;
  list = [];
  const out = list;
  const rec = (n: unknown, depth: number) => {
    if (n == null || depth > 500) return;
    if (isPair(n)) {
      rec(n.key, depth + 1);
      rec(n.value, depth + 1);
      return;
    }
    const node = n as Node & { anchor?: string };
    if (isAlias(node) || node.anchor) out.push(node);
    if (isCollection(node)) for (const it of node.items) rec(it, depth + 1);
  };
  rec(doc.contents, 0);
  index.set(doc, list);
  return list;
}

/** Follows aliases (bounded) to the node they name: the last anchor of that name before the alias. */
export function resolveFast(node: unknown, doc: YamlDocument): Node | undefined {
  let cur = node;
  for (let hops = 0; hops < 64 && isAlias(cur); hops++) {
    const alias = cur;
    let found: Node | undefined;
    for (const n of anchorsOf(doc)) {
      if (n === alias) break;
      if ((n as { anchor?: string }).anchor === alias.source) found = n;
    }
    cur = found;
  }
  if (isAlias(cur) || cur == null) return undefined;
  return cur as Node;
}
