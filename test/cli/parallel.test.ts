// `flowguard audit --jobs N`: files checked in worker threads give the report of `--jobs 1` byte for byte
// (every format, stderr, exit code), including rules that read other files of the workspace; fixes are
// written once per file; a worker that dies or cannot start is reported and its files are not lost.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { CliIO } from '../../server/src/cli/io.js';
import { nodeIO } from '../../server/src/cli/node-io.js';
import { defaultJobs, FILES_PER_AUTO_THREAD, FILES_PER_THREAD, MAX_AUTO_JOBS, workersFor, type FromWorker } from '../../server/src/cli/pool.js';
import { run } from '../../server/src/cli/run.js';
import { memoryIO, runCli } from './memory-io.js';
import { GENERATED_WORKFLOWS, writeParallelWorkspace } from './parallel-workspace.js';
import { auditWorker, tsxWorker } from './workers.js';

const failingWorker = tsxWorker(new URL('./failing-worker.ts', import.meta.url));

interface Result {
  code: number;
  out: string;
  err: string;
  /** Display paths of the files worker threads answered for. */
  byWorkers: string[];
}

async function audit(dir: string, argv: string[], startWorker?: CliIO['startWorker']): Promise<Result> {
  let out = '';
  let err = '';
  const byWorkers: string[] = [];
  const io: CliIO = {
    ...nodeIO(dir),
    writeOut: (s) => void (out += s),
    writeErr: (s) => void (err += s),
    isTTY: false,
    env: {},
    startWorker: startWorker
      ? (options) => {
          const w = startWorker(options);
          w.on('message', (m: FromWorker) => {
            if (m.type === 'done' && m.outcome.file) byWorkers.push(m.outcome.file.display);
          });
          return w;
        }
      : undefined,
  };
  const code = await run(['audit', ...argv], io);
  return { code, out, err, byWorkers };
}

function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out[relative(dir, join(e.parentPath, e.name))] = readFileSync(join(e.parentPath, e.name), 'latin1');
  }
  return out;
}

describe('flowguard audit --jobs (worker threads)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'flowguard-jobs-'));
    writeParallelWorkspace(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const format of ['json', 'sarif', 'text', 'github']) {
    it(`--format ${format}: --jobs 3 prints exactly what --jobs 1 prints`, async () => {
      const one = await audit(dir, ['--format', format, '--jobs', '1'], auditWorker);
      const three = await audit(dir, ['--format', format, '--jobs', '3'], auditWorker);
      assert.equal(one.byWorkers.length, 0, '--jobs 1 starts no worker');
      assert.equal(one.code, 2, one.err); // latin1.yml and binary.yml cannot be checked
      assert.equal(three.code, one.code);
      assert.equal(three.out, one.out);
      assert.equal(three.err, one.err);
      assert.match(one.err, /latin1\.yml: cannot read: not valid UTF-8 text/);
      // The workers did check files, among them ones whose findings come from other files of the
      // workspace (the local composite action, the reusable workflow).
      assert.ok(three.byWorkers.length >= 8, `workers checked ${three.byWorkers.length} files`);
      const shapes = new Set(three.byWorkers.map((d) => /wf-(\d+)\.yml$/.exec(d)).filter((m) => m).map((m) => Number(m![1]) % 4));
      assert.ok(shapes.has(0) && shapes.has(1), `worker files: ${three.byWorkers.join(', ')}`);
      if (format === 'json') {
        const ids = new Set(JSON.parse(three.out).map((f: { ruleId: string }) => f.ruleId));
        for (const id of ['action-input-injection', 'secrets-inherit', 'excessive-permissions']) assert.ok(ids.has(id), id);
      }
    });
  }

  it('--fix in worker threads writes the same files and reports the same as --jobs 1', async () => {
    const a = mkdtempSync(join(tmpdir(), 'flowguard-jobs-fix-'));
    const b = mkdtempSync(join(tmpdir(), 'flowguard-jobs-fix-'));
    try {
      cpSync(dir, a, { recursive: true });
      cpSync(dir, b, { recursive: true });
      const one = await audit(a, ['--fix', '--format', 'json', '--jobs', '1'], auditWorker);
      const three = await audit(b, ['--fix', '--format', 'json', '--jobs', '3'], auditWorker);
      assert.match(one.err, /Applied \d+ safe fix(es)? in \d+ files?\./);
      assert.equal(three.out, one.out);
      assert.equal(three.err, one.err);
      assert.equal(three.code, one.code);
      assert.deepEqual(files(b), files(a));
      assert.notDeepEqual(files(a), files(dir), 'fixes were written');
    } finally {
      rmSync(a, { recursive: true, force: true });
      rmSync(b, { recursive: true, force: true });
    }
  });

  for (const failure of ['exit', 'throw'] as const) {
    it(`a worker that dies on a file (${failure}): that file is an error, every other file is checked`, async () => {
      const one = await audit(dir, ['--format', 'json', '--jobs', '1']);
      const start = (options: WorkerOptions) => failingWorker({ ...options, workerData: { ...options.workerData, failure } });
      const three = await audit(dir, ['--format', 'json', '--jobs', '3'], start);
      assert.equal(three.code, 2);
      const cause = failure === 'exit' ? 'exit code 3' : 'test worker exploded';
      const died = [...three.err.matchAll(new RegExp(`^flowguard: (\\S+): internal error, please report it: the worker thread checking this file stopped \\(${cause}\\)$`, 'gm'))].map((m) => m[1]);
      // Each of the two workers died on its first generated workflow (their first files are others).
      assert.equal(died.length, 2, three.err);
      for (const d of died) assert.match(d, /wf-\d+\.yml$/);
      // Everything else is exactly what --jobs 1 reports.
      const expected = JSON.parse(one.out).filter((f: { file: string }) => !died.includes(f.file));
      assert.deepEqual(JSON.parse(three.out), expected);
      const checked = (err: string) => Number(/(\d+) files checked/.exec(err)?.[1]);
      assert.equal(checked(three.err), checked(one.err) - 2);
      assert.match(three.err, /4 files could not be checked/);
    });
  }

  it('workers that cannot start: a warning, and the main thread checks every file', async () => {
    const one = await audit(dir, ['--format', 'sarif', '--jobs', '1']);
    const quits = (options: WorkerOptions) => new Worker('process.exit(1)', { ...options, eval: true });
    const three = await audit(dir, ['--format', 'sarif', '--jobs', '3'], quits);
    assert.equal(three.out, one.out);
    assert.equal(three.code, one.code);
    const warning = 'flowguard: warning: a worker thread could not start (exit code 1); its files are checked by the other threads\n';
    assert.equal(three.err, warning + one.err);
    const throws = await audit(dir, ['--format', 'sarif', '--jobs', '3'], () => {
      throw new Error('no threads here');
    });
    assert.equal(throws.out, one.out);
    assert.equal(throws.err, 'flowguard: warning: a worker thread could not start (no threads here); its files are checked by the other threads\n' + one.err);
  });

  it('a few files stay in the main thread: no worker starts for them', async () => {
    const r = await audit(dir, ['.github/workflows/wf-000.yml', '.github/workflows/wf-001.yml', '--jobs', '8'], auditWorker);
    assert.equal(r.byWorkers.length, 0);
    assert.equal(r.code, 1, r.err);
  });

  it('the default --jobs leaves one CPU to V8 and stops at MAX_AUTO_JOBS', () => {
    assert.deepEqual([1, 2, 3, 4, 8, 9, 64].map((cpus) => defaultJobs(cpus)), [1, 1, 2, 3, 7, MAX_AUTO_JOBS, MAX_AUTO_JOBS]);
    assert.ok(defaultJobs() >= 1);
  });

  it('the default --jobs keeps small audits in fewer threads; an explicit --jobs needs fewer files per thread', () => {
    assert.equal(workersFor(8, FILES_PER_AUTO_THREAD * 2 - 1, false), 0);
    assert.equal(workersFor(8, FILES_PER_AUTO_THREAD * 2, false), 1);
    assert.equal(workersFor(2, 100_000, false), 1);
    assert.equal(workersFor(3, FILES_PER_THREAD * 3, true), 2);
    assert.equal(workersFor(1, 100_000, true), 0);
    // The generated workspace is big enough for --jobs 3 to start two workers.
    assert.ok(GENERATED_WORKFLOWS >= FILES_PER_THREAD * 3);
  });
});

describe('--jobs and FLOWGUARD_JOBS', () => {
  const ws = { '/ws/.github/workflows/a.yml': 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: a/b@v1\n' };
  it('accept a number of threads (an in-memory IO has no workers: the same report)', async () => {
    const plain = await runCli(['audit', '--format', 'json'], memoryIO(ws));
    for (const argv of [['--jobs', '4'], ['-j', '1'], ['--jobs=2']]) {
      const r = await runCli(['audit', '--format', 'json', ...argv], memoryIO(ws));
      assert.equal(r.code, 1, r.err);
      assert.equal(r.out, plain.out);
    }
    assert.equal((await runCli(['audit', '--format', 'json'], memoryIO(ws, { env: { FLOWGUARD_JOBS: '2' } }))).out, plain.out);
  });

  it('refuse anything else (exit 2); --jobs wins over FLOWGUARD_JOBS', async () => {
    for (const argv of [['--jobs', '0'], ['-j', 'many'], ['--jobs', '-1'], ['--jobs']]) {
      const r = await runCli(['audit', ...argv], memoryIO(ws));
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.err, /--jobs/);
    }
    const env = await runCli(['audit'], memoryIO(ws, { env: { FLOWGUARD_JOBS: 'lots' } }));
    assert.equal(env.code, 2);
    assert.match(env.err, /invalid value 'lots' for FLOWGUARD_JOBS/);
    assert.equal((await runCli(['audit', '--jobs', '1'], memoryIO(ws, { env: { FLOWGUARD_JOBS: 'lots' } }))).code, 1);
  });
});
