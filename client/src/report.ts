// Export Report (SARIF, JSON, Markdown through the bundled CLI) and the audit report panel (a webview over the
// last workspace audit and the published findings).
import * as vscode from 'vscode';
import type { AuditSummary, SeverityName } from '../../server/src/lsp/protocol.js';
import type { Cli } from './cli.js';
import { PLATFORM_LABELS, type EditorFinding, type FindingsStore } from './findings.js';
import { markdownReport, type CliFinding } from './reportMarkdown.js';

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
      text = markdownReport(list, { title: `FlowGuard report: ${folder.name}`, generated: new Date().toISOString(), docsUrl: (id) => docs.get(id) });
    }
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  output.info(`Export: ${findings} finding(s) as ${format} to ${target.fsPath} in ${Date.now() - t0} ms`);
  void vscode.window.showInformationMessage(`FlowGuard: report with ${findings} finding(s) written to ${vscode.workspace.asRelativePath(target)}.`, 'Open').then((c) => {
    if (c) void vscode.window.showTextDocument(target);
  });
  return { uri: target, format, findings };
}

const SEVERITY_ORDER: SeverityName[] = ['high', 'medium', 'low', 'info'];
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Report data the panel shows (also what the tests read back). */
export interface ReportModel {
  summary: AuditSummary;
  /** Workflows by how much token permission FlowGuard flagged as broader than needed. */
  broadestPermissions: { path: string; uri: string; findings: number }[];
  findings: { path: string; uri: string; line: number; character: number; ruleId: string; message: string; severity: string }[];
}

/** The editor's level of a finding (FlowGuard maps high -> error, medium and low -> warning, info -> information). */
const LEVELS: Record<number, string> = { 0: 'error', 1: 'warning', 2: 'info', 3: 'info' };

export function buildReportModel(summary: AuditSummary, findings: EditorFinding[]): ReportModel {
  const perms = new Map<string, { path: string; uri: string; findings: number }>();
  for (const f of findings) {
    if (f.ruleId !== 'excessive-permissions') continue;
    const key = f.uri.toString();
    const entry = perms.get(key) ?? { path: f.path, uri: key, findings: 0 };
    entry.findings++;
    perms.set(key, entry);
  }
  return {
    summary,
    broadestPermissions: [...perms.values()].sort((a, b) => b.findings - a.findings || a.path.localeCompare(b.path)),
    findings: findings.map((f) => ({
      path: f.path, uri: f.uri.toString(), line: f.range.start.line, character: f.range.start.character, ruleId: f.ruleId, message: f.message,
      severity: LEVELS[f.severity] ?? 'info',
    })),
  };
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
  const perms = model.broadestPermissions.length
    ? `<table><tr><th>workflow</th><th class="num">over-broad grants</th></tr>${model.broadestPermissions.map((p) => `<tr><td>${link(p.uri, 0, 0, p.path)}</td><td class="num">${p.findings}</td></tr>`).join('')}</table>`
    : '<p class="muted">No workflow was flagged by <code>excessive-permissions</code>.</p>';
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
.pill { border: 1px solid; border-radius: 9px; padding: 0 .5em; font-size: .85em; white-space: nowrap; }
a { color: var(--vscode-textLink-foreground); }
</style></head><body>
<h1>FlowGuard audit report</h1>
<p class="muted">${s.findings} finding(s) in ${s.perFile.length} of ${s.files} pipeline file(s); ${s.skipped} other YAML file(s) skipped; audited in ${(s.durationMs / 1000).toFixed(2)} s${s.cancelled ? ' (cancelled: partial)' : ''}.</p>
<div class="cards" id="totals">${cards}</div>
<h2>Where the risk sits: by rule</h2>${bars(s.byRule, (k) => k)}
<h2>By platform</h2>${bars(s.byPlatform, (k) => PLATFORM_LABELS[k] ?? k)}
<h2>Broadest token permissions</h2>${perms}
<h2>Files</h2><table><tr><th>file</th><th>kind</th><th class="num">findings</th><th>severity</th></tr>${files}</table>
<h2>Findings</h2><table><tr><th>level</th><th>where</th><th>rule</th><th>message</th></tr>${findings}</table>
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
document.addEventListener('click', (e) => {
  const a = e.target.closest('a[data-uri]');
  if (!a) return;
  e.preventDefault();
  vscode.postMessage({ type: 'open', uri: a.dataset.uri, line: Number(a.dataset.line), character: Number(a.dataset.character) });
});
</script></body></html>`;
}

/** The report panel: one at a time, refreshed when findings change. */
export class ReportPanel {
  private static current: ReportPanel | undefined;
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
      this.panel.webview.onDidReceiveMessage((m: { type: string; uri: string; line: number; character: number }) => {
        if (m.type !== 'open') return;
        const pos = new vscode.Position(m.line, m.character);
        void vscode.window.showTextDocument(vscode.Uri.parse(m.uri), { selection: new vscode.Range(pos, pos), viewColumn: vscode.ViewColumn.One });
      }),
    );
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
