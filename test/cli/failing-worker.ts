// An audit worker that fails on purpose, for the worker-failure tests (started through tsxWorker): it runs
// the real pool protocol (serve) and the real checkFile, but dies on the first generated workflow
// (wf-NNN.yml) it is given, the way a worker thread dies on an engine bug it cannot catch:
// `failure: 'exit'` exits the thread with code 3, `failure: 'throw'` throws out of the message handler.
import { parentPort, workerData } from 'node:worker_threads';
import { checkFile } from '../../server/src/cli/check.js';
import { nodeIO } from '../../server/src/cli/node-io.js';
import { serve, type WorkerInit } from '../../server/src/cli/pool.js';

const init = workerData as WorkerInit & { failure: 'exit' | 'throw' };
serve(parentPort!, init, nodeIO(init.cwd), (job, io, settings) => {
  if (!/(^|\/)wf-\d+\.yml$/.test(job.candidate.rel)) return checkFile(job, io, settings);
  if (init.failure === 'exit') process.exit(3);
  throw new Error('test worker exploded');
});
