// A small HTTP response cache with expiry, on disk (one JSON file per URL) or in memory. Expired
// entries are kept for revalidation with If-None-Match: a 304 costs no rate limit.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CachedResponse {
  status: number;
  body: string;
  etag?: string;
  /** Epoch milliseconds after which the entry must be revalidated. */
  expires: number;
}

export interface ResponseCache {
  get(key: string): CachedResponse | undefined;
  set(key: string, value: CachedResponse): void;
}

export class MemoryCache implements ResponseCache {
  private readonly entries = new Map<string, CachedResponse>();
  get(key: string) {
    return this.entries.get(key);
  }
  set(key: string, value: CachedResponse) {
    this.entries.set(key, value);
  }
}

export class DiskCache implements ResponseCache {
  private readonly memory = new MemoryCache();
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }
  private file(key: string) {
    return join(this.dir, createHash('sha256').update(key).digest('hex').slice(0, 40) + '.json');
  }
  get(key: string): CachedResponse | undefined {
    const hit = this.memory.get(key);
    if (hit) return hit;
    try {
      const value = JSON.parse(readFileSync(this.file(key), 'utf8')) as CachedResponse & { key: string };
      if (value.key !== key) return undefined;
      this.memory.set(key, value);
      return value;
    } catch {
      return undefined;
    }
  }
  set(key: string, value: CachedResponse): void {
    this.memory.set(key, value);
    try {
      const f = this.file(key);
      writeFileSync(`${f}.tmp`, JSON.stringify({ key, ...value }));
      renameSync(`${f}.tmp`, f);
    } catch {
      // A read-only or full cache directory only costs speed.
    }
  }
}
