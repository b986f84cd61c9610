// Command palette entries. Each command sends requests to the server (or runs the bundled CLI) and shows the
// outcome; commands return their result too, so tests and other extensions can call them with executeCommand.
import * as vscode from 'vscode';
import { promptToken } from './credentials.js';
import { WorkDoneProgress, type WorkDoneProgressBegin, type WorkDoneProgressReport } from 'vscode-languageclient/node';
import {
  AUDIT_WORKSPACE_REQUEST,
  FIX_ALL_REQUEST,
  type AuditSummary,
  type AuditWorkspaceParams,
  type FixAllParams,
  type FixAllResult,
} from '../../server/src/lsp/protocol.js';
import type { Cli } from './cli.js';
import { createConfigFile } from './configFile.js';
import { showPermissions } from './permissions.js';
import type { EditorFinding, FindingsStore } from './findings.js';
import type { FindingsView } from './findingsView.js';
import type { FlowGuardClient } from './languageClient.js';
import { exportReport, ReportPanel, type ReportFormat } from './report.js';
import { openRuleDocs, pickRule } from './ruleDocs.js';
import { formatSummary, headline } from './summary.js';

export const COMMANDS = {
  auditWorkspace: 'flowguard.auditWorkspace',
  auditFile: 'flowguard.auditFile',
  fixAllInFile: 'flowguard.fixAllInFile',
  fixAllInWorkspace: 'flowguard.fixAllInWorkspace',
  showPermissions: 'flowguard.showPermissions',
  exportReport: 'flowguard.exportReport',
  showReport: 'flowguard.showReport',
  openRuleDocs: 'flowguard.openRuleDocs',
  createConfig: 'flowguard.createConfig',
  restartServer: 'flowguard.restartServer',
  showOutput: 'flowguard.showOutput',
  fixFinding: 'flowguard.fixFinding',
  ignoreFinding: 'flowguard.ignoreFinding',
  groupByRule: 'flowguard.groupByRule',
  groupByPlatform: 'flowguard.groupByPlatform',
  setGitHubToken: 'flowguard.setGitHubToken',
  setKestraToken: 'flowguard.setKestraToken',
} as const;

export interface Services {
  context: vscode.ExtensionContext;
  flowguard: FlowGuardClient;
  output: vscode.LogOutputChannel;
  store: FindingsStore;
  view: FindingsView;
  cli: Cli;
}

let progressTokens = 0;

/** A CancellationToken passed as a command argument (arguments from the same extension host arrive unserialised). */
function isCancellationToken(arg: unknown): arg is vscode.CancellationToken {
  const t = arg as vscode.CancellationToken | undefined;
  return typeof t === 'object' && t !== null && typeof t.isCancellationRequested === 'boolean' && typeof t.onCancellationRequested === 'function';
}

/**
 * Audits every workspace folder. The request stops (the summary then says `cancelled: true`) when the user
 * cancels the progress notification or when `options.token`, a caller's token, is cancelled.
 */
async function auditWorkspace({ flowguard, output, store }: Services, options: { quiet?: boolean; token?: vscode.CancellationToken } = {}): Promise<AuditSummary | undefined> {
  const client = flowguard.running;
  const summary = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'FlowGuard: auditing the workspace', cancellable: true },
    async (progress, userCancel) => {
      const cancel = new vscode.CancellationTokenSource();
      const subs = [userCancel, options.token].filter((t): t is vscode.CancellationToken => !!t).map((t) => {
        if (t.isCancellationRequested) cancel.cancel();
        return t.onCancellationRequested(() => cancel.cancel());
      });
      // Client-created progress token: the server reports percentages on it (see protocol.ts).
      const token = `flowguard-audit-${process.pid}-${++progressTokens}`;
      let done = 0;
      const sub = client.onProgress(WorkDoneProgress.type, token, (value) => {
        if (value.kind === 'end') return;
        const v = value as WorkDoneProgressBegin | WorkDoneProgressReport;
        const increment = v.percentage !== undefined ? Math.max(0, v.percentage - done) : undefined;
        if (v.percentage !== undefined) done = Math.max(done, v.percentage);
        progress.report({ message: v.message, increment });
      });
      try {
        if (cancel.token.isCancellationRequested) return undefined; // cancelled before the request went out
        const params: AuditWorkspaceParams = { workDoneToken: token };
        return await client.sendRequest<AuditSummary>(AUDIT_WORKSPACE_REQUEST, params, cancel.token);
      } finally {
        sub.dispose();
        for (const s of subs) s.dispose();
        cancel.dispose();
      }
    },
  );
  if (!summary) return undefined;
  store.recordAudit(summary);
  for (const line of formatSummary(summary)) output.info(line);
  if (!options.quiet) {
    void vscode.window
      .showInformationMessage(`FlowGuard: ${headline(summary)}`, 'Show Report', 'Show Problems', 'Show Output')
      .then((choice) => {
        if (choice === 'Show Report') void vscode.commands.executeCommand(COMMANDS.showReport);
        if (choice === 'Show Problems') void vscode.commands.executeCommand('workbench.actions.view.problems');
        if (choice === 'Show Output') output.show(true);
      });
  }
  return summary;
}

async function documentFor(uri?: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!document) void vscode.window.showWarningMessage('FlowGuard: open a pipeline file first.');
  return document;
}

/** Waits until the server has published diagnostics for the document's current version (or `ms` passed). */
async function settled(uri: vscode.Uri, ms = 3000): Promise<void> {
  const has = () => vscode.languages.getDiagnostics(uri).length > 0;
  if (has()) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => e.uris.some((u) => u.toString() === uri.toString()) && done());
    function done() {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    }
  });
}

/** A finding as plain data (command results cross the extension host boundary as JSON). */
export interface FindingData {
  uri: string;
  path: string;
  ruleId: string;
  message: string;
  line: number;
  character: number;
}

async function auditFile({ output, store, view }: Services, uri?: vscode.Uri): Promise<FindingData[] | undefined> {
  const document = await documentFor(uri);
  if (!document) return undefined;
  await settled(document.uri);
  const findings = store.all().filter((f) => f.uri.toString() === document.uri.toString());
  const name = vscode.workspace.asRelativePath(document.uri);
  output.info(`File audit: ${name}: ${findings.length} finding(s)`);
  for (const f of findings) output.info(`  ${name}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.ruleId}: ${f.message}`);
  void vscode.window.showInformationMessage(`FlowGuard: ${findings.length} finding${findings.length === 1 ? '' : 's'} in ${name}.`);
  if (findings.length && view) void vscode.commands.executeCommand('flowguard.findings.focus');
  return findings.map((f) => ({ uri: f.uri.toString(), path: f.path, ruleId: f.ruleId, message: f.message, line: f.range.start.line, character: f.range.start.character }));
}

async function fixAllInFile({ flowguard, output }: Services, uri?: vscode.Uri): Promise<FixAllResult | undefined> {
  const document = await documentFor(uri);
  if (!document) return undefined;
  const params: FixAllParams = { uri: document.uri.toString(), version: document.version, apply: true };
  const result = await flowguard.running.sendRequest<FixAllResult>(FIX_ALL_REQUEST, params);
  const name = vscode.workspace.asRelativePath(document.uri);
  if (result.applied) {
    output.info(`Fix all: applied ${result.fixes} safe fix(es) to ${name}`);
    void vscode.window.showInformationMessage(`FlowGuard: applied ${result.fixes} safe fix${result.fixes === 1 ? '' : 'es'} to ${name}.`);
  } else {
    const why = result.fixes === 0 ? 'no safe fixes to apply' : (result.reason ?? 'the edit was not applied');
    output.info(`Fix all: ${name}: ${why}`);
    void vscode.window.showInformationMessage(`FlowGuard: ${name}: ${why}.`);
  }
  return result;
}

export interface WorkspaceFixResult {
  files: number;
  fixes: number;
  applied: boolean;
}

/**
 * Safe fixes of every file with findings, as one workspace edit. How it is applied (`options.preview`):
 * - not given (the command palette): a modal dialog lists the files and their fix counts and offers Apply, or Review
 *   in VS Code's refactor preview;
 * - `true`: straight to the refactor preview (entries marked needsConfirmation, which VS Code shows unchecked: the
 *   user ticks what to apply);
 * - `false`: applied directly (automation).
 * Cancelling while the fixes are computed applies nothing.
 */
async function fixAllInWorkspace(services: Services, options: { preview?: boolean } = {}): Promise<WorkspaceFixResult | undefined> {
  const { flowguard, output, store } = services;
  if (!store.lastAudit) await auditWorkspace(services, { quiet: true });
  const uris = [...new Map(store.all().map((f) => [f.uri.toString(), f.uri])).values()];
  const planned: { uri: vscode.Uri; fixes: number; edits: FixAllResult['edits'] }[] = [];
  const cancelled = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'FlowGuard: computing safe fixes', cancellable: true }, async (progress, cancel) => {
    for (const uri of uris) {
      if (cancel.isCancellationRequested) return true;
      progress.report({ message: vscode.workspace.asRelativePath(uri), increment: 100 / uris.length });
      const document = await vscode.workspace.openTextDocument(uri); // the server fixes open documents
      const params: FixAllParams = { uri: uri.toString(), version: document.version, apply: false };
      const result = await flowguard.running.sendRequest<FixAllResult>(FIX_ALL_REQUEST, params, cancel);
      if (result.edits.length) planned.push({ uri, fixes: result.fixes, edits: result.edits });
    }
    return cancel.isCancellationRequested;
  });
  const files = planned.length;
  const fixes = planned.reduce((n, p) => n + p.fixes, 0);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : word.endsWith('x') ? 'es' : 's'}`;
  if (cancelled) {
    output.info('Fix all (workspace): cancelled while computing fixes; nothing applied');
    return { files, fixes, applied: false };
  }
  if (!fixes) {
    void vscode.window.showInformationMessage('FlowGuard: no safe fixes to apply in the workspace.');
    output.info('Fix all (workspace): no safe fixes');
    return { files: 0, fixes: 0, applied: false };
  }
  let review = options.preview === true;
  if (options.preview === undefined) {
    const APPLY = 'Apply';
    const REVIEW = 'Review in Refactor Preview';
    const detail = planned
      .map((p) => `${vscode.workspace.asRelativePath(p.uri)}: ${plural(p.fixes, 'fix')}`)
      .sort()
      .join('\n');
    const choice = await vscode.window.showInformationMessage(
      `Apply ${plural(fixes, 'safe fix')} in ${plural(files, 'file')}?`,
      { modal: true, detail: `${detail}\n\nSafe fixes change nothing but the findings they fix. Review shows every edit first.` },
      APPLY,
      REVIEW,
    );
    if (!choice) {
      output.info('Fix all (workspace): dismissed; nothing applied');
      return { files, fixes, applied: false };
    }
    review = choice === REVIEW;
  }
  const edit = new vscode.WorkspaceEdit();
  for (const p of planned) {
    const metadata: vscode.WorkspaceEditEntryMetadata = { label: plural(p.fixes, 'safe fix'), needsConfirmation: review };
    for (const e of p.edits) {
      const range = new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character);
      edit.replace(p.uri, range, e.newText, metadata);
    }
  }
  // The refactor preview starts with every entry unchecked (VS Code's rule for needsConfirmation edits): say so.
  if (review) void vscode.window.showInformationMessage('FlowGuard: tick the files or fixes to apply in the Refactor Preview, then Apply.');
  const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  output.info(`Fix all (workspace): ${fixes} safe fix(es) in ${files} file(s) ${applied ? 'applied' : 'not applied'}`);
  return { files, fixes, applied };
}

type ViewNode = { type: 'finding'; finding: EditorFinding } | { type: 'rule'; ruleId: string } | { type: string };

function findingOf(arg: unknown): EditorFinding | undefined {
  const node = arg as ViewNode | undefined;
  return node?.type === 'finding' ? (node as { finding: EditorFinding }).finding : undefined;
}

async function quickFixesFor(f: EditorFinding): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', f.uri, f.range, vscode.CodeActionKind.QuickFix.value, 20);
  return (actions ?? []).filter((a): a is vscode.CodeAction => 'edit' in a && !!a.edit);
}

/** Inserted text of an action's edit: how an ignore action is told apart from a fix (by the rule id it writes). */
const inserted = (a: vscode.CodeAction, uri: vscode.Uri) => (a.edit?.get(uri) ?? []).map((e) => e.newText).join('');

async function fixFinding(arg: unknown): Promise<boolean> {
  const f = findingOf(arg);
  if (!f) return false;
  const ignoreMarker = `flowguard: ignore[${f.ruleId}]`;
  const fixes = (await quickFixesFor(f)).filter((a) => !inserted(a, f.uri).includes(ignoreMarker));
  if (!fixes.length) {
    void vscode.window.showInformationMessage(`FlowGuard: ${f.ruleId} has no automatic fix here; see its documentation.`);
    return false;
  }
  // The rule's preferred (safe) fix when it has one, as the Problems panel's "fix" does; otherwise ask.
  const preferred = fixes.find((a) => a.isPreferred);
  const chosen = preferred ?? (fixes.length === 1 ? fixes[0] : (await vscode.window.showQuickPick(fixes.map((a) => ({ label: a.title, action: a })), { title: 'FlowGuard: apply a fix' }))?.action);
  return chosen?.edit ? vscode.workspace.applyEdit(chosen.edit) : false;
}

async function ignoreFinding(arg: unknown, reason?: string): Promise<boolean> {
  const f = findingOf(arg);
  if (!f) return false;
  const marker = `flowguard: ignore[${f.ruleId}]`;
  const ignore = (await quickFixesFor(f)).find((a) => inserted(a, f.uri).includes(marker));
  if (!ignore?.edit) {
    void vscode.window.showInformationMessage(`FlowGuard: ${f.ruleId} cannot be ignored with a comment here.`);
    return false;
  }
  reason ??= await vscode.window.showInputBox({ title: `Ignore ${f.ruleId} here`, prompt: 'Why is this finding acceptable? (kept in the comment)', placeHolder: 'reason' });
  if (reason === undefined) return false;
  const edit = new vscode.WorkspaceEdit();
  const oneLine = reason.replace(/\s+/g, ' ').trim();
  for (const e of ignore.edit.get(f.uri)) edit.replace(f.uri, e.range, oneLine ? e.newText.replace(marker, `${marker} ${oneLine}`) : e.newText);
  return vscode.workspace.applyEdit(edit);
}

/** Runs a command, logging and showing any failure instead of leaving it in the extension host log. */
function guarded<A extends unknown[], R>(output: vscode.LogOutputChannel, name: string, fn: (...args: A) => Promise<R>) {
  return async (...args: A): Promise<R | undefined> => {
    try {
      return await fn(...args);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      output.error(`${name} failed: ${message}`);
      void vscode.window.showErrorMessage(`FlowGuard: ${name} failed: ${message}`, 'Show Output').then((c) => c && output.show(true));
      return undefined;
    }
  };
}

export function registerCommands(services: Services): void {
  const { context, flowguard, output, store, view, cli } = services;
  const register = (id: string, name: string, fn: (...args: any[]) => Promise<unknown>) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, guarded(output, name, fn)));
  // An optional CancellationToken argument lets another extension (or a test) stop the audit it started.
  register(COMMANDS.auditWorkspace, 'Audit Workspace', (token?: unknown) => auditWorkspace(services, { token: isCancellationToken(token) ? token : undefined }));
  register(COMMANDS.auditFile, 'Audit Current File', (uri?: vscode.Uri) => auditFile(services, uri instanceof vscode.Uri ? uri : undefined));
  register(COMMANDS.fixAllInFile, 'Fix All Safe Problems in File', (uri?: vscode.Uri) => fixAllInFile(services, uri instanceof vscode.Uri ? uri : undefined));
  register(COMMANDS.fixAllInWorkspace, 'Fix All Safe Problems in Workspace', (options?: { preview?: boolean }) => fixAllInWorkspace(services, options));
  register(COMMANDS.showPermissions, 'Show Least-Privilege Permissions', (uri?: vscode.Uri) => showPermissions(cli, output, uri instanceof vscode.Uri ? uri : undefined));
  register(COMMANDS.exportReport, 'Export Report', (format?: ReportFormat, target?: vscode.Uri) => exportReport(cli, output, format, target));
  register(COMMANDS.showReport, 'Show Report', async () => {
    const summary = store.lastAudit ?? (await auditWorkspace(services, { quiet: true }));
    return summary ? ReportPanel.show(store, summary).model : undefined;
  });
  register(COMMANDS.openRuleDocs, 'Open Rule Documentation', async (arg?: unknown) => {
    const fromNode = (arg as { ruleId?: string; finding?: EditorFinding } | undefined);
    const ruleId = typeof arg === 'string' ? arg : (fromNode?.ruleId ?? fromNode?.finding?.ruleId ?? (await pickRule(cli, [...new Set(store.all().map((f) => f.ruleId))])));
    return ruleId ? openRuleDocs(flowguard, context.globalStorageUri, ruleId) : undefined;
  });
  register(COMMANDS.createConfig, 'Create Configuration File', () => createConfigFile());
  register(COMMANDS.restartServer, 'Restart Server', async () => {
    await flowguard.restart();
    output.info('Language server restarted');
  });
  register(COMMANDS.showOutput, 'Show Output', async () => output.show(true));
  register(COMMANDS.fixFinding, 'Fix', (node: unknown) => fixFinding(node));
  register(COMMANDS.ignoreFinding, 'Ignore', (node: unknown, reason?: string) => ignoreFinding(node, reason));
  register(COMMANDS.groupByRule, 'Group by Rule', async () => view.setGroupBy('rule'));
  register(COMMANDS.groupByPlatform, 'Group by Platform', async () => view.setGroupBy('platform'));
  const setToken = (which: 'github' | 'kestra', name: string) => async () => {
    if (await promptToken(context, which)) {
      output.info(`${name}: stored in secret storage; restarting the language server`);
      await flowguard.restart();
    }
  };
  register(COMMANDS.setGitHubToken, 'Set GitHub Token', setToken('github', 'Set GitHub Token'));
  register(COMMANDS.setKestraToken, 'Set Kestra Token', setToken('kestra', 'Set Kestra Token'));
}
