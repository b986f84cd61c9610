// Command palette entries. Each command sends one request to the server and shows the outcome; the commands
// return their result too, so tests (and other extensions) can call them with executeCommand.
import * as vscode from 'vscode';
import { WorkDoneProgress, type WorkDoneProgressBegin, type WorkDoneProgressReport } from 'vscode-languageclient/node';
import {
  AUDIT_WORKSPACE_REQUEST,
  FIX_ALL_REQUEST,
  type AuditSummary,
  type AuditWorkspaceParams,
  type FixAllParams,
  type FixAllResult,
} from '../../server/src/lsp/protocol.js';
import type { FlowGuardClient } from './languageClient.js';
import { formatSummary, headline } from './summary.js';

export const COMMANDS = {
  auditWorkspace: 'flowguard.auditWorkspace',
  fixAllInFile: 'flowguard.fixAllInFile',
  showOutput: 'flowguard.showOutput',
  restartServer: 'flowguard.restartServer',
} as const;

let progressTokens = 0;

async function auditWorkspace(flowguard: FlowGuardClient, output: vscode.LogOutputChannel): Promise<AuditSummary | undefined> {
  const client = flowguard.running;
  const summary = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'FlowGuard: auditing the workspace', cancellable: true },
    async (progress, cancel) => {
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
        const params: AuditWorkspaceParams = { workDoneToken: token };
        return await client.sendRequest<AuditSummary>(AUDIT_WORKSPACE_REQUEST, params, cancel);
      } finally {
        sub.dispose();
      }
    },
  );
  if (!summary) return undefined;
  for (const line of formatSummary(summary)) output.info(line);
  void vscode.window
    .showInformationMessage(`FlowGuard: ${headline(summary)}`, 'Show Problems', 'Show Output')
    .then((choice) => {
      if (choice === 'Show Problems') void vscode.commands.executeCommand('workbench.actions.view.problems');
      if (choice === 'Show Output') output.show(true);
    });
  return summary;
}

async function fixAllInFile(flowguard: FlowGuardClient, output: vscode.LogOutputChannel, uri?: vscode.Uri): Promise<FixAllResult | undefined> {
  const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!document) {
    void vscode.window.showWarningMessage('FlowGuard: open a pipeline file to fix.');
    return undefined;
  }
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

export function registerCommands(context: vscode.ExtensionContext, flowguard: FlowGuardClient, output: vscode.LogOutputChannel): void {
  const register = (id: string, fn: (...args: any[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  register(COMMANDS.auditWorkspace, guarded(output, 'Audit Workspace', () => auditWorkspace(flowguard, output)));
  register(COMMANDS.fixAllInFile, guarded(output, 'Fix All Safe Problems', (uri?: vscode.Uri) => fixAllInFile(flowguard, output, uri)));
  register(COMMANDS.showOutput, () => output.show(true));
  register(COMMANDS.restartServer, guarded(output, 'Restart Server', async () => {
    await flowguard.restart();
    output.info('Language server restarted');
  }));
}
