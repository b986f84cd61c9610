// The `flowguard` executable: real IO for run(). Nothing else belongs here. The bundle (dist/cli.js) is also
// the audit worker thread `--jobs` starts: started with an audit worker's workerData, it checks files instead.
import { Worker } from 'node:worker_threads';
import { nodeIO } from './node-io.js';
import { serveIfAuditWorker } from './pool.js';
import { run } from './run.js';

if (!serveIfAuditWorker(nodeIO)) {
  // `flowguard audit | head` closes the pipe early: stop quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

  const io = nodeIO();
  // Bundled (CommonJS, dist/cli.js) the workers are this file; run from source there are none (one thread).
  const self = typeof __filename === 'string' && __filename.endsWith('.js') ? __filename : undefined;
  if (self) io.startWorker = (options) => new Worker(self, options);

  run(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`flowguard: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
