// The audit worker thread (bundled as dist/cli-worker.js): checks the files pool.ts sends it with the
// same checkFile the main thread uses, reading and writing through its own real file system IO.
import { parentPort, workerData } from 'node:worker_threads';
import { nodeIO } from './node-io.js';
import { serve, type WorkerInit } from './pool.js';

if (!parentPort) throw new Error('cli-worker.js is started by `flowguard audit`, not run directly');
const init = workerData as WorkerInit;
serve(parentPort, init, nodeIO(init.cwd));
