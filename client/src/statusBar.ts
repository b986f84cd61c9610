// Status bar item: FlowGuard findings in the active file and in the workspace, from the published diagnostics.
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../../server/src/lsp/protocol.js';

function flowguardCount(diagnostics: readonly vscode.Diagnostic[]): number {
  return diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE).length;
}

export class FindingsStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('flowguard.findings', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private pending: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    this.item.name = 'FlowGuard findings';
    this.item.command = 'flowguard.findings.focus';
    this.disposables.push(
      vscode.languages.onDidChangeDiagnostics(() => this.schedule()),
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule()),
    );
    this.update();
  }

  /** Diagnostics change in bursts (a workspace audit publishes one file at a time): update at most every 200 ms. */
  private schedule(): void {
    this.pending ??= setTimeout(() => {
      this.pending = undefined;
      this.update();
    }, 200);
  }

  private update(): void {
    let workspace = 0;
    let files = 0;
    for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
      const n = flowguardCount(diagnostics);
      workspace += n;
      if (n) files++;
    }
    const active = vscode.window.activeTextEditor?.document;
    const inFile = active ? flowguardCount(vscode.languages.getDiagnostics(active.uri)) : 0;
    const tracked = active && (active.languageId === 'yaml' || active.languageId === 'github-actions-workflow');
    if (!tracked && workspace === 0) {
      this.item.hide();
      return;
    }
    this.item.text = tracked ? `$(shield) ${inFile} | ${workspace}` : `$(shield) ${workspace}`;
    this.item.tooltip = `FlowGuard: ${tracked ? `${inFile} finding(s) in this file, ` : ''}${workspace} in ${files} file(s) of the workspace. Click to open the FlowGuard view.`;
    this.item.show();
  }

  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    for (const d of this.disposables) d.dispose();
  }
}
