// Parallel `flowguard audit`: files are checked by worker threads (worker.ts) and by the main thread itself,
// all taking from one queue; outcomes are stored by file index and merged in file order, so the report is
// byte for byte the one `--jobs 1` gives. Each file is checked (and, with --fix, written) by exactly one
// thread. A worker that dies is reported, never lost: the file it was checking becomes an error of that
// file, the files it had not started go back to the queue, and the rest of the audit carries on.
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, workerData, type MessagePort, type Worker } from 'node:worker_threads';
import { checkFile, where, type CheckSettings, type FileOutcome, type Job } from './check.js';
import type { CliIO } from './io.js';
import type { Workspace } from './workspace.js';

/** Auto `--jobs` never starts more threads than this (each holds its own copy of the engine). */
export const MAX_AUTO_JOBS = 8;
/**
 * Files per thread below which the default `--jobs` starts fewer threads. A thread costs its start-up and
 * its own JIT warm-up (the engine runs ~1.6x slower per file while cold); on the 2-CPU benchmark machine
 * two threads broke even at ~320 files (BENCHMARKS.md).
 */
export const FILES_PER_AUTO_THREAD = 200;
/** Files per thread below which an explicit `--jobs N` starts fewer threads. */
export const FILES_PER_THREAD = 16;
/** Files handed to a worker per message, at most, and chunks a worker holds at once. */
const MAX_CHUNK = 8;
const CHUNKS_IN_FLIGHT = 2;

/** Marks the workerData of an audit worker: dist/cli.js is its own worker and starts serving when it sees it. */
export const AUDIT_WORKER = 'flowguard-audit-worker';

/** What a worker receives as `workerData`: everything but the files. */
export interface WorkerInit {
  role: typeof AUDIT_WORKER;
  cwd: string;
  workspaces: Workspace[];
  settings: CheckSettings;
}

export interface WireJob {
  index: number;
  abs: string;
  rel: string;
  explicit: boolean;
  /** Index into WorkerInit.workspaces. */
  ws: number;
}

export type ToWorker = { type: 'check'; jobs: WireJob[] };
export type FromWorker = { type: 'ready' } | { type: 'done'; index: number; outcome: FileOutcome };

/**
 * `--jobs` when none is given: one thread per available CPU but one, at most MAX_AUTO_JOBS. The CPU left over
 * is V8's: one linting thread already keeps its garbage collector and compiler threads busy on a second CPU
 * (5.0 s of CPU for 3.8 s of wall time), and on the 2-CPU benchmark machine a second linting thread made the
 * corpus audit 6-10% slower in three runs out of three (BENCHMARKS.md).
 */
export function defaultJobs(cpus = availableParallelism()): number {
  return Math.max(1, Math.min(MAX_AUTO_JOBS, cpus - 1));
}

/**
 * Worker threads worth starting for `files` files with at most `jobs` threads in all (the main thread is
 * one of them); `explicit` when the user chose the number (--jobs, FLOWGUARD_JOBS).
 */
export function workersFor(jobs: number, files: number, explicit: boolean): number {
  const threads = Math.min(jobs, Math.floor(files / (explicit ? FILES_PER_THREAD : FILES_PER_AUTO_THREAD)));
  return Math.max(0, threads - 1);
}

interface Slot {
  worker: Worker;
  /** Indices sent and not yet answered, in the order the worker checks them. */
  inFlight: number[];
  ready: boolean;
  alive: boolean;
  error?: unknown;
}

/**
 * Checks every job with `workers` worker threads plus the main thread; returns the outcomes in job order.
 * Jobs reading standard input are checked in the main thread. `warn` reports a worker that could not start.
 */
export async function checkInParallel(jobs: readonly Job[], workers: number, io: CliIO, settings: CheckSettings, warn: (message: string) => void): Promise<FileOutcome[]> {
  const outcomes: (FileOutcome | undefined)[] = new Array(jobs.length);
  const mainOnly: number[] = [];
  const queue: number[] = [];
  jobs.forEach((j, i) => (j.stdin !== undefined ? mainOnly : queue).push(i));
  let remaining = jobs.length;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const settle = (i: number, outcome: FileOutcome) => {
    if (outcomes[i] !== undefined) return;
    outcomes[i] = outcome;
    remaining--;
  };

  const workspaces: Workspace[] = [];
  const wsIndex = new Map<Workspace, number>();
  for (const j of jobs) if (!wsIndex.has(j.ws)) wsIndex.set(j.ws, workspaces.push(j.ws) - 1);
  const init: WorkerInit = { role: AUDIT_WORKER, cwd: io.cwd, workspaces, settings };

  const slots: Slot[] = [];
  const participants = () => 1 + slots.filter((s) => s.alive).length;
  const feed = (slot: Slot) => {
    const size = Math.max(1, Math.min(MAX_CHUNK, Math.floor(queue.length / (participants() * 4))));
    while (slot.alive && queue.length && slot.inFlight.length < size * CHUNKS_IN_FLIGHT) {
      const chunk = queue.splice(0, size);
      slot.inFlight.push(...chunk);
      const message: ToWorker = { type: 'check', jobs: chunk.map((index) => wire(jobs[index], index, wsIndex)) };
      slot.worker.postMessage(message);
    }
  };
  let warned = false;
  const startFailed = (e: unknown) => {
    if (!warned) warn(`a worker thread could not start (${describe(e)}); its files are checked by the other threads`);
    warned = true;
  };

  for (let k = 0; k < workers; k++) {
    let worker: Worker;
    try {
      worker = io.startWorker!({ workerData: init });
    } catch (e) {
      startFailed(e);
      break;
    }
    const slot: Slot = { worker, inFlight: [], ready: false, alive: true };
    slots.push(slot);
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'ready') slot.ready = true;
      else if (m.type === 'done') {
        slot.inFlight.splice(slot.inFlight.indexOf(m.index), 1);
        settle(m.index, m.outcome);
        feed(slot);
        notify();
      }
    });
    worker.on('error', (e) => {
      slot.error ??= e;
    });
    worker.on('exit', (code) => {
      slot.alive = false;
      const [current, ...unstarted] = slot.inFlight;
      slot.inFlight = [];
      if (current !== undefined) {
        if (slot.ready) {
          // The worker checks its files in order: the first unanswered one is the one it died on.
          const cause = slot.error !== undefined ? describe(slot.error) : `exit code ${code}`;
          settle(current, { errors: [{ ...where(jobs[current], io, settings), message: `internal error, please report it: the worker thread checking this file stopped (${cause})` }], notes: [], excluded: false, fix: { files: 0, applied: 0, refused: 0 } });
          queue.unshift(...unstarted);
        } else {
          startFailed(slot.error ?? new Error(`exit code ${code}`));
          queue.unshift(current, ...unstarted);
        }
      }
      notify();
    });
    feed(slot);
  }

  for (const i of mainOnly) settle(i, checkFile(jobs[i], io, settings));
  while (remaining > 0) {
    const i = queue.shift();
    if (i !== undefined) {
      settle(i, checkFile(jobs[i], io, settings));
      // Let the workers' answers in, so they get their next files while this thread checks its own.
      await new Promise<void>((r) => setImmediate(r));
      continue;
    }
    await new Promise<void>((r) => (wake = r));
  }
  await Promise.all(slots.map((s) => (s.alive ? s.worker.terminate() : undefined)));
  return outcomes as FileOutcome[];
}

function wire(job: Job, index: number, wsIndex: Map<Workspace, number>): WireJob {
  return { index, abs: job.candidate.abs, rel: job.candidate.rel, explicit: job.candidate.explicit, ws: wsIndex.get(job.ws)! };
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function isWorkerInit(data: unknown): data is WorkerInit {
  return typeof data === 'object' && data !== null && (data as Partial<WorkerInit>).role === AUDIT_WORKER;
}

/**
 * In a thread checkInParallel started, serves it (with IO for the audit's working folder) and returns true;
 * anywhere else returns false. dist/cli.js and worker.ts (the worker run from source) both start with it.
 */
export function serveIfAuditWorker(ioFor: (cwd: string) => CliIO): boolean {
  if (isMainThread || !parentPort || !isWorkerInit(workerData)) return false;
  serve(parentPort, workerData, ioFor(workerData.cwd));
  return true;
}

/**
 * The worker side: answers each file as soon as it is checked, in the order received. `check` is
 * checkFile (a test passes one that fails on purpose).
 */
export function serve(port: MessagePort, init: WorkerInit, io: CliIO, check: typeof checkFile = checkFile): void {
  port.on('message', (m: ToWorker) => {
    if (m.type !== 'check') return;
    for (const j of m.jobs) {
      const job: Job = { candidate: { abs: j.abs, rel: j.rel, explicit: j.explicit }, ws: init.workspaces[j.ws] };
      const outcome = check(job, io, init.settings);
      port.postMessage({ type: 'done', index: j.index, outcome } satisfies FromWorker);
    }
  });
  port.postMessage({ type: 'ready' } satisfies FromWorker);
}
