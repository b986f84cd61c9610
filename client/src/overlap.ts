// Plays well with Red Hat's YAML extension and GitHub's Actions extension: both already report YAML syntax errors
// and/or schema errors for pipeline files, so by default FlowGuard hides its own diagnostics for the same mistakes
// when one of them is installed (flowguard.hideOverlappingDiagnostics). Keyed on rule ids.
import * as vscode from 'vscode';

/** Extension id -> FlowGuard rules whose findings that extension also reports. */
export const OVERLAPS: Record<string, readonly string[]> = {
  // YAML syntax and duplicate keys always; SchemaStore's GitHub workflow/action and GitLab CI schemas by default.
  'redhat.vscode-yaml': ['yaml-syntax', 'yaml-duplicate-key', 'workflow-schema', 'action-schema', 'gitlab-schema'],
  // Its own workflow language service validates workflow syntax.
  'github.vscode-github-actions': ['workflow-schema'],
};

export type OverlapMode = 'auto' | 'always' | 'never';

/** Rule ids to hide, given the setting and which extensions are installed. */
export function hiddenRules(mode: OverlapMode, installed: (id: string) => boolean): Set<string> {
  if (mode === 'never') return new Set();
  const ids = Object.entries(OVERLAPS).filter(([ext]) => mode === 'always' || installed(ext));
  return new Set(ids.flatMap(([, rules]) => rules));
}

export class OverlapFilter implements vscode.Disposable {
  private hidden = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly output: vscode.LogOutputChannel) {
    this.update();
    this.disposables.push(
      vscode.extensions.onDidChange(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('flowguard.hideOverlappingDiagnostics') && this.update()),
    );
  }

  private update(): void {
    const mode = vscode.workspace.getConfiguration('flowguard').get<OverlapMode>('hideOverlappingDiagnostics', 'auto');
    const next = hiddenRules(mode, (id) => vscode.extensions.getExtension(id) !== undefined);
    const key = (s: Set<string>) => [...s].sort().join(',');
    if (key(next) !== key(this.hidden)) this.output.info(next.size ? `Hiding diagnostics another extension also reports: ${[...next].sort().join(', ')}` : 'Showing all FlowGuard diagnostics');
    this.hidden = next;
  }

  /** The diagnostics to show. */
  filter(diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] {
    if (!this.hidden.size) return diagnostics;
    return diagnostics.filter((d) => {
      const id = typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code);
      return !this.hidden.has(id);
    });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
