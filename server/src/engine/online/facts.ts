// Facts that only GitHub's API can tell (what a tag points at, whether a commit belongs to a repository,
// advisories, remote action metadata). The engine never fetches them: an online-enabled caller (CLI
// `--online`, the language server with `flowguard.online.enabled`) gathers them at the edge for the
// requests `onlineRequests()` lists, and passes them in `LintSettings.online`. Rules that need them are
// silent without them.
import { buildAction, buildWorkflow, stepsOf, type UsesRef } from '../model/github.js';
import { parseYaml } from '../yaml/parse.js';
import { LineIndex } from '../text.js';

export interface RefFacts {
  /** Commit the ref resolves to. */
  sha?: string;
  /** What the ref is: a tag, a branch, or (for a SHA) a commit. */
  kind?: 'tag' | 'branch' | 'commit';
  /** The name is both a tag and a branch (ambiguous for `uses:`). */
  ambiguous?: boolean;
  /** Set when the lookup failed (404, network); then nothing else is known. */
  error?: string;
}

export interface CommitFacts {
  /** Whether the commit is reachable from a branch or tag of the repository itself (false: fork-only). */
  inRepository?: boolean;
  /** Tags of the repository that point at this commit. */
  tags?: string[];
  error?: string;
}

export interface AdvisoryFact {
  ghsa: string;
  cve?: string;
  severity: 'critical' | 'high' | 'medium' | 'low';
  summary: string;
  /** e.g. `< 46.0.1` or `>= 4.0.0, < 4.1.3` */
  vulnerableRange: string;
  firstPatched?: string;
}

export interface OnlineFacts {
  /** `ok`; or why some facts are missing: `offline` (network unreachable), `rate-limited`, `partial`. */
  status: 'ok' | 'offline' | 'rate-limited' | 'partial';
  /** Human explanation when status is not ok. */
  message?: string;
  /** Keyed by `owner/repo@ref` (owner/repo lower-cased). */
  refs: Record<string, RefFacts>;
  /** Keyed by `owner/repo@sha`. */
  commits: Record<string, CommitFacts>;
  /** Keyed by `owner/repo`. */
  advisories: Record<string, AdvisoryFact[]>;
  /** Remote action metadata text, keyed by `owner/repo[/path]@ref`. */
  actions: Record<string, string>;
}

export interface OnlineRequest {
  owner: string;
  repo: string;
  /** Sub-path of an action inside the repository. */
  path?: string;
  ref: string;
  isSha: boolean;
  /** Version named in a trailing `# v1.2.3` comment of a SHA pin. */
  commentVersion?: string;
}

export const repoKey = (owner: string, repo: string) => `${owner}/${repo}`.toLowerCase();
export const refKey = (owner: string, repo: string, ref: string) => `${repoKey(owner, repo)}@${ref}`;
export const commitKey = (owner: string, repo: string, sha: string) => `${repoKey(owner, repo)}@${sha.toLowerCase()}`;
export const actionKey = (owner: string, repo: string, path: string | undefined, ref: string) => `${repoKey(owner, repo)}${path ? '/' + path : ''}@${ref}`;

const VERSION_COMMENT = /#\s*(?:tag=|ratchet:[^@\s]*@)?(v?\d{1,6}(?:\.\d{1,6}){0,2})\b/;

/** The `# v1.2.3` comment after a `uses:` value on the same line, if any. */
export function versionComment(lines: LineIndex, usesEnd: number): { version: string; start: number; end: number } | undefined {
  const pos = lines.position(usesEnd);
  const line = lines.lineText(pos.line);
  const hash = line.indexOf('#', pos.character);
  if (hash < 0) return undefined;
  const m = VERSION_COMMENT.exec(line.slice(hash));
  if (!m) return undefined;
  const start = lines.lineStart(pos.line) + hash + m.index + m[0].indexOf(m[1]);
  return { version: m[1], start, end: start + m[1].length };
}

/** The remote `uses:` references of a workflow or action file that online checks would look up. */
export function onlineRequests(text: string, kind: 'github-workflow' | 'github-action'): OnlineRequest[] {
  const file = parseYaml(text);
  const lines = new LineIndex(text);
  const out: OnlineRequest[] = [];
  const seen = new Set<string>();
  for (const doc of file.documents) {
    const model = kind === 'github-workflow' ? buildWorkflow(doc) : buildAction(doc);
    if (!model) continue;
    const uses = [...stepsOf(model).flatMap((s) => (s.uses ? [s.uses] : [])), ...('jobs' in model ? model.jobs.flatMap((j) => (j.uses ? [j.uses] : [])) : [])];
    for (const u of uses) {
      const r: UsesRef = u.ref;
      if (r.kind !== 'repository' || !r.owner || !r.repo || !r.ref || u.value.includes('${{')) continue;
      const key = actionKey(r.owner, r.repo, r.path, r.ref);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ owner: r.owner, repo: r.repo, path: r.path, ref: r.ref, isSha: r.isShaPinned, commentVersion: r.isShaPinned ? versionComment(lines, u.span.end)?.version : undefined });
    }
  }
  return out;
}
