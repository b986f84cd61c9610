// `flowguard audit --online`: gathers GitHub facts (refs, commits, advisories, remote action metadata)
// for every workflow and action being audited, once per run, before the files are linted.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { detectKind } from '../engine/index.js';
import { onlineRequests, type OnlineFacts, type OnlineRequest } from '../engine/online/facts.js';
import { DiskCache } from '../online/cache.js';
import { emptyFacts, enrich } from '../online/enrich.js';
import { GitHubClient } from '../online/github.js';
import type { CliIO } from './io.js';

export interface OnlineRun {
  facts: OnlineFacts;
  /** Requests sent to GitHub, answered from the cache, and revalidated (304). */
  stats: { network: number; cached: number; notModified: number; graphql: number };
  refs: number;
}

export function onlineCacheDir(io: Pick<CliIO, 'env'>): string {
  const env = io.env ?? {};
  return env.FLOWGUARD_CACHE_DIR ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'flowguard', 'github');
}

/** Collects the remote references of the given files and looks them up. Never throws: failures are a status. */
export async function gatherOnlineFacts(io: CliIO, files: { rel: string; read(): string | undefined }[], apiUrl?: string): Promise<OnlineRun> {
  const requests: OnlineRequest[] = [];
  for (const f of files) {
    const text = f.read();
    if (text === undefined) continue;
    const kind = detectKind(f.rel, text);
    if (kind === 'github-workflow' || kind === 'github-action') requests.push(...onlineRequests(text, kind));
  }
  const env = io.env ?? {};
  const token = env.GITHUB_TOKEN || env.GH_TOKEN || undefined;
  const client = new GitHubClient({ apiUrl: apiUrl ?? env.GITHUB_API_URL, token, cache: new DiskCache(onlineCacheDir(io)) });
  const facts = await enrich(client, requests, emptyFacts(), { fetchActions: true });
  return { facts, stats: client.stats, refs: requests.length };
}
