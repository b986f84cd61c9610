// The shipped bundle as a real process: `node dist/cli.js` (built by `npm run build`, which `npm test` runs
// first). Checks what only a process shows: the shebang, real exit codes, stdin, stdout/stderr split, a
// fix written to disk through the real file system.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { writeParallelWorkspace } from './parallel-workspace.js';
import { checkSarif } from './sarif-check.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(repo, 'dist', 'cli.js');
const skip = !existsSync(CLI) && 'dist/cli.js is missing: run `npm run build` first (npm test does)';

function cli(args: string[], opts: { cwd?: string; input?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? repo, input: opts.input ?? '', encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...opts.env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('node dist/cli.js', { skip }, () => {
  it('starts with a node shebang and prints its version', () => {
    assert.ok(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n'));
    const r = cli(['--version']);
    assert.equal(r.code, 0);
    assert.equal(r.out.trim(), JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version);
  });

  it('audits examples/ (exit 1, --exit-zero 0) with JSON on stdout and the summary on stderr', () => {
    const r = cli(['audit', 'examples', '--format', 'json']);
    assert.equal(r.code, 1, r.err);
    assert.ok(JSON.parse(r.out).length > 0);
    assert.match(r.err, /files checked/);
    assert.equal(cli(['audit', 'examples', '--exit-zero', '-q']).code, 0);
  });

  it('stdout carries the report only, whatever yaml debugging variables the user\'s shell sets', () => {
    // yaml's CommonJS build prints its tokens to stdout when LOG_TOKENS / LOG_STREAM are set; the bundles drop that.
    const plain = cli(['audit', 'examples', '--format', 'json']);
    const r = cli(['audit', 'examples', '--format', 'json'], { env: { LOG_TOKENS: '1', LOG_STREAM: '1' } });
    assert.equal(r.out, plain.out);
    assert.equal(r.err, plain.err);
  });

  it('SARIF from the bundle is valid and carries each rule\'s documentation as help', () => {
    const r = cli(['audit', 'examples', '--format', 'sarif']);
    const log = JSON.parse(r.out);
    checkSarif(log);
    const rule = log.runs[0].tool.driver.rules.find((x: { id: string }) => x.id === 'unpinned-uses');
    assert.match(rule.help.markdown, /## What it finds/);
  });

  it('reads standard input', () => {
    const r = cli(['audit', '-', '--stdin-filename', '.github/workflows/x.yml', '--rule', 'unpinned-uses'], { input: 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: a/b@v1\n' });
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /^\.github\/workflows\/x\.yml:6:15: medium \[unpinned-uses\]/m);
  });

  it('usage errors exit 2; non-UTF-8 and huge files are reported, the others still checked', () => {
    assert.equal(cli(['audit', '--bogus']).code, 2);
    if (existsSync('/dev/zero')) {
      const endless = cli(['audit', '/dev/zero']);
      assert.equal(endless.code, 2);
      assert.match(endless.err, /cannot read: not a regular file/);
    }
    const dir = mkdtempSync(join(tmpdir(), 'flowguard-cli-'));
    try {
      mkdirSync(join(dir, '.git'));
      mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
      writeFileSync(join(dir, '.github', 'workflows', 'latin1.yml'), Buffer.from([0x6f, 0x6e, 0x3a, 0x20, 0xe9, 0x0a]));
      writeFileSync(join(dir, '.github', 'workflows', 'huge.yml'), `on: push\n#${'x'.repeat(11 * 1024 * 1024)}\n`);
      writeFileSync(join(dir, '.github', 'workflows', 'ok.yml'), 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: a/b@v1\n');
      const r = cli(['audit', '.', '--rule', 'unpinned-uses'], { cwd: dir });
      assert.equal(r.code, 2);
      assert.match(r.err, /latin1\.yml: cannot read: not valid UTF-8 text/);
      assert.match(r.err, /huge\.yml: not checked: 11\.0 MB is over the 10\.0 MB limit/);
      assert.match(r.out, /ok\.yml:6:15: medium \[unpinned-uses\]/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--fix writes the fixed file and leaves no temporary files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowguard-cli-'));
    try {
      mkdirSync(join(dir, '.git'));
      cpSync(join(repo, 'examples', '.github'), join(dir, '.github'), { recursive: true });
      const file = join(dir, '.github', 'workflows', 'pr-target.yml');
      const before = readFileSync(file, 'utf8');
      const r = cli(['audit', '--fix'], { cwd: dir });
      assert.ok(r.code === 0 || r.code === 1, r.err);
      assert.match(r.out, /Applied \d+ safe fix/);
      const after = readFileSync(file, 'utf8');
      assert.notEqual(after, before);
      assert.doesNotMatch(after, /run: \|\n\s+echo "Building preview for: \$\{\{/);
      // A byte-order mark and CRLF line ends survive a fix.
      const bom = join(dir, '.github', 'workflows', 'bom.yml');
      writeFileSync(bom, '\uFEFF' + before.replace(/\n/g, '\r\n'));
      cli(['audit', '--fix', '.github/workflows/bom.yml'], { cwd: dir });
      const bomAfter = readFileSync(bom, 'utf8');
      assert.ok(bomAfter.startsWith('\uFEFF'), 'BOM kept');
      assert.notEqual(bomAfter, '\uFEFF' + before.replace(/\n/g, '\r\n'), 'fixed');
      assert.doesNotMatch(bomAfter.replace(/\r\n/g, ''), /\n/, 'CRLF kept');
      const again = cli(['audit', '--fix'], { cwd: dir });
      assert.match(again.out, /No safe fixes to apply/);
      const leftovers = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tmp'));
      assert.deepEqual(leftovers, []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('audits in worker threads (dist/cli.js starting itself) with the output of --jobs 1, byte for byte', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowguard-cli-'));
    // A preload module every thread runs (workers inherit execArgv): each worker thread appends a line here.
    const started = join(dir, 'workers-started.txt');
    const preload = join(dir, 'count-workers.cjs');
    writeFileSync(preload, `if (!require('node:worker_threads').isMainThread) require('node:fs').appendFileSync(${JSON.stringify(started)}, 'worker\\n');\n`);
    const workersStarted = () => (existsSync(started) ? readFileSync(started, 'utf8').split('\n').filter(Boolean).length : 0);
    try {
      writeParallelWorkspace(dir);
      for (const format of ['sarif', 'json']) {
        const one = cli(['audit', '--format', format, '--jobs', '1'], { cwd: dir, env: { NODE_OPTIONS: `--require ${preload}` } });
        assert.equal(one.code, 2, one.err); // two files cannot be read
        assert.equal(workersStarted(), 0, '--jobs 1 starts no worker');
        for (const [args, env, workers] of [
          [['--jobs', '3'], {}, 2],
          [[], { FLOWGUARD_JOBS: '2' }, 1],
        ] as const) {
          const parallel = cli(['audit', '--format', format, ...args], { cwd: dir, env: { ...env, NODE_OPTIONS: `--require ${preload}` } });
          assert.equal(parallel.out, one.out);
          assert.equal(parallel.err, one.err);
          assert.equal(parallel.code, one.code);
          assert.equal(workersStarted(), workers, 'the worker threads really ran');
          rmSync(started, { force: true });
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
