import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../server/src/engine/index.js';
import { parseYaml } from '../../server/src/engine/yaml/parse.js';
import { asMap, get } from '../../server/src/engine/yaml/nodes.js';
import { indentBlock, insertPairEdit } from '../../server/src/engine/yaml/edit.js';

function add(text: string, path: string[], key: string, value: string | ((col: number) => string)) {
  const doc = parseYaml(text).documents[0];
  let node: unknown = doc.contents;
  for (const p of path) node = get(node, p, doc);
  const map = asMap(node, doc)!;
  const col = map.items.length ? (text.slice(0, (map.items[0].key as { range: number[] }).range[0]).split('\n').pop()!.length) : 0;
  return applyEdits(text, [insertPairEdit(map, key, typeof value === 'string' ? value : value(col), text)]);
}

describe('insertPairEdit', () => {
  it('appends to a block mapping, after a trailing comment', () => {
    assert.equal(add('a:\n  b: 1 # keep\nc: 2\n', ['a'], 'd', '2'), 'a:\n  b: 1 # keep\n  d: 2\nc: 2\n');
  });
  it('appends after a block scalar', () => {
    assert.equal(add('s:\n  run: |\n    echo hi\n  x: 1\n', ['s'], 'env', '{}').endsWith('  x: 1\n  env: {}\n'), true);
    assert.equal(add('s:\n  run: |\n    echo hi\nnext: 1\n', ['s'], 'shell', 'bash'), 's:\n  run: |\n    echo hi\n  shell: bash\nnext: 1\n');
  });
  it('writes multi-line values and keeps CRLF', () => {
    assert.equal(add('u:\r\n  a: 1\r\n', ['u'], 'cooldown', (c) => indentBlock(['default-days: 7'], c + 2, '\r\n')), 'u:\r\n  a: 1\r\n  cooldown:\r\n    default-days: 7\r\n');
  });
  it('inserts into flow mappings', () => {
    assert.equal(add('a: {b: 1}\n', ['a'], 'c', '2'), 'a: {b: 1, c: 2}\n');
    assert.equal(add('a: {}\n', ['a'], 'c', '2'), 'a: {c: 2}\n');
  });
  it('handles a file without a final newline', () => {
    assert.equal(add('a:\n  b: 1', ['a'], 'c', '2'), 'a:\n  b: 1\n  c: 2');
  });
});
