// REST endpoint -> GITHUB_TOKEN permission, for `gh api`, curl/wget and actions/github-script calls.
// The table is data (rest-endpoints.json): path rules after /repos/{owner}/{repo}, and octokit method
// names mapped to their endpoint.
import table from './rest-endpoints.json' with { type: 'json' };
import type { Level, PermissionScope } from './scopes.js';

export interface EndpointNeed {
  scope: PermissionScope;
  level: Level;
  alternatives?: PermissionScope[];
}

/** `none`: the endpoint needs no scope; `unknown`: FlowGuard cannot tell (or the token cannot reach it). */
export type EndpointResult = { kind: 'need'; need: EndpointNeed } | { kind: 'none' } | { kind: 'unknown'; why: string };

type PathRule = [string, string, string | null, string | null, string[] | null];
const RULES = (table.paths as PathRule[]).map(([method, re, scope, level, alts]) => ({ method, re: new RegExp(re), scope: scope as PermissionScope | null, level: level as Level | null, alts: alts as PermissionScope[] | null }));
const OCTOKIT = table.octokit as Record<string, string>;

const READ_METHODS = new Set(['GET', 'HEAD']);

/** Paths outside a repository that need no scope (public data, the token's own metadata). */
const FREE_PATHS = /^\/?(rate_limit|meta|zen|octocat|emojis|search\/|users\/[^/]+\/?$|users\/[^/]+\/(repos|orgs|keys|gpg_keys)$|orgs\/[^/]+\/?$|licenses|gitignore|codes_of_conduct)/;

/**
 * Permission for `METHOD path`. `path` may be a full URL, `repos/{owner}/{repo}/...` (gh api style,
 * placeholders and shell/expression variables for the owner and repo are fine) or, with `repoRelative`,
 * the part after the repository.
 */
export function endpointPermission(method: string, path: string, repoRelative = false): EndpointResult {
  const m = method.toUpperCase();
  let p = path.replace(/^https?:\/\/[^/]+/, '').replace(/^\/api\/v3/, '').replace(/[?#].*$/, '');
  if (!repoRelative) {
    const repo = /^\/?repos\/(?:\$\{?\w*REPO\w*\}?|\$\{\{[^}]*repository[^}]*\}\}|[^/]+\/[^/]+)(\/.*)?$/i.exec(p);
    if (!repo) {
      if (READ_METHODS.has(m) && FREE_PATHS.test(p)) return { kind: 'none' };
      if (/^\/?graphql\b/.test(p)) return { kind: 'unknown', why: 'GraphQL call' };
      return { kind: 'unknown', why: `${m} ${p || '/'} is outside the repository` };
    }
    p = repo[1] ?? '/';
  }
  if (/^\/?(\$|\{\{)/.test(p)) return { kind: 'unknown', why: `the endpoint ${p} is computed at run time` };
  for (const r of RULES) {
    if (r.method !== '*' && r.method !== m) continue;
    if (!r.re.test(p)) continue;
    if (!r.scope) return { kind: 'none' };
    const level: Level = r.level ?? (READ_METHODS.has(m) ? 'read' : 'write');
    return { kind: 'need', need: { scope: r.scope, level, ...(r.alts ? { alternatives: r.alts as PermissionScope[] } : {}) } };
  }
  return { kind: 'unknown', why: `no permission is known for ${m} ${p}` };
}

const AREA_FALLBACK: Record<string, PermissionScope> = {
  issues: 'issues',
  pulls: 'pull-requests',
  checks: 'checks',
  actions: 'actions',
  git: 'contents',
  codeScanning: 'security-events',
};

/** Permission for an octokit call `github.rest.<area>.<method>` (or legacy `github.<area>.<method>`). */
export function octokitPermission(area: string, method: string): EndpointResult {
  const endpoint = OCTOKIT[`${area}.${method}`];
  if (endpoint === 'USER') return { kind: 'unknown', why: `${area}.${method} is outside the repository` };
  if (endpoint) {
    const [verb, path] = endpoint.split(' ');
    return endpointPermission(verb, path, true);
  }
  const scope = AREA_FALLBACK[area];
  if (!scope) return { kind: 'unknown', why: `github.rest.${area}.${method} is not in FlowGuard's endpoint table` };
  const read = /^(get|list|check|compare|download|search)/.test(method);
  const alternatives: PermissionScope[] | undefined = area === 'issues' && !/Milestone|LabelFor|createLabel|updateLabel|deleteLabel|^create$|^list/.test(method) ? ['pull-requests'] : undefined;
  return { kind: 'need', need: { scope, level: read ? 'read' : 'write', ...(alternatives ? { alternatives } : {}) } };
}
