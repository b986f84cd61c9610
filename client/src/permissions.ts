// "Show Least-Privilege Permissions": what `flowguard permissions <file>` computes for the active workflow (the
// minimal GITHUB_TOKEN permissions per job, with the steps that need each scope), opened beside the workflow.
import * as vscode from 'vscode';
import type { Cli } from './cli.js';

export async function showPermissions(cli: Cli, output: vscode.LogOutputChannel, uri?: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!document || document.uri.scheme !== 'file') {
    void vscode.window.showWarningMessage('FlowGuard: open a GitHub Actions workflow file first.');
    return undefined;
  }
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  const cwd = folder?.uri.fsPath ?? vscode.Uri.joinPath(document.uri, '..').fsPath;
  const file = vscode.workspace.asRelativePath(document.uri, false);
  const args = ['permissions', file, '--format', 'yaml'];
  const t0 = Date.now();
  const result = await cli.run(args, cwd);
  output.debug(`flowguard ${args.join(' ')}: exit ${result.code} in ${Date.now() - t0} ms`);
  if (result.code === 2 || !result.stdout.trim()) throw new Error(result.stderr.trim() || `flowguard permissions exited with ${result.code}`);
  const content = `# Least-privilege GITHUB_TOKEN permissions for ${file}, computed by FlowGuard from the file on disk.\n# Apply them with the quick fix "Set least-privilege permissions ..." on a permissions finding.\n${result.stdout}`;
  const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  return doc;
}
