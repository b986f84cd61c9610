// The `flowguard` executable: real IO for run(). Nothing else belongs here.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { nodeIO } from './node-io.js';
import { run } from './run.js';

// `flowguard audit | head` closes the pipe early: stop quietly.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

// The bundle is CommonJS in dist/, beside the audit worker bundle; run from source there is none (one thread).
const workerScript = typeof __dirname === 'string' ? join(__dirname, 'cli-worker.js') : undefined;
const io = nodeIO();
if (workerScript && existsSync(workerScript)) io.startWorker = (options) => new Worker(workerScript, options);

run(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`flowguard: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 2;
  },
);
