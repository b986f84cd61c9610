// The FlowGuard language server's custom protocol: request names and shapes shared with clients (the
// VS Code client imports this file; other editors can send the same JSON). Keep names and shapes stable.
//
// Requests (client -> server):
//   flowguard/auditWorkspace  AuditWorkspaceParams -> AuditSummary
//       Walks the workspace folders (or `folders`) for YAML files, skipping node_modules, .git and the
//       `flowguard.exclude` globs; lints each (kind detection decides what is a pipeline file), publishes
//       diagnostics for files that are not open, and returns the totals. Reports progress through
//       window/workDoneProgress (percentage; pass `workDoneToken` or let the server create the progress)
//       and stops early, returning what it has with `cancelled: true`, when the request or the progress
//       is cancelled. `tokenPermissions` ranks the GitHub workflows by the GITHUB_TOKEN their jobs get.
//   flowguard/fixAll          FixAllParams -> FixAllResult
//       Safe fixes of one file (open: its current text; not open: the file on disk inside a workspace
//       folder, `version` -1). With `apply` (default true) the server sends them with workspace/applyEdit;
//       otherwise it only returns the edits (for a preview). Refused (`applied: false`, `reason`) when
//       `version` is given and the open document has moved on.
//   flowguard/ruleDocs        RuleDocsParams -> RuleDocsResult
//       The rule's documentation as Markdown (from the docs shipped in dist/docs/rules), title and links.
//
// Code action kinds: quick fixes are `quickfix`; fix-all is `source.fixAll.flowguard` (safe fixes only,
// so `"editor.codeActionsOnSave": { "source.fixAll.flowguard": "explicit" }` works).
//
// Settings: section `flowguard`, read with workspace/configuration per document (see FlowGuardSettings);
// `.flowguard.yml` / `.flowguard.yaml` / `.github/flowguard.yml` in a workspace folder wins over them.
//
// Initialization options (optional): InitializationOptions.
//
// This module has no runtime dependencies so any client can import it.

export const AUDIT_WORKSPACE_REQUEST = 'flowguard/auditWorkspace';
export const FIX_ALL_REQUEST = 'flowguard/fixAll';
export const RULE_DOCS_REQUEST = 'flowguard/ruleDocs';
export const FIX_ALL_CODE_ACTION_KIND = 'source.fixAll.flowguard';
/** Diagnostic `source` of every FlowGuard diagnostic. */
export const DIAGNOSTIC_SOURCE = 'flowguard';

export type SeverityName = 'high' | 'medium' | 'low' | 'info';
export type PlatformName = 'github' | 'gitlab' | 'kestra';

export interface AuditWorkspaceParams {
  /** Workspace folder URIs to audit; all workspace folders when omitted. */
  folders?: string[];
  /** Progress token created by the client (window/workDoneProgress/create not needed then). */
  workDoneToken?: string | number;
}

export interface AuditFileSummary {
  uri: string;
  /** Path relative to its workspace folder, forward slashes. */
  path: string;
  kind: string;
  findings: number;
  bySeverity: Record<SeverityName, number>;
}

export interface AuditSummary {
  /** Files linted (recognised pipeline files; other YAML is counted in `skipped`). */
  files: number;
  /** YAML files that were not pipeline files, were excluded by config, or could not be read. */
  skipped: number;
  /** Total findings (not suppressed). */
  findings: number;
  bySeverity: Record<SeverityName, number>;
  byRule: Record<string, number>;
  byPlatform: Record<string, number>;
  /** Files with at least one finding, most findings first. */
  perFile: AuditFileSummary[];
  /** Files that could not be read (path and reason). */
  errors: { path: string; message: string }[];
  cancelled: boolean;
  durationMs: number;
  /**
   * Every GitHub workflow linted, broadest token first (`compareTokenBreadth`). Optional: older servers
   * do not send it.
   */
  tokenPermissions?: WorkflowTokenPermissions[];
}

/**
 * Where a job's GITHUB_TOKEN comes from: `write-all`; no block, so the repository default (`default-*`,
 * from `default-permissions` in `.flowguard.yml` or the `defaultPermissions` setting; `unknown` may be
 * anything up to permissive); a block naming scopes; `read-all`; `caller` (a workflow only run through
 * workflow_call without a block gets the calling job's token); `invalid` (a block GitHub rejects).
 */
export type TokenGrantKind = 'write-all' | 'default-permissive' | 'default-unknown' | 'scopes' | 'read-all' | 'default-restricted' | 'caller' | 'invalid';

export interface JobTokenPermissions {
  job: string;
  grant: TokenGrantKind;
  /** 0-based line of the permissions block that applies, or of the job when none does. */
  line: number;
  /** Write scopes the job's token gets (`default-unknown`: at most). */
  writes: number;
  /** Of those, how many a step of the job needs. */
  needed: number;
  /** writes - needed; null when a step could not be analysed (unused scopes cannot be told). */
  excess: number | null;
}

/** One GitHub workflow's token permissions. Scope lists are in GitHub's order. */
export interface WorkflowTokenPermissions {
  uri: string;
  /** Path relative to its workspace folder, forward slashes. */
  path: string;
  /** The broadest grant among the jobs, and where it is written (0-based; the job when no block applies). */
  grant: TokenGrantKind;
  job?: string;
  line: number;
  character: number;
  /** Write scopes at least one job gets. */
  writes: string[];
  /** Write scopes at least one job gets and needs. */
  needed: string[];
  /** Write scopes at least one fully analysed job gets without needing them. */
  excess: string[];
  /** Write scopes granted to a job FlowGuard could not fully analyse, beyond what it was found to need. */
  undetermined: string[];
  jobs: JobTokenPermissions[];
}

const GRANT_TIER: Record<TokenGrantKind, number> = {
  'write-all': 0,
  'default-permissive': 0,
  'default-unknown': 1,
  scopes: 2,
  'read-all': 2,
  'default-restricted': 2,
  caller: 2,
  invalid: 2,
};

/**
 * Broadest first: write-all or a permissive default, then an unknown default, then the rest; within a tier,
 * more write scopes, then more excess, then the path.
 */
export function compareTokenBreadth(a: WorkflowTokenPermissions, b: WorkflowTokenPermissions): number {
  return (GRANT_TIER[a.grant] ?? 2) - (GRANT_TIER[b.grant] ?? 2) || b.writes.length - a.writes.length || b.excess.length - a.excess.length || a.path.localeCompare(b.path);
}

export interface FixAllParams {
  uri: string;
  /** Document version the client saw; the fix is refused when the server's document differs. */
  version?: number;
  /** Send the edit with workspace/applyEdit (default true); false only returns it. */
  apply?: boolean;
}

/** A text edit in LSP coordinates (0-based lines, UTF-16 characters). */
export interface WireTextEdit {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}

export interface FixAllResult {
  uri: string;
  /** Document version the edits apply to; -1 for a file that is not open (edits against the disk). */
  version: number;
  /** Number of fixes in the edit. */
  fixes: number;
  /** The edits (against `version`); empty when there is nothing to fix. */
  edits: WireTextEdit[];
  /** True when the client accepted the workspace/applyEdit. */
  applied: boolean;
  /** Why nothing was applied (stale version, unknown document, client refused...). */
  reason?: string;
}

export interface RuleDocsParams {
  ruleId: string;
}

export interface RuleDocsResult {
  ruleId: string;
  title: string;
  platform: string;
  /** The rule doc's Markdown; a generated summary for engine rules without a doc. */
  markdown: string;
  /** file:// URI of the shipped doc, when present. */
  localUri?: string;
  /** The doc on the web. */
  webUrl: string;
}

/** `flowguard.*` settings as the server reads them (all optional on the wire; defaults in settings.ts). */
export interface FlowGuardSettings {
  enable: boolean;
  platforms: Record<PlatformName, boolean>;
  persona: 'regular' | 'pedantic' | 'auditor';
  minSeverity: SeverityName;
  /** Globs (workspace-relative) of files never linted. */
  exclude: string[];
  /** Glob -> document kind (`github-workflow`, `github-action`, `gitlab-ci`, `kestra-flow`...). */
  associations: Record<string, string>;
  run: 'onType' | 'onSave';
  debounceMs: number;
  defaultPermissions: 'unknown' | 'restricted' | 'permissive';
  /** Where diagnostic links and hover links point: the docs shipped with the server, or the web. */
  docsLinks: 'local' | 'web';
  online: { enabled: boolean };
  kestra: { url: string };
}

export interface InitializationOptions {
  /** False in an untrusted (restricted mode) workspace: online features stay off whatever the settings. */
  trusted?: boolean;
  /** Settings to use when the client does not support workspace/configuration. */
  settings?: Partial<FlowGuardSettings>;
  /**
   * Credentials for the Kestra instance at `flowguard.kestra.url` (the VS Code client keeps them in secret
   * storage). Used only when `online.enabled` is on and the workspace is trusted.
   */
  kestraAuth?: { token?: string; username?: string; password?: string };
  /** Kestra Enterprise tenant id (the schema is read from /api/v1/<tenant>/plugins/schemas/flow). */
  kestraTenant?: string;
  /** A directory the server may write caches to (VS Code: the extension's global storage). */
  storageDir?: string;
  /** Token for GitHub's API in online mode (VS Code: from secret storage or the GitHub sign-in); optional. */
  githubToken?: string;
  /** GitHub Enterprise Server API base (https://HOST/api/v3); default api.github.com. */
  githubApiUrl?: string;
}
