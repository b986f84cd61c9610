// How the language server is best started, and the V8 setting it applies to itself. Measured with every
// corpus file open at once (bench/lsp-memory.ts, BENCHMARKS.md): the live data is ~45 MB, the rest of the
// resident set is V8 and malloc headroom.
//
// - The server itself, at start-up (applyServerHeapSettings): V8 grows the old generation's limit to a
//   multiple of the live heap after each full collection (up to 4x); 20% keeps far less garbage around after
//   a burst of linting, for ~10% more CPU during the burst. This is a V8 flag that takes effect at run time.
// - The launching editor: the young generation's size is fixed when V8 starts, so it can only be a Node
//   option: 4 MB semi-spaces (instead of up to 16) keep 24 MB less, for ~10-20% more GC time when linting the
//   largest corpus file. glibc gives each thread its own malloc arena and V8's background threads keep them
//   filled; one arena keeps ~20 MB less (no effect where malloc is not glibc's).
// VS Code's client (client/src/languageClient.ts) and docs/editors.md start the server this way;
// test/lsp/launch.test.ts checks that they still say the same as this file.
import { setFlagsFromString } from 'node:v8';

/** Node options for the server process (`node <these> dist/server.js`). */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=4'];
/** Environment for the server process. */
export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '1' };
/** V8 flags the server sets on itself (they act at run time). */
export const RUNTIME_V8_FLAGS: readonly string[] = ['--heap-growing-percent=20'];

export function applyServerHeapSettings(): void {
  for (const flag of RUNTIME_V8_FLAGS) setFlagsFromString(flag);
}
