// Export Report (SARIF, JSON, Markdown through the bundled CLI) and the audit report panel (a webview over the
// last workspace audit and the published findings).
import * as vscode from 'vscode';
import type { AuditSummary, SeverityName } from '../../server/src/lsp/protocol.js';
import type { Cli } from './cli.js';
import { PLATFORM_LABELS, type EditorFinding, type FindingsStore } from './findings.js';
import { markdownReport, noWriteScopes, tokenPermissionsFromCli, tokenTable, tokenTableNotes, type CliFinding, type CliPermissions, type TokenTable } from './reportMarkdown.js';

export type ReportFormat = 'sarif' | 'json' | 'markdown';
const EXTENSIONS: Record<ReportFormat, string> = { sarif: 'sarif', json: 'json', markdown: 'md' };

export interface ExportResult {
  uri: vscode.Uri;
  format: ReportFormat;
  findings: number;
}

/** Audits `folder` with the CLI in `format` and writes the report to `target` (both asked for when not given). */
export async function exportReport(cli: Cli, output: vscode.LogOutputChannel, format?: ReportFormat, target?: vscode.Uri): Promise<ExportResult | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('open a folder to export a report');
  if (!format) {
    const pick = await vscode.window.showQuickPick(
      [
        { label: 'SARIF 2.1.0', description: 'GitHub code scanning, SARIF viewers', format: 'sarif' as const },
        { label: 'JSON', description: 'one object per finding', format: 'json' as const },
        { label: 'Markdown', description: 'a readable summary and table', format: 'markdown' as const },
      ],
      { title: 'FlowGuard: Export Report', placeHolder: 'Report format' },
    );
    if (!pick) return undefined;
    format = pick.format;
  }
  target ??= await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(folder.uri, `flowguard-report.${EXTENSIONS[format]}`),
    filters: { [format.toUpperCase()]: [EXTENSIONS[format]] },
  });
  if (!target) return undefined;
  const settings = vscode.workspace.getConfiguration('flowguard', folder.uri);
  const args = ['audit', '.', '--format', format === 'markdown' ? 'json' : format, '--exit-zero', '--quiet',
    '--min-severity', settings.get<string>('minSeverity', 'info'), '--persona', settings.get<string>('persona', 'regular')];
  const t0 = Date.now();
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `FlowGuard: exporting a ${format.toUpperCase()} report`, cancellable: true },
    (_, token) => cli.run(args, folder.uri.fsPath, token),
  );
  if (result.code !== 0) throw new Error(`flowguard audit exited with ${result.code}: ${result.stderr.trim().split('\n').pop()}`);
  let text = result.stdout;
  let findings: number;
  if (format === 'sarif') {
    findings = (JSON.parse(text) as { runs: { results: unknown[] }[] }).runs.reduce((n, r) => n + r.results.length, 0);
  } else {
    const list = JSON.parse(text) as CliFinding[];
    findings = list.length;
    if (format === 'markdown') {
      const rules = await cli.listRules().catch(() => []);
      const docs = new Map(rules.map((r) => [r.id, r.docsUrl]));
      const tokenPermissions = await cliTokenPermissions(cli, folder.uri.fsPath, output);
      text = markdownReport(list, { title: `FlowGuard report: ${folder.name}`, generated: new Date().toISOString(), docsUrl: (id) => docs.get(id), tokenPermissions });
    }
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  output.info(`Export: ${findings} finding(s) as ${format} to ${target.fsPath} in ${Date.now() - t0} ms`);
  void vscode.window.showInformationMessage(`FlowGuard: report with ${findings} finding(s) written to ${vscode.workspace.asRelativePath(target)}.`, 'Open').then((c) => {
    if (c) void vscode.window.showTextDocument(target);
  });
  return { uri: target, format, findings };
}

/**
 * The token permissions of the folder's workflows from `flowguard permissions --format json` (the same solver and
 * config as the exported findings); undefined, with a log line, when the CLI fails (the report then has no table).
 */
async function cliTokenPermissions(cli: Cli, cwd: string, output: vscode.LogOutputChannel) {
  try {
    // Exit code 2 means some file could not be read: the others are still in the output.
    const r = await cli.run(['permissions', '.', '--format', 'json'], cwd);
    if (r.code !== 0 && r.code !== 2) throw new Error(`exited with ${r.code}: ${r.stderr.trim().split('\n').pop()}`);
    return tokenPermissionsFromCli(JSON.parse(r.stdout) as CliPermissions);
  } catch (e) {
    output.warn(`Export: no token permissions table: flowguard permissions ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}

const SEVERITY_ORDER: SeverityName[] = ['high', 'medium', 'low', 'info'];
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** Escaped text with `code` spans. */
const withCode = (s: string) => escapeHtml(s).replace(/`([^`]+)`/g, '<code>$1</code>');

/** Report data the panel shows (also what the tests read back). */
export interface ReportModel {
  summary: AuditSummary;
  /** Workflows ranked by the GITHUB_TOKEN their jobs get (last audit); undefined when the server did not send them. */
  broadestPermissions: TokenTable | undefined;
  findings: { path: string; uri: string; line: number; character: number; ruleId: string; message: string; severity: string }[];
}

/** The editor's level of a finding (FlowGuard maps high -> error, medium and low -> warning, info -> information). */
const LEVELS: Record<number, string> = { 0: 'error', 1: 'warning', 2: 'info', 3: 'info' };

export function buildReportModel(summary: AuditSummary, findings: EditorFinding[]): ReportModel {
  return {
    summary,
    broadestPermissions: summary.tokenPermissions ? tokenTable(summary.tokenPermissions) : undefined,
    findings: findings.map((f) => ({
      path: f.path, uri: f.uri.toString(), line: f.range.start.line, character: f.range.start.character, ruleId: f.ruleId, message: f.message,
      severity: LEVELS[f.severity] ?? 'info',
    })),
  };
}

type Link = (uri: string, line: number, character: number, text: string) => string;

/** Scope names as a tooltip. */
const scopesTitle = (scopes: readonly string[]) => (scopes.length ? ` title="${escapeHtml(scopes.join(', '))}"` : '');

function tokenHtml(table: TokenTable | undefined, link: Link): string {
  if (!table) return '<p class="muted">Run Audit Workspace with this version of the FlowGuard server to see the token permissions of each workflow.</p>';
  const notes = tokenTableNotes(table).map((n) => `<li>${withCode(n)}</li>`).join('');
  if (!table.rows.length) return `<p class="muted" id="token-permissions">${escapeHtml(noWriteScopes(table))}</p>`;
  const rows = table.rows.map((r) => {
    const jobs = r.jobs.length ? `<div class="muted jobs">${r.jobs.map((j) => link(r.uri, j.line, 0, j.text)).join('<br>')}</div>` : '';
    const excessTitle = [r.excessScopes.length ? `unneeded: ${r.excessScopes.join(', ')}` : '', r.undeterminedScopes.length ? `unknown: ${r.undeterminedScopes.join(', ')}` : ''].filter(Boolean).join('; ');
    return `<tr><td>${link(r.uri, r.line, r.character, r.path)}${jobs}</td><td>${escapeHtml(r.token)}</td>`
      + `<td class="num"${scopesTitle(r.writeScopes)}>${escapeHtml(r.writes)}</td><td class="num"${scopesTitle(r.neededScopes)}>${r.needed}</td>`
      + `<td class="num"${excessTitle ? ` title="${escapeHtml(excessTitle)}"` : ''}>${escapeHtml(r.excess)}</td></tr>`;
  }).join('');
  return `<table id="token-permissions"><tr><th>workflow</th><th>token</th><th class="num">write scopes granted</th><th class="num">needed</th><th class="num">excess</th></tr>${rows}</table><ul class="muted notes">${notes}</ul>`;
}

function bars(record: Record<string, number>, label: (k: string) => string, cls: (k: string) => string = () => ''): string {
  const entries = Object.entries(record).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (!entries.length) return '<p class="muted">None.</p>';
  const max = Math.max(...entries.map(([, n]) => n));
  return `<table class="bars">${entries
    // Widths as classes (w-<percent>, defined in the page's style block): the CSP allows no inline style attributes.
    .map(([k, n]) => `<tr><th>${escapeHtml(label(k))}</th><td><div class="bar w-${Math.max(2, Math.round((n / max) * 100))} ${cls(k)}"></div></td><td class="num">${n}</td></tr>`)
    .join('')}</table>`;
}

export function reportHtml(model: ReportModel, cspSource: string, nonce: string): string {
  const s = model.summary;
  const cards = SEVERITY_ORDER.map((sev) => `<div class="card ${sev}"><div class="n">${s.bySeverity[sev] ?? 0}</div><div>${sev}</div></div>`).join('');
  const link = (uri: string, line: number, character: number, text: string) =>
    `<a href="#" data-uri="${escapeHtml(uri)}" data-line="${line}" data-character="${character}">${escapeHtml(text)}</a>`;
  const files = s.perFile
    .map((f) => `<tr><td>${link(f.uri, 0, 0, f.path)}</td><td>${escapeHtml(f.kind)}</td><td class="num">${f.findings}</td><td>${SEVERITY_ORDER.filter((x) => f.bySeverity[x]).map((x) => `<span class="pill ${x}">${x} ${f.bySeverity[x]}</span>`).join(' ')}</td></tr>`)
    .join('');
  const perms = tokenHtml(model.broadestPermissions, link);
  const findings = model.findings
    .map((f) => `<tr><td><span class="pill ${f.severity}">${f.severity}</span></td><td>${link(f.uri, f.line, f.character, `${f.path}:${f.line + 1}`)}</td><td><code>${escapeHtml(f.ruleId)}</code></td><td>${escapeHtml(f.message)}</td></tr>`)
    .join('');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<title>FlowGuard report</title>
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1.5em 2em; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 1.6em; border-bottom: 1px solid var(--vscode-panel-border); padding-bottom: .2em; }
.muted { color: var(--vscode-descriptionForeground); }
.cards { display: flex; gap: 1em; } .card { padding: .6em 1.2em; border-radius: 6px; border: 1px solid var(--vscode-panel-border); min-width: 5em; text-align: center; }
.card .n { font-size: 1.8em; font-weight: 600; }
.high, .error { border-color: var(--vscode-problemsErrorIcon-foreground); } .medium, .low, .warning { border-color: var(--vscode-problemsWarningIcon-foreground); } .info { border-color: var(--vscode-problemsInfoIcon-foreground); }
.card.high .n { color: var(--vscode-problemsErrorIcon-foreground); } .card.medium .n, .card.low .n { color: var(--vscode-problemsWarningIcon-foreground); } .card.info .n { color: var(--vscode-problemsInfoIcon-foreground); }
table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: .25em .6em; vertical-align: top; } .num { text-align: right; }
table.bars th { width: 14em; font-weight: normal; } table.bars td:nth-child(2) { width: 70%; }
.bar { height: 1em; border-radius: 3px; background: var(--vscode-charts-blue); }
${Array.from({ length: 101 }, (_, i) => `.w-${i} { width: ${i}%; }`).join(' ')}
.jobs { font-size: .9em; } .notes { font-size: .9em; }
.pill { border: 1px solid; border-radius: 9px; padding: 0 .5em; font-size: .85em; white-space: nowrap; }
a { color: var(--vscode-textLink-foreground); }
button { font-family: inherit; color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: .3em .9em; border-radius: 2px; cursor: pointer; }
button:hover { background: var(--vscode-button-hoverBackground); }
</style></head><body>
<h1>FlowGuard audit report</h1>
<p class="muted">${s.findings} finding(s) in ${s.perFile.length} of ${s.files} pipeline file(s); ${s.skipped} other YAML file(s) skipped; audited in ${(s.durationMs / 1000).toFixed(2)} s${s.cancelled ? ' (cancelled: partial)' : ''}.
Totals, charts, files and token permissions are those of this audit; the findings list at the end follows your edits.</p>
<p><button id="reaudit" type="button">Audit again</button></p>
<div class="cards" id="totals">${cards}</div>
<h2>Where the risk sits: by rule</h2>${bars(s.byRule, (k) => k)}
<h2>By platform</h2>${bars(s.byPlatform, (k) => PLATFORM_LABELS[k] ?? k)}
<h2>Broadest token permissions</h2>${perms}
<h2>Files</h2><table><tr><th>file</th><th>kind</th><th class="num">findings</th><th>severity</th></tr>${files}</table>
<h2>Findings</h2><table><tr><th>level</th><th>where</th><th>rule</th><th>message</th></tr>${findings}</table>
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
document.getElementById('reaudit').addEventListener('click', () => vscode.postMessage({ type: 'audit' }));
document.addEventListener('click', (e) => {
  const a = e.target.closest('a[data-uri]');
  if (!a) return;
  e.preventDefault();
  vscode.postMessage({ type: 'open', uri: a.dataset.uri, line: Number(a.dataset.line), character: Number(a.dataset.character) });
});
</script></body></html>`;
}

/** Messages from the report page. */
export type ReportMessage = { type: 'open'; uri: string; line: number; character: number } | { type: 'audit' };

/** The report panel: one at a time, refreshed when findings change. */
export class ReportPanel {
  private static current: ReportPanel | undefined;
  /** The panel on screen, if any. */
  static get open(): ReportPanel | undefined {
    return ReportPanel.current;
  }
  private readonly disposables: vscode.Disposable[] = [];
  readonly panel: vscode.WebviewPanel;
  model: ReportModel;

  static show(store: FindingsStore, summary: AuditSummary): ReportPanel {
    if (ReportPanel.current) {
      ReportPanel.current.update(summary);
      ReportPanel.current.panel.reveal();
      return ReportPanel.current;
    }
    ReportPanel.current = new ReportPanel(store, summary);
    return ReportPanel.current;
  }

  private constructor(private readonly store: FindingsStore, summary: AuditSummary) {
    this.panel = vscode.window.createWebviewPanel('flowguard.report', 'FlowGuard Report', vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [] });
    this.model = buildReportModel(summary, store.all());
    this.render();
    this.disposables.push(
      this.panel.onDidDispose(() => this.dispose()),
      store.onDidChange(() => this.update(store.lastAudit ?? this.model.summary)),
      this.panel.webview.onDidReceiveMessage((m: ReportMessage) => void this.receive(m)),
    );
  }

  /** What the page asks for: open a finding's place, or audit again (the panel then shows the new audit). */
  async receive(m: ReportMessage): Promise<void> {
    if (m.type === 'audit') {
      await vscode.commands.executeCommand('flowguard.auditWorkspace');
      return;
    }
    if (m.type !== 'open') return;
    const pos = new vscode.Position(m.line, m.character);
    await vscode.window.showTextDocument(vscode.Uri.parse(m.uri), { selection: new vscode.Range(pos, pos), viewColumn: vscode.ViewColumn.One });
  }

  private update(summary: AuditSummary): void {
    this.model = buildReportModel(summary, this.store.all());
    this.render();
  }

  private render(): void {
    const nonce = Array.from({ length: 24 }, () => Math.floor(Math.random() * 36).toString(36)).join('');
    this.panel.webview.html = reportHtml(this.model, this.panel.webview.cspSource, nonce);
  }

  private dispose(): void {
    ReportPanel.current = undefined;
    for (const d of this.disposables) d.dispose();
  }
}
