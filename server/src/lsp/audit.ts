// Workspace audit: walk the folders for YAML files, lint each (kind detection decides which are pipeline
// files), hand each result to the caller (who publishes diagnostics), and total everything up, with the
// token permissions of every GitHub workflow. Yields to the event loop between files so edits and other
// requests keep being served during a long audit.
import { join } from 'node:path';
import { LineIndex, type Finding, type LintResult } from '../engine/index.js';
import type { WorkflowTokenGrants } from '../engine/permissions/grants.js';
import { platformFor } from '../engine/platforms/index.js';
import { compareTokenBreadth, type AuditFileSummary, type AuditSummary, type SeverityName, type WorkflowTokenPermissions } from './protocol.js';
import { findYamlFiles, type WorkspaceFolder } from './workspace.js';

export interface AuditFile {
  folder: WorkspaceFolder;
  /** Folder-relative path, forward slashes. */
  path: string;
  fsPath: string;
}

export interface AuditHooks {
  /** Globs excluded in this folder (editor `exclude`; config `ignore-paths` are applied by the engine). */
  exclude(folder: WorkspaceFolder): readonly string[];
  /** Lints one file; `undefined` with an error message when it could not be read. `text`: what was linted. */
  lintFile(file: AuditFile): Promise<{ uri: string; result?: LintResult; text?: string; error?: string }>;
  progress(done: number, total: number, message: string): void;
  cancelled(): boolean;
}

const emptySeverities = (): Record<SeverityName, number> => ({ high: 0, medium: 0, low: 0, info: 0 });
const tick = () => new Promise<void>((r) => setImmediate(r));

export async function auditWorkspace(folders: readonly WorkspaceFolder[], hooks: AuditHooks): Promise<AuditSummary> {
  const started = performance.now();
  const summary: AuditSummary = {
    files: 0,
    skipped: 0,
    findings: 0,
    bySeverity: emptySeverities(),
    byRule: {},
    byPlatform: {},
    perFile: [],
    errors: [],
    cancelled: false,
    durationMs: 0,
    tokenPermissions: [],
  };
  const files: AuditFile[] = [];
  for (const folder of folders) {
    hooks.progress(0, 0, `Looking for YAML files in ${folder.name}`);
    const paths = await findYamlFiles(folder.fsPath, { exclude: hooks.exclude(folder), cancelled: hooks.cancelled });
    for (const path of paths) files.push({ folder, path, fsPath: join(folder.fsPath, path) });
    if (hooks.cancelled()) break;
  }
  let lastYield = performance.now();
  for (let i = 0; i < files.length && !hooks.cancelled(); i++) {
    const file = files[i];
    hooks.progress(i, files.length, file.path);
    const { uri, result, text, error } = await hooks.lintFile(file);
    if (error !== undefined || !result) {
      summary.skipped++;
      if (error) summary.errors.push({ path: file.path, message: error });
    } else if (result.skipped || result.kind === 'unknown') {
      summary.skipped++;
    } else {
      summary.files++;
      add(summary, uri, file.path, result);
      const token = result.tokenGrants && text !== undefined ? tokenPermissions(uri, file.path, text, result.tokenGrants) : undefined;
      if (token) summary.tokenPermissions!.push(token);
    }
    // Keep the server responsive: let queued messages run every few milliseconds.
    if (performance.now() - lastYield > 8) {
      await tick();
      lastYield = performance.now();
    }
  }
  summary.cancelled = hooks.cancelled();
  hooks.progress(files.length, files.length, summary.cancelled ? 'Cancelled' : 'Done');
  summary.perFile.sort((a, b) => b.findings - a.findings || a.path.localeCompare(b.path));
  summary.tokenPermissions!.sort(compareTokenBreadth);
  summary.durationMs = Math.round(performance.now() - started);
  return summary;
}

function add(summary: AuditSummary, uri: string, path: string, result: LintResult): void {
  const findings = result.findings.filter((f: Finding) => !f.suppressed);
  if (!findings.length) return;
  const file: AuditFileSummary = { uri, path, kind: result.kind, findings: findings.length, bySeverity: emptySeverities() };
  const platform = platformFor(result.kind)?.platform ?? 'core';
  for (const f of findings) {
    summary.findings++;
    summary.bySeverity[f.severity]++;
    file.bySeverity[f.severity]++;
    summary.byRule[f.ruleId] = (summary.byRule[f.ruleId] ?? 0) + 1;
    summary.byPlatform[platform] = (summary.byPlatform[platform] ?? 0) + 1;
  }
  summary.perFile.push(file);
}

/** The wire form of a workflow's token grants (lines for links, scope lists for the broadest-permissions table). */
function tokenPermissions(uri: string, path: string, text: string, grants: () => WorkflowTokenGrants): WorkflowTokenPermissions | undefined {
  let g: WorkflowTokenGrants;
  try {
    g = grants();
  } catch {
    // Left out of the table; the permission rules, when enabled, report the same crash as an internal-error finding.
    return undefined;
  }
  if (!g.broadest) return undefined;
  const lines = new LineIndex(text);
  const at = lines.position(g.broadest.span.start);
  return {
    uri,
    path,
    grant: g.broadest.kind,
    job: g.broadest.job,
    line: at.line,
    character: at.character,
    writes: g.writes,
    needed: g.needed,
    excess: g.excess,
    undetermined: g.undetermined,
    jobs: g.jobs.map((j) => ({
      job: j.job,
      grant: j.kind,
      line: lines.position(j.span.start).line,
      writes: j.writes.length,
      needed: j.needed.length,
      excess: j.excess === 'unknown' ? null : j.excess.length,
    })),
  };
}
