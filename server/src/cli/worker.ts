// The audit worker thread run from source (tests start it through tsx). The shipped dist/cli.js is its own
// worker (main.ts): both check the files pool.ts sends them with the same checkFile the main thread uses,
// reading and writing through their own real file system IO.
import { nodeIO } from './node-io.js';
import { serveIfAuditWorker } from './pool.js';

if (!serveIfAuditWorker(nodeIO)) throw new Error('worker.ts is started by `flowguard audit`, not run directly');
