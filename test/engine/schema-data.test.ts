// schema/data.ts reads a document in one pass for validation: the value must be exactly yaml's toJS (key
// order, prototype-named keys, numbers), and what it cannot reproduce it must decline (validate.ts then
// takes yaml's toJS and the alias-following walks).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { readDocument } from '../../server/src/engine/schema/data.js';
import { parseYaml } from '../../server/src/engine/yaml/parse.js';

const doc = (text: string, options = {}) => parseYaml(text, options).documents[0];
/** Deep equality that also compares key order. */
const same = (a: unknown, b: unknown) => {
  assert.deepStrictEqual(a, b);
  assert.equal(JSON.stringify(a), JSON.stringify(b));
};

describe('readDocument', () => {
  it('gives toJS for generated documents, in YAML 1.2 and 1.1', () => {
    const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('constructor', '__proto__', 'toString', 'Env', 'ENV', 'env', 'ß', 'SS', '1', '01', 'true', 'null', ''));
    const scalar = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom('0x1F', '0o17', '.inf', '-.nan', 'yes', 'No', '~', '1e3', '2001-12-14'));
    const tree = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, scalar, tie('map'), tie('seq')),
      map: fc.array(fc.tuple(key, tie('value')), { maxLength: 5 }),
      seq: fc.array(tie('value'), { maxLength: 4 }),
    }));
    // Mappings as pair lists, so keys may repeat (the parser keeps both; toJS keeps the last value).
    const text = (v: unknown, indent = ''): string => {
      if (Array.isArray(v) && v.every((p) => Array.isArray(p) && p.length === 2) && v.length) {
        return v.map(([k, x]) => `\n${indent}${JSON.stringify(k)}: ${text(x, indent + '  ')}`).join('');
      }
      return stringify(v, { flow: true }).trim();
    };
    let runs = 0;
    let read = 0;
    fc.assert(
      fc.property(tree.map, fc.constantFrom('1.2', '1.1'), (value, version) => {
        const d = doc(text(value), { version });
        if (!d || d.errors.length) return;
        runs++;
        // YAML 1.1 timestamps and binaries are not JSON values: declined, validated through toJS.
        const r = readDocument(d);
        if (!r) return;
        read++;
        same(r.data, d.toJS());
      }),
      { numRuns: 500, seed: 11 },
    );
    assert.ok(read > runs * 0.8, `only ${read} of ${runs} documents read`);
  });

  it('defines keys that exist on the prototype rather than assigning them', () => {
    const d = doc('constructor: 1\n__proto__: 2\ntoString: 3\n');
    const read = readDocument(d)!;
    same(read.data, d.toJS());
    assert.equal(Object.getPrototypeOf(read.data), Object.prototype);
  });

  it('declines aliases, merge keys, collection keys and YAML 1.1 sets', () => {
    assert.equal(readDocument(doc('a: &x 1\nb: *x\n')), undefined);
    assert.equal(readDocument(doc('a: &x {k: 1}\nb:\n  <<: *x\n')), undefined);
    assert.equal(readDocument(doc('? [a]\n: b\n')), undefined);
    assert.equal(readDocument(doc('s: !!set {a, b}\n', { version: '1.1' })), undefined);
  });

  it('declines documents the walks would not finish (more than 100,000 nodes)', () => {
    const big = `a: [${'1,'.repeat(100_000)}1]\n`;
    assert.equal(readDocument(doc(big)), undefined);
    assert.ok(readDocument(doc(`a: [${'1,'.repeat(1000)}1]\n`)));
  });

  it('finds keys equal but for case, with the path of their mapping', () => {
    const read = readDocument(doc('jobs:\n  a:\n    env:\n      FOO: 1\n      foo: 2\n      Foo: 3\n  A: {}\nsteps:\n  - ß: 1\n    SS: 2\n'))!;
    assert.deepEqual(
      read.caseDuplicates.map((d) => [d.path.join('/'), d.key, d.earlier]).sort(),
      [['jobs', 'A', 'a'], ['jobs/a/env', 'Foo', 'FOO'], ['jobs/a/env', 'foo', 'FOO'], ['steps/0', 'SS', 'ß']],
    );
  });
});
