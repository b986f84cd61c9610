// The GITHUB_TOKEN permission model: the 20 scopes `permissions:` accepts (as in GitHub's own
// workflow schema, actions/languageservices workflow-v1.0.json), their legal levels, repository
// defaults and what each level allows (hover text). Facts: ../shared/reference/github-permissions.md.

export type PermissionScope =
  | 'actions'
  | 'artifact-metadata'
  | 'attestations'
  | 'checks'
  | 'code-quality'
  | 'contents'
  | 'copilot-requests'
  | 'deployments'
  | 'discussions'
  | 'drives'
  | 'id-token'
  | 'issues'
  | 'models'
  | 'packages'
  | 'pages'
  | 'pull-requests'
  | 'repository-projects'
  | 'security-events'
  | 'statuses'
  | 'vulnerability-alerts';

export type Level = 'none' | 'read' | 'write';
export const LEVEL_RANK: Record<Level, number> = { none: 0, read: 1, write: 2 };

export interface ScopeInfo {
  scope: PermissionScope;
  /** Levels GitHub accepts besides `none`. */
  levels: readonly Exclude<Level, 'none'>[];
  status: 'ga' | 'preview' | 'legacy';
  /** What `read` allows (undefined when read is not a legal level). */
  read?: string;
  /** What `write` allows (undefined when write is not a legal level). */
  write?: string;
  /** Level under the repository's permissive / restricted default; undefined = not published. */
  permissive?: Level;
  restricted?: Level;
  /** Extra facts worth a line in the hover. */
  note?: string;
}

const RW = ['read', 'write'] as const;

export const SCOPES: readonly ScopeInfo[] = [
  { scope: 'actions', levels: RW, status: 'ga', permissive: 'write', restricted: 'none',
    read: 'list workflows, runs and jobs; download logs and artifacts; read caches and environments',
    write: 'cancel and re-run runs, dispatch workflows, enable/disable workflows, delete runs, artifacts and caches',
    note: 'Write can approve pending runs that need approval, which may expose secrets (OpenSSF Scorecard).' },
  { scope: 'artifact-metadata', levels: RW, status: 'ga',
    read: 'read storage and deployment records of build artifacts',
    write: 'create storage and deployment records for build artifacts (actions/attest with push-to-registry)' },
  { scope: 'attestations', levels: RW, status: 'ga', permissive: 'write', restricted: 'none',
    read: 'list and fetch artifact attestations of this repository',
    write: 'upload signed artifact attestations (build provenance, SBOM); pair with id-token: write for Sigstore signing' },
  { scope: 'checks', levels: RW, status: 'ga', permissive: 'write', restricted: 'none',
    read: 'read check suites and check runs',
    write: 'create and update check runs with annotations (test reporters, linters)' },
  { scope: 'code-quality', levels: RW, status: 'ga',
    read: 'read GitHub Code Quality results',
    write: 'upload code quality results such as code coverage reports' },
  { scope: 'contents', levels: RW, status: 'ga', permissive: 'write', restricted: 'read',
    read: 'clone and fetch the repository (free on public repositories), read files, commits, branches, tags, releases',
    write: 'git push, create/delete branches and tags, create/edit releases and upload assets, merge branches and pull requests, send repository_dispatch',
    note: 'Even with write, the token can never change files under .github/workflows/ (there is no `workflows` permission).' },
  { scope: 'copilot-requests', levels: ['write'], status: 'preview',
    write: 'let Copilot (CLI, agentic workflows) make requests authenticated with GITHUB_TOKEN, billed to the organisation',
    note: 'Preview: not in the GitHub docs yet; GitHub validators have rejected it.' },
  { scope: 'deployments', levels: RW, status: 'ga', permissive: 'write', restricted: 'none',
    read: 'list deployments and deployment statuses',
    write: 'create deployments and deployment statuses' },
  { scope: 'discussions', levels: RW, status: 'ga', permissive: 'write', restricted: 'none',
    read: 'read discussions and their comments (GraphQL)',
    write: 'create, edit, close and delete discussions and comments, label them (GraphQL)' },
  { scope: 'drives', levels: RW, status: 'preview',
    read: 'check out GitHub Drives persistent workspace storage',
    write: 'commit changes to GitHub Drives persistent workspace storage',
    note: 'Preview: known only from GitHub\'s workflow schema.' },
  { scope: 'id-token', levels: ['write'], status: 'ga', permissive: 'none', restricted: 'none',
    write: 'request an OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL) for cloud federation (AWS, GCP, Azure), trusted publishing (PyPI, npm), Sigstore signing and Pages deploys',
    note: 'Gives no GitHub API access by itself, but every step of the job can mint cloud credentials wherever trust policies allow it. `read` has no effect.' },
  { scope: 'issues', levels: RW, status: 'ga', permissive: 'write', restricted: 'none',
    read: 'read issues, comments, labels, milestones, events and timelines',
    write: 'open, edit, close and lock issues; comment; set labels, assignees and milestones; create labels',
    note: 'Comment and label endpoints are shared with pull requests: on a PR number, pull-requests suffices.' },
  { scope: 'models', levels: ['read'], status: 'ga', permissive: 'read', restricted: 'none',
    read: 'call the GitHub Models inference API' },
  { scope: 'packages', levels: RW, status: 'ga', permissive: 'write', restricted: 'read',
    read: 'download packages and pull ghcr.io images the repository can access',
    write: 'publish packages and push images (ghcr.io, npm.pkg.github.com, ...), delete and restore versions where the repository is admin' },
  { scope: 'pages', levels: RW, status: 'ga', permissive: 'write', restricted: 'none',
    read: 'read the Pages site configuration, builds and deployments',
    write: 'request Pages builds and create Pages deployments (actions/deploy-pages also needs id-token: write)',
    note: 'Enabling Pages needs admin rights, which GITHUB_TOKEN never has.' },
  { scope: 'pull-requests', levels: RW, status: 'ga', permissive: 'write', restricted: 'none',
    read: 'read pull requests, changed files, reviews and review comments',
    write: 'open and update pull requests, request reviewers, review and approve, comment on and label pull requests',
    note: 'Merging a pull request needs contents: write; creating/approving PRs also needs the repository setting "Allow GitHub Actions to create and approve pull requests".' },
  { scope: 'repository-projects', levels: RW, status: 'legacy', permissive: 'write', restricted: 'none',
    read: 'read Projects (classic) of this repository',
    write: 'manage Projects (classic) of this repository',
    note: 'Legacy: Projects (classic) are gone from github.com (GHES 3.16 and older only). Projects v2 are never reachable with GITHUB_TOKEN.' },
  { scope: 'security-events', levels: RW, status: 'ga', permissive: 'write', restricted: 'none',
    read: 'read code scanning alerts and analyses',
    write: 'upload SARIF and change code scanning alert states',
    note: 'Code scanning only: not Dependabot alerts (vulnerability-alerts) and never secret scanning.' },
  { scope: 'statuses', levels: RW, status: 'ga', permissive: 'write', restricted: 'none',
    read: 'read commit statuses',
    write: 'set commit statuses (pass/fail contexts), which can change the outcome of required checks' },
  { scope: 'vulnerability-alerts', levels: ['read'], status: 'ga',
    read: 'list Dependabot alerts',
    note: 'Included as read by read-all and write-all.' },
];

export const SCOPE_NAMES: readonly PermissionScope[] = SCOPES.map((s) => s.scope);
const BY_NAME = new Map(SCOPES.map((s) => [s.scope, s]));

export function scopeInfo(name: string): ScopeInfo | undefined {
  return BY_NAME.get(name as PermissionScope);
}

export function isScope(name: string): name is PermissionScope {
  return BY_NAME.has(name as PermissionScope);
}

/** What the token can never do, whatever `permissions:` says. */
export const TOKEN_NEVER = 'GITHUB_TOKEN is scoped to this repository and expires when the job ends; it can never edit .github/workflows/, reach other repositories, read secret scanning alerts, administer the repository or reach Projects v2.';

/** The highest legal level of a scope (what `write-all` grants). */
export function maxLevel(scope: PermissionScope): Level {
  return BY_NAME.get(scope)!.levels.includes('write') ? 'write' : 'read';
}

/** Clamps a requested level to one the scope accepts (`read` on id-token means nothing usable). */
export function legalLevel(scope: PermissionScope, level: Level): Level {
  if (level === 'none') return 'none';
  const levels = BY_NAME.get(scope)!.levels;
  if (levels.includes(level as 'read' | 'write')) return level;
  return level === 'write' ? (levels.includes('read') ? 'read' : 'none') : levels.includes('write') ? 'write' : 'none';
}

export const atLeast = (have: Level, need: Level) => LEVEL_RANK[have] >= LEVEL_RANK[need];
export const higher = (a: Level, b: Level): Level => (LEVEL_RANK[a] >= LEVEL_RANK[b] ? a : b);

export type LevelMap = Partial<Record<PermissionScope, Level>>;

/** Every scope at the level `read-all` / `write-all` gives it. */
export function shorthandLevels(shape: 'read-all' | 'write-all'): LevelMap {
  return { ...(shape === 'write-all' ? WRITE_ALL : READ_ALL) };
}

// The level maps below are built once and copied for each caller (a copy of a fast object is cheap;
// filling a new one scope by scope is not).
const levelMap = (level: (s: ScopeInfo) => Level): LevelMap => Object.fromEntries(SCOPES.map((s) => [s.scope, level(s)]));
const WRITE_ALL = levelMap((s) => maxLevel(s.scope));
// read-all lists id-token as read, which cannot mint tokens: treat it as none.
const READ_ALL = levelMap((s) => (s.levels.includes('read') ? 'read' : 'none'));
/** Every scope at `none`. */
export const NO_LEVELS: Readonly<LevelMap> = levelMap(() => 'none');

export type DefaultPermissions = 'unknown' | 'restricted' | 'permissive';

/**
 * The token a job gets when no `permissions:` applies. Scopes whose default GitHub has not published
 * get the assumption that is safe for the question asked: `upper` (what the token might hold, for
 * excess) or `lower` (what it surely holds, for insufficiency).
 */
export function defaultLevels(mode: DefaultPermissions, bound: 'upper' | 'lower'): LevelMap {
  const effective = mode === 'unknown' ? (bound === 'upper' ? 'permissive' : 'restricted') : mode;
  const key = `${effective} ${bound}` as const;
  return { ...(DEFAULTS[key] ??= levelMap((s) => {
    const published = effective === 'permissive' ? s.permissive : s.restricted;
    // The restricted setting is defined as "contents and packages read": everything else is none.
    return published ?? (bound === 'upper' && effective === 'permissive' ? maxLevel(s.scope) : 'none');
  })) };
}
const DEFAULTS: Partial<Record<`${'permissive' | 'restricted'} ${'upper' | 'lower'}`, LevelMap>> = {};

/** Scope names in `localeCompare` order (how blocks are written), for sorting without collating each time. */
const SORT_RANK = new Map([...SCOPE_NAMES].sort((a, b) => a.localeCompare(b)).map((s, i) => [s as string, i]));

/** `entries` sorted by scope as `a.localeCompare(b)` sorts them. */
export function sortByScope<T>(entries: [PermissionScope, T][]): [PermissionScope, T][] {
  for (const [s] of entries) if (!SORT_RANK.has(s)) return entries.sort((a, b) => a[0].localeCompare(b[0]));
  return entries.sort((a, b) => SORT_RANK.get(a[0])! - SORT_RANK.get(b[0])!);
}

/** Markdown describing one scope (hover text, CLI reasons). */
export function scopeMarkdown(scope: PermissionScope): string {
  const s = BY_NAME.get(scope)!;
  const lines = [`**\`${scope}\`**${s.status === 'preview' ? ' (preview)' : s.status === 'legacy' ? ' (legacy)' : ''}: levels ${[...s.levels, 'none'].map((l) => `\`${l}\``).join(', ')}`];
  if (s.read) lines.push(`- \`read\`: ${s.read}`);
  if (s.write) lines.push(`- \`write\`: ${s.write}${s.levels.includes('read') ? ' (includes read)' : ''}`);
  if (s.note) lines.push(`- ${s.note}`);
  const def = (d: Level | undefined) => (d ? `\`${d}\`` : 'not published');
  lines.push(`- Repository default: permissive ${def(s.permissive)}, restricted ${def(s.restricted)}`);
  return lines.join('\n');
}
