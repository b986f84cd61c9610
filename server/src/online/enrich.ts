// Gathers OnlineFacts for the `uses:` references the engine lists (onlineRequests), through the
// GitHub client: deduplicated across files, a few requests at a time, cancellable. Failures become a
// status and a message on the facts (reported by the online-unavailable rule), never an exception.
import { actionKey, commitKey, refKey, repoKey, type OnlineFacts, type OnlineRequest } from '../engine/online/facts.js';
import { GitHubClient, OfflineError, RateLimitedError } from './github.js';

export interface EnrichOptions {
  /** Remote action metadata for the permission solver and composite-action analysis. */
  fetchActions?: boolean;
  concurrency?: number;
}

export function emptyFacts(): OnlineFacts {
  return { status: 'ok', refs: {}, commits: {}, advisories: {}, actions: {} };
}

/** Fills `facts` (shared across files, so each lookup happens once per run) for `requests`. */
export async function enrich(client: GitHubClient, requests: readonly OnlineRequest[], facts: OnlineFacts = emptyFacts(), options: EnrichOptions = {}): Promise<OnlineFacts> {
  const tasks: (() => Promise<void>)[] = [];
  const failures: string[] = [];
  const queued = new Set<string>();
  const once = (key: string, task: () => Promise<void>) => {
    if (queued.has(key)) return;
    queued.add(key);
    tasks.push(task);
  };
  const named = requests.filter((r) => !r.isSha);
  // With a token, GraphQL resolves every named ref of every repository in one request.
  if (client && named.length && (client as unknown as { options: { token?: string } }).options.token) {
    const pending = named.filter((r) => !(refKey(r.owner, r.repo, r.ref) in facts.refs));
    if (pending.length) {
      try {
        const batch = await client.refsBatch(pending);
        for (const [k, v] of batch) facts.refs[k] = v;
      } catch (e) {
        if (e instanceof RateLimitedError || e instanceof OfflineError) return fail(facts, e);
        // GraphQL refused (e.g. a token without GraphQL access): fall back to REST below.
      }
    }
  }
  for (const r of requests) {
    if (!r.isSha) {
      const k = refKey(r.owner, r.repo, r.ref);
      if (!(k in facts.refs)) once(`ref ${k}`, async () => void (facts.refs[k] = await client.ref(r.owner, r.repo, r.ref)));
    } else {
      const k = commitKey(r.owner, r.repo, r.ref);
      if (!(k in facts.commits)) once(`commit ${k}`, async () => void (facts.commits[k] = await client.commit(r.owner, r.repo, r.ref)));
      if (r.commentVersion) {
        const v = refKey(r.owner, r.repo, r.commentVersion);
        if (!(v in facts.refs)) once(`ref ${v}`, async () => void (facts.refs[v] = await client.ref(r.owner, r.repo, r.commentVersion!)));
      }
    }
    const repo = repoKey(r.owner, r.repo);
    if (!(repo in facts.advisories)) once(`adv ${repo}`, async () => void (facts.advisories[repo] = await client.advisories(r.owner, r.repo)));
    if (options.fetchActions) {
      const a = actionKey(r.owner, r.repo, r.path, r.ref);
      if (!(a in facts.actions)) once(`action ${a}`, async () => {
        const text = await client.actionMetadata(r.owner, r.repo, r.path, r.ref);
        if (text !== undefined) facts.actions[a] = text;
      });
    }
  }
  let next = 0;
  let stop: Error | undefined;
  const worker = async () => {
    while (next < tasks.length && !stop) {
      const task = tasks[next++];
      try {
        await task();
      } catch (e) {
        if (e instanceof RateLimitedError || e instanceof OfflineError || (e as Error).message === 'cancelled') stop = e as Error;
        else failures.push((e as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, tasks.length) }, worker));
  if (stop) return fail(facts, stop);
  if (failures.length) {
    facts.status = 'partial';
    facts.message = `${failures.length} lookup(s) failed, e.g. ${failures[0]}`;
  }
  return facts;
}

function fail(facts: OnlineFacts, e: Error): OnlineFacts {
  facts.status = e instanceof RateLimitedError ? 'rate-limited' : e instanceof OfflineError ? 'offline' : 'partial';
  facts.message = e.message;
  return facts;
}
