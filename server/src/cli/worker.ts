// The audit worker thread run from source (tests start it through tsx). The shipped dist/cli.js is its own
// worker (main.ts): both check the files pool.ts sends them with the same checkFile the main thread uses,
// reading and writing through their own real file system IO.
import { parentPort, workerData } from 'node:worker_threads';
import { nodeIO } from './node-io.js';
import { isWorkerInit, serve } from './pool.js';

if (!parentPort || !isWorkerInit(workerData)) throw new Error('worker.ts is started by `flowguard audit`, not run directly');
serve(parentPort, workerData, nodeIO(workerData.cwd));
