// Online facts for the language server: looked up in the background for the `uses:` references of open
// workflows, shared by all documents, cached on disk; documents are re-checked when facts arrive.
import { join } from 'node:path';
import { actionKey, commitKey, refKey, repoKey, type OnlineFacts, type OnlineRequest } from '../engine/online/facts.js';
import { DiskCache, MemoryCache } from '../online/cache.js';
import { emptyFacts, enrich } from '../online/enrich.js';
import { GitHubClient } from '../online/github.js';

export interface GithubOnlineOptions {
  token?: string;
  apiUrl?: string;
  /** Directory for the HTTP cache (VS Code: the extension's global storage). */
  storageDir?: string;
  /** Called after new facts arrived, so open workflows are re-checked. */
  onFacts(): void;
  log(message: string): void;
}

export class GithubOnline {
  readonly facts: OnlineFacts = emptyFacts();
  private readonly client: GitHubClient;
  private pending = new Set<string>();
  private running: Promise<void> | undefined;
  private queue: OnlineRequest[] = [];
  private controller = new AbortController();

  constructor(private readonly options: GithubOnlineOptions) {
    this.client = new GitHubClient({
      apiUrl: options.apiUrl,
      token: options.token,
      cache: options.storageDir ? new DiskCache(join(options.storageDir, 'github-cache')) : new MemoryCache(),
      signal: this.controller.signal,
    });
  }

  get stats() {
    return this.client.stats;
  }

  /** Facts for these requests: what is known now; missing ones are fetched in the background. */
  factsFor(requests: readonly OnlineRequest[]): OnlineFacts {
    const missing = requests.filter((r) => !this.known(r));
    for (const r of missing) {
      const k = actionKey(r.owner, r.repo, r.path, r.ref);
      if (this.pending.has(k)) continue;
      this.pending.add(k);
      this.queue.push(r);
    }
    if (this.queue.length && !this.running) this.running = this.drain();
    return this.facts;
  }

  private known(r: OnlineRequest): boolean {
    const base = r.isSha ? commitKey(r.owner, r.repo, r.ref) in this.facts.commits : refKey(r.owner, r.repo, r.ref) in this.facts.refs;
    return base && repoKey(r.owner, r.repo) in this.facts.advisories;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, this.queue.length);
        const started = Date.now();
        const before = this.client.stats.network;
        await enrich(this.client, batch, this.facts, { fetchActions: true });
        this.options.log(`online: ${batch.length} reference(s) looked up, ${this.client.stats.network - before} request(s), ${Date.now() - started} ms${this.facts.status === 'ok' ? '' : ` (${this.facts.message})`}`);
        this.options.onFacts();
      }
    } catch (e) {
      this.options.log(`online lookups failed: ${(e as Error).message}`);
    } finally {
      this.running = undefined;
    }
  }

  dispose(): void {
    this.controller.abort();
  }
}
