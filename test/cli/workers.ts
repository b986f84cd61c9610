// Audit worker threads for in-process CLI tests: the sources run through tsx, so a worker registers tsx
// before importing its TypeScript entry (the shipped dist/cli.js, its own worker, needs none of this).
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { CliIO } from '../../server/src/cli/io.js';

/** A CliIO.startWorker that runs `script` (a .ts worker entry) through tsx. */
export function tsxWorker(script: URL): NonNullable<CliIO['startWorker']> {
  const source = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(script.href)}); });`;
  return (options: WorkerOptions) => new Worker(source, { ...options, eval: true });
}

/** The real worker entry, server/src/cli/worker.ts. */
export const auditWorker = tsxWorker(new URL('../../server/src/cli/worker.ts', import.meta.url));
