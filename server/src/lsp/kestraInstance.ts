// Kestra instance mode, at the edge: downloads the flow JSON Schema a Kestra server generates from its
// installed plugins (`GET <url>/api/v1[/<tenant>]/plugins/schemas/flow`, draft-07, served with
// `Cache-Control: max-age=3600`), checks that the engine can use it, and caches it (in memory, and in a
// file when the server gives one). The engine never fetches: the server passes the text it gets from
// `current()` as the lint setting `kestraSchema`.
//
// Wiring (server.ts / settings): when `flowguard.kestra.url` is set, create one `KestraSchemaSource`
// with the URL, the token the VS Code client keeps in secret storage, and a cache file under the
// extension's global storage; `await source.load()` at start-up and when the settings change; show
// `result.error` to the user (window/showMessage) when `ok` is false; lint with
// `settings: { ..., kestraSchema: source.current() }` and re-lint open Kestra flows after a load.
import { readFile, writeFile } from 'node:fs/promises';
import { getInstanceSchema } from '../engine/kestra/schema.js';

export interface KestraInstanceAuth {
  /** API token (Enterprise service account or user token): sent as `Authorization: Bearer`. */
  token?: string;
  /** Basic authentication (Kestra OSS 0.24+ requires it on every instance). */
  username?: string;
  password?: string;
}

export interface KestraSchemaSourceOptions {
  /** `flowguard.kestra.url`: the server root (`https://kestra.example.com`) or its API root (`.../api/v1`). */
  url: string;
  auth?: KestraInstanceAuth;
  /** Enterprise tenant id; the schema is then read from `/api/v1/<tenant>/plugins/schemas/flow`. */
  tenant?: string;
  /** File where the last good schema is kept between sessions (used when the server is unreachable). */
  cacheFile?: string;
  /** How long a downloaded schema is fresh (default: one hour, as the server's Cache-Control says). */
  maxAgeMs?: number;
  timeoutMs?: number;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  now?: () => number;
}

export type KestraSchemaResult =
  | { ok: true; text: string; url: string; from: 'server' | 'memory' | 'cache-file'; fetchedAt: number; warning?: string }
  | { ok: false; url: string; error: string };

interface CacheEntry {
  url: string;
  fetchedAt: number;
  text: string;
}

/** The schema URLs to try, most specific first. */
export function kestraSchemaUrls(url: string, tenant?: string): string[] {
  const base = url.trim().replace(/\/+$/, '');
  const api = /\/api\/v1$/.test(base) ? base : `${base}/api/v1`;
  if (tenant) return [`${api}/${encodeURIComponent(tenant)}/plugins/schemas/flow`];
  // Servers with tenants in every route (newer versions) answer 404 on the tenant-less path: fall back
  // to the default tenant `main`.
  return [`${api}/plugins/schemas/flow`, `${api}/main/plugins/schemas/flow`];
}

export class KestraSchemaSource {
  private entry?: CacheEntry;
  private readonly urls: string[];

  constructor(private readonly options: KestraSchemaSourceOptions) {
    if (!/^https?:\/\//i.test(options.url.trim())) throw new Error(`flowguard.kestra.url must be an http(s) URL, got '${options.url}'`);
    this.urls = kestraSchemaUrls(options.url, options.tenant);
  }

  /** The URL the schema is (first) read from. */
  get schemaUrl(): string {
    return this.urls[0];
  }

  /** The last good schema text (to pass as the `kestraSchema` lint setting), if any. */
  current(): string | undefined {
    return this.entry?.text;
  }

  /** Loads the schema: fresh memory copy, else the server, else (server unreachable) the cache file. */
  async load(force = false): Promise<KestraSchemaResult> {
    const now = this.options.now?.() ?? Date.now();
    const maxAge = this.options.maxAgeMs ?? 3_600_000;
    if (!force && this.entry && now - this.entry.fetchedAt < maxAge) return { ok: true, text: this.entry.text, url: this.entry.url, from: 'memory', fetchedAt: this.entry.fetchedAt };
    const fetched = await this.download();
    if (fetched.ok) {
      this.entry = { url: fetched.url, fetchedAt: now, text: fetched.text };
      if (this.options.cacheFile) await writeFile(this.options.cacheFile, JSON.stringify(this.entry)).catch(() => undefined);
      return { ok: true, text: fetched.text, url: fetched.url, from: 'server', fetchedAt: now };
    }
    const memory = this.entry;
    const cached = memory ?? (await this.readCacheFile());
    if (cached) {
      this.entry = cached;
      return { ok: true, text: cached.text, url: cached.url, from: memory ? 'memory' : 'cache-file', fetchedAt: cached.fetchedAt, warning: `${fetched.error} Using the schema downloaded on ${new Date(cached.fetchedAt).toISOString()}.` };
    }
    return fetched;
  }

  private async readCacheFile(): Promise<CacheEntry | undefined> {
    if (!this.options.cacheFile) return undefined;
    try {
      const e = JSON.parse(await readFile(this.options.cacheFile, 'utf8')) as CacheEntry;
      if (typeof e.text !== 'string' || !this.urls.includes(e.url)) return undefined; // another server's schema
      return e;
    } catch {
      return undefined;
    }
  }

  private headers(): Record<string, string> {
    const h: Record<string, string> = { Accept: 'application/json' };
    const a = this.options.auth;
    if (a?.token) h.Authorization = `Bearer ${a.token}`;
    else if (a?.username !== undefined) h.Authorization = `Basic ${Buffer.from(`${a.username}:${a.password ?? ''}`).toString('base64')}`;
    return h;
  }

  private async download(): Promise<{ ok: true; text: string; url: string } | { ok: false; url: string; error: string }> {
    const doFetch = this.options.fetch ?? fetch;
    let last: { ok: false; url: string; error: string } | undefined;
    for (const url of this.urls) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), this.options.timeoutMs ?? 15_000);
      try {
        const res = await doFetch(url, { headers: this.headers(), signal: controller.signal });
        if (res.status === 404) {
          last = { ok: false, url, error: `The Kestra server at ${this.options.url} has no flow schema at ${url} (HTTP 404). Check flowguard.kestra.url (the server root, e.g. https://kestra.example.com) and the tenant.` };
          continue;
        }
        if (res.status === 401 || res.status === 403) return { ok: false, url, error: `The Kestra server at ${this.options.url} refused the request (HTTP ${res.status}): set a valid API token (FlowGuard: Set Kestra API token) or basic-auth credentials.` };
        if (!res.ok) return { ok: false, url, error: `The Kestra server at ${this.options.url} answered HTTP ${res.status} for ${url}.` };
        const text = await res.text();
        const check = getInstanceSchema(text);
        if (!check.schema) return { ok: false, url, error: `${url} did not return a usable flow JSON Schema (${check.error}).` };
        return { ok: true, text, url };
      } catch (e) {
        const err = e as Error & { cause?: { code?: string; message?: string } };
        const why = err.name === 'AbortError' ? `no answer within ${(this.options.timeoutMs ?? 15_000) / 1000} s` : (err.cause?.code ?? err.cause?.message ?? err.message);
        return { ok: false, url, error: `Could not reach the Kestra server at ${this.options.url} (${why}). Check flowguard.kestra.url and your network; FlowGuard keeps checking flows with its offline schema.` };
      } finally {
        clearTimeout(timer);
      }
    }
    return last!;
  }
}
