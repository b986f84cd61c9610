// GitHub REST/GraphQL client for online checks: cached, rate-limit aware, cancellable, GHES-capable.
// Only this folder (and the Kestra instance client) talks to the network, and only when the user enabled
// online features.
import { refKey, type AdvisoryFact, type CommitFacts, type RefFacts } from '../engine/online/facts.js';
import { MemoryCache, type ResponseCache } from './cache.js';

export interface GitHubClientOptions {
  /** REST base, e.g. https://api.github.com or https://ghes.example.com/api/v3. */
  apiUrl?: string;
  /** GraphQL endpoint; derived from apiUrl when omitted. */
  graphqlUrl?: string;
  token?: string;
  cache?: ResponseCache;
  fetch?: typeof fetch;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** How long to wait for a rate-limit reset or Retry-After before giving up (ms). */
  maxBackoffMs?: number;
  now?: () => number;
}

export interface ClientStats {
  /** Requests that went to the network (including 304 revalidations). */
  network: number;
  /** Answered from the cache without any request. */
  cached: number;
  notModified: number;
  graphql: number;
}

export class RateLimitedError extends Error {
  constructor(readonly resetAt: number | undefined) {
    super(resetAt ? `GitHub API rate limit exhausted until ${new Date(resetAt).toISOString().slice(11, 16)} UTC` : 'GitHub API rate limit exhausted');
  }
}
export class OfflineError extends Error {}

const TTL = { ref: 60 * 60_000, immutable: 7 * 24 * 60 * 60_000, list: 6 * 60 * 60_000 };

interface Res {
  status: number;
  body: string;
}

export class GitHubClient {
  readonly stats: ClientStats = { network: 0, cached: 0, notModified: 0, graphql: 0 };
  private readonly apiUrl: string;
  private readonly graphqlUrl: string;
  private readonly cache: ResponseCache;
  private readonly fetchImpl: typeof fetch;
  private rateLimitedUntil = 0;

  constructor(private readonly options: GitHubClientOptions = {}) {
    this.apiUrl = (options.apiUrl ?? 'https://api.github.com').replace(/\/+$/, '');
    this.graphqlUrl = options.graphqlUrl ?? (/\/api\/v3$/.test(this.apiUrl) ? this.apiUrl.replace(/\/v3$/, '/graphql') : `${this.apiUrl}/graphql`);
    this.cache = options.cache ?? new MemoryCache();
    this.fetchImpl = options.fetch ?? fetch;
  }

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  private headers(accept: string): Record<string, string> {
    const h: Record<string, string> = { accept, 'user-agent': 'flowguard', 'x-github-api-version': '2022-11-28' };
    if (this.options.token) h.authorization = `Bearer ${this.options.token}`;
    return h;
  }

  /** One request with cache, conditional revalidation, timeout, cancellation and rate-limit back-off. */
  async get(path: string, opts: { accept?: string; ttl: number }): Promise<Res> {
    const url = `${this.apiUrl}${path}`;
    const accept = opts.accept ?? 'application/vnd.github+json';
    const key = `${this.options.token ? 'auth' : 'anon'} ${accept} ${url}`;
    const hit = this.cache.get(key);
    if (hit && hit.expires > this.now()) {
      this.stats.cached++;
      return hit;
    }
    const headers = this.headers(accept);
    if (hit?.etag) headers['if-none-match'] = hit.etag;
    const res = await this.send(url, { method: 'GET', headers });
    if (res.status === 304 && hit) {
      this.stats.notModified++;
      const fresh = { ...hit, expires: this.now() + opts.ttl };
      this.cache.set(key, fresh);
      return fresh;
    }
    const body = await res.text();
    // 404s are answers too (a ref that is not a tag): cache them like successes.
    if (res.status === 200 || res.status === 404) this.cache.set(key, { status: res.status, body, etag: res.headers.get('etag') ?? undefined, expires: this.now() + opts.ttl });
    return { status: res.status, body };
  }

  /** A GraphQL query; answers are cached like REST ref lookups (they resolve refs, which move). */
  async graphql(query: string): Promise<unknown> {
    const key = `${this.options.token ? 'auth' : 'anon'} POST ${this.graphqlUrl} ${query}`;
    const hit = this.cache.get(key);
    if (hit && hit.expires > this.now()) {
      this.stats.cached++;
      return (JSON.parse(hit.body) as { data?: unknown }).data;
    }
    this.stats.graphql++;
    const res = await this.send(this.graphqlUrl, { method: 'POST', headers: { ...this.headers('application/json'), 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`GraphQL request failed: HTTP ${res.status}`);
    this.cache.set(key, { status: 200, body: text, expires: this.now() + TTL.ref });
    const json = JSON.parse(text) as { data?: unknown };
    return json.data;
  }

  private async send(url: string, init: RequestInit, attempt = 0): Promise<Response> {
    if (this.rateLimitedUntil > this.now()) throw new RateLimitedError(this.rateLimitedUntil);
    if (this.options.signal?.aborted) throw new Error('cancelled');
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 15_000);
    const signal = this.options.signal ? AbortSignal.any([timeout, this.options.signal]) : timeout;
    let res: Response;
    try {
      this.stats.network++;
      res = await this.fetchImpl(url, { ...init, signal });
    } catch (e) {
      if (this.options.signal?.aborted) throw new Error('cancelled');
      const cause = (e as { cause?: { code?: string } }).cause?.code;
      throw new OfflineError(`GitHub could not be reached (${cause ?? (e as Error).name === 'TimeoutError' ? 'timeout' : (e as Error).message})`);
    }
    const remaining = res.headers.get('x-ratelimit-remaining');
    const reset = Number(res.headers.get('x-ratelimit-reset')) * 1000 || undefined;
    const retryAfter = Number(res.headers.get('retry-after')) * 1000 || undefined;
    const limited = res.status === 429 || (res.status === 403 && (remaining === '0' || retryAfter !== undefined));
    if (limited) {
      const until = retryAfter ? this.now() + retryAfter : reset;
      const wait = until ? until - this.now() : undefined;
      // Short waits (secondary limits) are worth one retry; long ones end online checks for now.
      if (attempt === 0 && wait !== undefined && wait <= (this.options.maxBackoffMs ?? 5_000)) {
        await new Promise((r) => setTimeout(r, Math.max(0, wait)));
        return this.send(url, init, attempt + 1);
      }
      this.rateLimitedUntil = until ?? this.now() + 60_000;
      throw new RateLimitedError(this.rateLimitedUntil);
    }
    if (remaining === '0' && reset) this.rateLimitedUntil = reset;
    return res;
  }

  // --- Facts -------------------------------------------------------------------------------

  /** What `ref` names in owner/repo: tag and/or branch, and the commit. */
  async ref(owner: string, repo: string, ref: string): Promise<RefFacts> {
    const enc = encodeURIComponent(ref).replace(/%2F/g, '/');
    const [tag, head] = await Promise.all([
      this.get(`/repos/${owner}/${repo}/git/ref/tags/${enc}`, { ttl: TTL.ref }),
      this.get(`/repos/${owner}/${repo}/git/ref/heads/${enc}`, { ttl: TTL.ref }),
    ]);
    const isTag = tag.status === 200;
    const isBranch = head.status === 200;
    if (!isTag && !isBranch) {
      if (tag.status === 404 && head.status === 404) return { error: `'${ref}' is neither a tag nor a branch of ${owner}/${repo}` };
      return { error: `lookup failed (HTTP ${tag.status})` };
    }
    const obj = JSON.parse((isTag ? tag : head).body).object as { type: string; sha: string };
    let sha = obj.sha;
    if (obj.type === 'tag') {
      // Annotated tag: the tag object points at the commit.
      const t = await this.get(`/repos/${owner}/${repo}/git/tags/${obj.sha}`, { ttl: TTL.immutable });
      if (t.status === 200) sha = (JSON.parse(t.body).object as { sha: string }).sha;
    }
    return { sha, kind: isTag ? 'tag' : 'branch', ambiguous: isTag && isBranch };
  }

  /** Resolves many refs of many repositories in one GraphQL query (needs a token). */
  async refsBatch(items: { owner: string; repo: string; ref: string }[]): Promise<Map<string, RefFacts>> {
    const out = new Map<string, RefFacts>();
    if (!items.length) return out;
    const byRepo = new Map<string, { owner: string; repo: string; refs: string[] }>();
    for (const i of items) {
      const k = `${i.owner}/${i.repo}`.toLowerCase();
      const e = byRepo.get(k) ?? { owner: i.owner, repo: i.repo, refs: [] };
      if (!e.refs.includes(i.ref)) e.refs.push(i.ref);
      byRepo.set(k, e);
    }
    const repos = [...byRepo.values()];
    const q = JSON.stringify;
    const target = 'target { oid ... on Tag { target { oid } } }';
    const parts = repos.map((r, ri) => `r${ri}: repository(owner: ${q(r.owner)}, name: ${q(r.repo)}) { ${r.refs.map((ref, fi) => `t${fi}: ref(qualifiedName: ${q('refs/tags/' + ref)}) { ${target} } h${fi}: ref(qualifiedName: ${q('refs/heads/' + ref)}) { ${target} }`).join(' ')} }`);
    const data = (await this.graphql(`query { ${parts.join(' ')} }`)) as Record<string, Record<string, { target: { oid: string; target?: { oid: string } } } | null> | null> | undefined;
    repos.forEach((r, ri) => {
      const repoData = data?.[`r${ri}`];
      r.refs.forEach((ref, fi) => {
        const key = refKey(r.owner, r.repo, ref);
        if (!repoData) return out.set(key, { error: `${r.owner}/${r.repo} not found` });
        const t = repoData[`t${fi}`];
        const h = repoData[`h${fi}`];
        if (!t && !h) return out.set(key, { error: `'${ref}' is neither a tag nor a branch of ${r.owner}/${r.repo}` });
        const oid = t ? (t.target.target?.oid ?? t.target.oid) : h!.target.oid;
        out.set(key, { sha: oid, kind: t ? 'tag' : 'branch', ambiguous: !!t && !!h });
      });
    });
    return out;
  }

  /** Whether a commit is on a branch or tag of the repository itself, and which tags point at it. */
  async commit(owner: string, repo: string, sha: string): Promise<CommitFacts> {
    const tags: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const res = await this.get(`/repos/${owner}/${repo}/tags?per_page=100&page=${page}`, { ttl: TTL.list });
      if (res.status !== 200) return { error: `could not list tags (HTTP ${res.status})` };
      const list = JSON.parse(res.body) as { name: string; commit: { sha: string } }[];
      for (const t of list) if (t.commit.sha.toLowerCase() === sha.toLowerCase()) tags.push(t.name);
      if (list.length < 100) break;
    }
    if (tags.length) return { inRepository: true, tags };
    const info = await this.get(`/repos/${owner}/${repo}`, { ttl: TTL.list });
    if (info.status !== 200) return { error: `repository not found (HTTP ${info.status})` };
    const defaultBranch = (JSON.parse(info.body) as { default_branch: string }).default_branch;
    const branches = [defaultBranch];
    const list = await this.get(`/repos/${owner}/${repo}/branches?per_page=30`, { ttl: TTL.list });
    if (list.status === 200) for (const b of JSON.parse(list.body) as { name: string }[]) if (!branches.includes(b.name)) branches.push(b.name);
    for (const branch of branches.slice(0, 30)) {
      // `branch...sha` is "behind" or "identical" when the commit is in the branch's history.
      const cmp = await this.get(`/repos/${owner}/${repo}/compare/${encodeURIComponent(branch)}...${sha}`, { ttl: TTL.immutable });
      if (cmp.status === 404) return { error: `commit ${sha.slice(0, 12)} not found in ${owner}/${repo}` };
      if (cmp.status !== 200) return { error: `compare failed (HTTP ${cmp.status})` };
      const status = (JSON.parse(cmp.body) as { status: string }).status;
      if (status === 'behind' || status === 'identical') return { inRepository: true, tags };
    }
    return { inRepository: false, tags };
  }

  /** Reviewed GitHub advisories for an action (ecosystem `actions`). */
  async advisories(owner: string, repo: string): Promise<AdvisoryFact[]> {
    const res = await this.get(`/advisories?ecosystem=actions&affects=${encodeURIComponent(`${owner}/${repo}`)}&per_page=100`, { ttl: TTL.list });
    if (res.status !== 200) throw new Error(`advisory lookup failed (HTTP ${res.status})`);
    const list = JSON.parse(res.body) as {
      ghsa_id: string;
      cve_id?: string | null;
      severity: AdvisoryFact['severity'];
      summary: string;
      vulnerabilities?: { package?: { ecosystem?: string; name?: string }; vulnerable_version_range?: string | null; first_patched_version?: string | { identifier?: string } | null }[];
    }[];
    const name = `${owner}/${repo}`.toLowerCase();
    const out: AdvisoryFact[] = [];
    for (const a of list) {
      for (const v of a.vulnerabilities ?? []) {
        if (v.package?.name?.toLowerCase() !== name || !v.vulnerable_version_range) continue;
        const fp = typeof v.first_patched_version === 'string' ? v.first_patched_version : v.first_patched_version?.identifier;
        out.push({ ghsa: a.ghsa_id, cve: a.cve_id ?? undefined, severity: a.severity, summary: a.summary, vulnerableRange: v.vulnerable_version_range, firstPatched: fp ?? undefined });
      }
    }
    return out;
  }

  /** The text of a remote action's metadata (or of a reusable workflow file) at a ref. */
  async actionMetadata(owner: string, repo: string, path: string | undefined, ref: string): Promise<string | undefined> {
    const ttl = /^[0-9a-f]{40}$/i.test(ref) ? TTL.immutable : TTL.ref;
    const candidates = path && /\.ya?ml$/.test(path) ? [path] : [`${path ? path + '/' : ''}action.yml`, `${path ? path + '/' : ''}action.yaml`];
    for (const file of candidates) {
      const res = await this.get(`/repos/${owner}/${repo}/contents/${file.split('/').map(encodeURIComponent).join('/')}?ref=${encodeURIComponent(ref)}`, { accept: 'application/vnd.github.raw', ttl });
      if (res.status === 200) return res.body;
    }
    return undefined;
  }
}
