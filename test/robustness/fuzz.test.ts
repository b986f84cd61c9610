// The engine never throws, whatever the input: property-based inputs and mutations of real files.
// Every lint returns within a bound proportional to the input's size (timeBound).
// CI runs a bounded budget; set FLOWGUARD_FUZZ_RUNS (e.g. 5000) for a longer local run.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyEdits, lint, type DocumentKind, type LintResult } from '../../server/src/engine/index.js';

const RUNS = Number(process.env.FLOWGUARD_FUZZ_RUNS ?? 150);
/**
 * The time bound proportional to input size that every lint must meet: a fixed allowance (JIT, GC pauses, a loaded
 * CI machine) plus 50 µs per character, about 50 times what the corpus costs (~1 µs per character). Generous on
 * purpose: it is not a speed figure (those live in bench/), it catches super-linear blow-ups (a quadratic loop on the
 * 2-million-character line below would take hours). FLOWGUARD_FUZZ_TIME_FACTOR scales it on very slow machines.
 */
const TIME_FACTOR = Number(process.env.FLOWGUARD_FUZZ_TIME_FACTOR ?? 1);
const timeBound = (chars: number) => TIME_FACTOR * (2_000 + chars * 0.05);
const KINDS: { kind: DocumentKind; path: string }[] = [
  { kind: 'github-workflow', path: '.github/workflows/fuzz.yml' },
  { kind: 'github-action', path: 'action.yml' },
  { kind: 'github-dependabot', path: '.github/dependabot.yml' },
  { kind: 'gitlab-ci', path: '.gitlab-ci.yml' },
  { kind: 'kestra-flow', path: 'flows/fuzz.yml' },
];

/** Lints under every kind and checks the result is well-formed. */
function checkAll(text: string): void {
  for (const k of KINDS) check(text, k.kind, k.path);
}

function check(text: string, kind: DocumentKind, path: string): LintResult {
  let res: LintResult;
  const started = performance.now();
  try {
    res = lint(text, { path, kind, settings: { persona: 'auditor' } });
  } catch (e) {
    throw new Error(`lint threw for kind ${kind} on ${JSON.stringify(text.slice(0, 200))}: ${(e as Error).stack}`);
  }
  const took = performance.now() - started;
  assert.ok(took <= timeBound(text.length), `lint took ${took.toFixed(0)} ms for ${text.length} characters as ${kind} (bound ${timeBound(text.length).toFixed(0)} ms): ${JSON.stringify(text.slice(0, 200))}`);
  for (const f of res.findings) {
    assert.ok(f.span.start >= 0 && f.span.end <= text.length && f.span.start <= f.span.end, `bad span ${JSON.stringify(f.span)} for ${f.ruleId} (len ${text.length})`);
    assert.notEqual(f.ruleId, 'internal-error', `a rule crashed: ${f.message} on ${JSON.stringify(text.slice(0, 300))}`);
    for (const fix of f.fixes ?? []) {
      for (const e of fix.edits) assert.ok(e.start >= 0 && e.end <= text.length && e.start <= e.end, `bad edit in fix '${fix.title}'`);
      applyEdits(text, fix.edits); // throws on overlapping edits inside one fix
    }
  }
  return res;
}

function sampleFiles(): string[] {
  const roots = [join('..', 'shared', 'corpus'), 'examples', join('test', 'cli', 'fixtures')].filter(existsSync);
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) out.push(p);
    }
  };
  roots.forEach(walk);
  // A deterministic spread across platforms, small enough for CI.
  const step = Math.max(1, Math.floor(out.length / 60));
  return out.filter((_, i) => i % step === 0).slice(0, 60);
}

const YAMLISH = fc.array(
  fc.constantFrom('on:', 'jobs:', '  a:', '    steps:', '      - run: |', '        echo ${{ github.event.issue.title }}', '      - uses: foo/bar@v1', '    permissions: write-all', 'permissions:', '  contents: write', '&a', '*a', '<<: *a', '- ', ': ', '"', "'", '{', '}', '[', ']', '#', '\t', '\r\n', '\n', '\u0000', '\ufeff', '${{', '}}', '!reference [a, b]', 'id: x', 'namespace: y', 'tasks:', '  - id: t', '    type: io.kestra.plugin.scripts.shell.Commands', 'script:', '  - eval "$CI_COMMIT_MESSAGE"', 'include:', '  - remote: http://x', '---', '...', '%YAML 1.2', '? ', '|-', '>+', '\u{1F4A5}'),
  { maxLength: 80 },
).map((parts) => parts.join(''));

describe('fuzzing the engine', () => {
  // One-time costs (schema validators compiled on first use, JIT) are not the input's: pay them before timing.
  // Both a valid-ish and an invalid document: the full-error validators compile only when a document is invalid.
  for (const k of KINDS) {
    for (const warm of ['a: 1\n', 'on: 1\njobs: {a: 1}\nid: 1\nnamespace: {}\ntasks: 1\nstages: 1\nimage: {x: 1}\nupdates: 1\nruns: 1\n']) {
      lint(warm, { path: k.path, kind: k.kind, settings: { persona: 'auditor' } });
    }
  }
  it('never throws on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => checkAll(s)), { numRuns: RUNS });
  });
  it('never throws on YAML-like fragments', () => {
    fc.assert(fc.property(YAMLISH, (s) => checkAll(s)), { numRuns: RUNS * 2 });
  });

  const files = sampleFiles();
  it(`never throws on mutations of ${files.length} real files`, () => {
    if (!files.length) return;
    const texts = files.map((f) => readFileSync(f, 'utf8'));
    const mutation = fc.oneof(
      fc.record({ op: fc.constant('truncate'), at: fc.nat() }),
      fc.record({ op: fc.constant('flip'), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ op: fc.constant('indent'), line: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
      fc.record({ op: fc.constant('delete-line'), line: fc.nat() }),
      fc.record({ op: fc.constant('nul'), at: fc.nat() }),
      fc.record({ op: fc.constant('crlf') }),
      fc.record({ op: fc.constant('bom') }),
      fc.record({ op: fc.constant('tabs') }),
      fc.record({ op: fc.constant('invalid-utf8'), at: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.nat({ max: texts.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), (fi, ops) => {
        let t = texts[fi];
        for (const m of ops) t = mutate(t, m as Mutation);
        checkAll(t);
      }),
      { numRuns: RUNS },
    );
  });

  it('survives pathological inputs: deep nesting, alias bombs, a 10 MB file, long lines', () => {
    checkAll('['.repeat(10_000) + ']'.repeat(10_000));
    checkAll('{a: '.repeat(5_000) + '1' + '}'.repeat(5_000));
    checkAll(Array.from({ length: 2_000 }, (_, i) => ' '.repeat(i) + 'a:').join('\n'));
    checkAll(Array.from({ length: 2_000 }, (_, i) => ' '.repeat(i) + '- x').join('\n'));
    const bomb = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 10; i++) bomb.push(`l${i}: &l${i} [${Array(9).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`);
    checkAll(bomb.join('\n') + '\non: push\njobs: *l9\nid: x\nnamespace: y\ntasks: *l9\nstages: *l9\n');
    const job = (i: number) => `  j${i}:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "\${{ github.event.issue.title }}"\n`;
    const big = 'on: push\njobs:\n' + Array.from({ length: 110_000 }, (_, i) => job(i)).join('');
    assert.ok(big.length > 10 * 1024 * 1024);
    const res = check(big, 'github-workflow', '.github/workflows/big.yml');
    assert.ok(res.findings.some((f) => f.ruleId === 'file-too-large'));
    check('run: ' + 'x'.repeat(2_000_000), 'github-workflow', '.github/workflows/long.yml');
  });
});

type Mutation =
  | { op: 'truncate'; at: number }
  | { op: 'flip'; at: number; byte: number }
  | { op: 'indent'; line: number; by: number }
  | { op: 'delete-line'; line: number }
  | { op: 'nul'; at: number }
  | { op: 'crlf' }
  | { op: 'bom' }
  | { op: 'tabs' }
  | { op: 'invalid-utf8'; at: number };

function mutate(t: string, m: Mutation): string {
  const at = (n: number) => (t.length ? n % t.length : 0);
  switch (m.op) {
    case 'truncate':
      return t.slice(0, at(m.at));
    case 'flip':
      return t.slice(0, at(m.at)) + String.fromCharCode(m.byte) + t.slice(at(m.at) + 1);
    case 'nul':
      return t.slice(0, at(m.at)) + '\u0000' + t.slice(at(m.at));
    case 'crlf':
      return t.replace(/\n/g, '\r\n');
    case 'bom':
      return '\ufeff' + t;
    case 'tabs':
      return t.replace(/^( {2})+/gm, (s) => '\t'.repeat(s.length / 2));
    case 'invalid-utf8': {
      const buf = Buffer.from(t, 'utf8');
      const i = buf.length ? m.at % buf.length : 0;
      const bad = Buffer.concat([buf.subarray(0, i), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), buf.subarray(i)]);
      return bad.toString('utf8');
    }
    case 'indent':
    case 'delete-line': {
      const lines = t.split('\n');
      if (!lines.length) return t;
      const i = m.line % lines.length;
      if (m.op === 'delete-line') lines.splice(i, 1);
      else lines[i] = m.by >= 0 ? ' '.repeat(m.by) + lines[i] : lines[i].replace(new RegExp(`^ {0,${-m.by}}`), '');
      return lines.join('\n');
    }
  }
}
