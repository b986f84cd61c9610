// The CLI's only window on the outside world. `run(argv, io)` takes one, so golden tests drive the CLI
// in-process with an in-memory file system; main.ts supplies the real one (node:fs, process).
import type { Worker, WorkerOptions } from 'node:worker_threads';

export interface CliIO {
  /** Reads a file as UTF-8 text; throws (with a message) when it cannot. */
  readFile(p: string): string;
  writeOut(s: string): void;
  writeErr(s: string): void;
  /** Absolute working directory; relative paths in argv are resolved against it. */
  cwd: string;
  /**
   * Every regular file under `root` (absolute paths), or `[root]` when it is a file. May skip
   * node_modules and .git (the CLI drops them anyway) and must not follow folder links in cycles.
   */
  listFiles(root: string): string[];
  writeFile?(p: string, s: string): void;
  exists?(p: string): boolean;
  /** True when `p` is a directory (defaults to "no"). */
  isDirectory?(p: string): boolean;
  /** Size in bytes, used to refuse huge files before reading them. */
  fileSize?(p: string): number | undefined;
  /** Reads all of standard input (for `-`). */
  readStdin?(): string;
  /** True when standard output is a terminal (enables colour by default). */
  isTTY?: boolean;
  /** A rule's Markdown documentation as shipped beside the bundle (dist/docs/rules/<id>.md), for SARIF help. */
  ruleDoc?(ruleId: string): string | undefined;
  /**
   * Starts an audit worker thread (dist/cli.js itself, or worker.ts from source) with these options. Without
   * it every file is checked in this thread, whatever `--jobs` says (an in-memory IO has no workers).
   */
  startWorker?(options: WorkerOptions): Worker;
  /** Environment variables the CLI honours (NO_COLOR, FORCE_COLOR, FLOWGUARD_JOBS). */
  env?: Record<string, string | undefined>;
}
