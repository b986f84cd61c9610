import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint } from '../../server/src/engine/index.js';
import { parseYaml } from '../../server/src/engine/yaml/parse.js';
import { get, getString, pairs, walk, walkBudget } from '../../server/src/engine/yaml/nodes.js';

const ids = (text: string) => lint(text, { path: '.github/workflows/x.yml' }).findings.map((f) => `${f.ruleId}:${text.slice(f.span.start, f.span.end)}`);

describe('YAML parsing', () => {
  it('reports a syntax error at its place and still checks the rest', () => {
    const text = 'on: push\njobs:\n  a:\n    runs-on: [ubuntu\n    steps:\n      - uses: foo/bar@v1\n';
    const found = lint(text, { path: '.github/workflows/x.yml' }).findings;
    assert.ok(found.some((f) => f.ruleId === 'yaml-syntax'));
  });
  it('reports duplicate keys at the later key, once per duplicate', () => {
    const text = 'on: push\non: pull_request\njobs:\n  a:\n    runs-on: x\n    runs-on: y\n';
    assert.deepEqual(ids(text).filter((s) => s.startsWith('yaml-duplicate-key')), ['yaml-duplicate-key:on', 'yaml-duplicate-key:runs-on']);
  });
  it('does not treat repeated merge keys as duplicates', () => {
    const text = 'x: &x {a: 1}\ny: &y {b: 2}\nz:\n  <<: *x\n  <<: *y\n';
    assert.deepEqual(parseYaml(text).problems.filter((p) => p.ruleId === 'yaml-duplicate-key'), []);
  });
  it('reads through anchors, aliases and merge keys', () => {
    const file = parseYaml('base: &b\n  runs-on: ubuntu-latest\n  timeout: 5\njob:\n  <<: *b\n  timeout: 10\n');
    const doc = file.documents[0];
    const job = get(doc.contents, 'job', doc);
    assert.equal(getString(job, 'runs-on', doc), 'ubuntu-latest');
    assert.equal(getString(job, 'timeout', doc), '10', 'own keys win over merged ones');
    assert.equal(pairs(job, doc).length, 2);
  });
  it('finds a key as pairs() orders them: own before merged, scalar keys of any type, keys written as aliases', () => {
    const text = [
      'base: &b {timeout: 5, name: base, 7: seven}',
      'k: &k runs-on',
      'job:',
      '  name: own-after-merge-key-is-still-own',
      '  <<: *b',
      '  1: one',
      '  true: yes-key',
      '  ~: null-key',
      '  *k : via-alias',
      '  [a, b]: collection-key',
      'plain: {x: 1}',
      '',
    ].join('\n');
    const doc = parseYaml(text).documents[0];
    const job = get(doc.contents, 'job', doc);
    for (const [key, want] of [['name', 'own-after-merge-key-is-still-own'], ['timeout', '5'], ['7', 'seven'], ['1', 'one'], ['true', 'yes-key'], ['runs-on', 'via-alias'], ['missing', undefined]] as const) {
      assert.equal(getString(job, key, doc), want, key);
    }
    assert.equal(getString(job, 'null', doc), undefined, 'a null key is no key');
    assert.equal(getString(get(doc.contents, 'plain', doc), 'x', doc), '1');
  });
  it('keeps multi-document files apart', () => {
    const file = parseYaml('a: 1\n---\nb: 2\n');
    assert.equal(file.documents.length, 2);
  });
  it('bounds whole-tree walks on an alias bomb', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) levels.push(`l${i}: &l${i} [${Array(10).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`);
    const file = parseYaml(levels.join('\n') + '\n');
    const budget = walkBudget(10_000);
    let visited = 0;
    walk(file.documents[0].contents, () => { visited++; }, file.documents[0], budget);
    assert.ok(budget.exhausted);
    assert.ok(visited <= 10_000);
  });
  it('parses flow nesting up to the limit and refuses deeper input before the parser recurses', () => {
    const ok = parseYaml('a: ' + '['.repeat(200) + ']'.repeat(200) + '\n');
    assert.equal(ok.problems.length, 0);
    assert.equal(ok.documents.length, 1);
    const deep = parseYaml('a: ' + '{b: '.repeat(300) + '1' + '}'.repeat(300) + '\n');
    assert.equal(deep.documents.length, 0);
    assert.match(deep.problems[0].message, /nested more than 256 levels/);
    // Brackets inside quotes and comments do not count.
    assert.equal(parseYaml(`a: "${'['.repeat(400)}"\n# ${'{'.repeat(400)}\nb: '${'['.repeat(400)}'\n`).documents.length, 1);
  });
  it('survives 10,000-deep flow nesting with a finding', () => {
    const res = lint('['.repeat(10_000) + ']'.repeat(10_000), { path: '.github/workflows/x.yml' });
    assert.ok(res.findings.length >= 1);
  });
});
