// Giving memory back after a burst of linting. V8 grows its heap while the server lints many documents in a
// row (opening a folder, a settings change re-checking every open document) and keeps that headroom long
// after the burst; what stays alive is small (each open document's text and findings). Once the server has
// been idle for a moment after enough linting, one full garbage collection compacts the heap and V8 returns
// the freed pages to the operating system.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Idle time after the last lint before compacting. */
export const IDLE_COMPACT_MS = 2_000;
/** Characters linted since the last compaction that make a compaction worth its pause (~50-150 ms with the whole corpus open). */
export const COMPACT_AFTER_CHARS = 4_000_000;

let gcFunction: (() => void) | null | undefined;

/** V8's gc(), made available at run time (the server is started without --expose-gc); null if V8 refuses. */
export function exposedGc(): (() => void) | null {
  if (gcFunction !== undefined) return gcFunction;
  try {
    const existing = (globalThis as { gc?: () => void }).gc;
    if (typeof existing === 'function') return (gcFunction = existing);
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    gcFunction = typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    gcFunction = null;
  }
  return gcFunction;
}

export class IdleCompactor {
  private chars = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: { idleMs?: number; afterChars?: number; gc?: (() => void) | null; log?: (message: string) => void } = {},
  ) {}

  /** Called after each lint with the size of the text; (re)starts the idle timer once enough was linted. */
  linted(chars: number): void {
    this.chars += chars;
    if (this.chars < (this.options.afterChars ?? COMPACT_AFTER_CHARS)) return;
    if (this.timer) this.timer.refresh();
    else {
      this.timer = setTimeout(() => this.compact(), this.options.idleMs ?? IDLE_COMPACT_MS);
      this.timer.unref();
    }
  }

  /** Runs now (the idle timer calls it). */
  compact(): void {
    this.timer = undefined;
    this.chars = 0;
    const gc = this.options.gc === undefined ? exposedGc() : this.options.gc;
    if (!gc) return;
    const before = process.memoryUsage();
    const started = performance.now();
    gc();
    const after = process.memoryUsage();
    const mb = (n: number) => (n / 1048576).toFixed(1);
    this.options.log?.(`idle compaction in ${(performance.now() - started).toFixed(0)} ms: heap ${mb(before.heapUsed)} -> ${mb(after.heapUsed)} MB, RSS ${mb(before.rss)} -> ${mb(after.rss)} MB`);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
