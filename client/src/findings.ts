// FlowGuard's findings as the editor holds them: the published diagnostics (source `flowguard`), plus what the
// last workspace audit said about each file's kind and each rule's platform. The view, the report and the status
// bar read this; nothing here lints.
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, type AuditSummary } from '../../server/src/lsp/protocol.js';

export interface EditorFinding {
  uri: vscode.Uri;
  /** Workspace-relative path, forward slashes. */
  path: string;
  ruleId: string;
  message: string;
  severity: vscode.DiagnosticSeverity;
  range: vscode.Range;
  diagnostic: vscode.Diagnostic;
}

export const PLATFORM_LABELS: Record<string, string> = {
  github: 'GitHub Actions',
  gitlab: 'GitLab CI',
  kestra: 'Kestra',
  other: 'Other files',
};

/** Platform of a document kind (`github-workflow` -> `github`, `kestra-flow` -> `kestra`). */
export function platformOfKind(kind: string | undefined): string | undefined {
  if (!kind) return undefined;
  if (kind.startsWith('github-')) return 'github';
  if (kind.startsWith('gitlab-')) return 'gitlab';
  if (kind.startsWith('kestra-')) return 'kestra';
  return undefined;
}

/** The rule id of a FlowGuard diagnostic: its code (an object when the server links the rule's doc). */
export function diagnosticRuleId(d: vscode.Diagnostic): string {
  if (typeof d.code === 'object' && d.code !== null) return String(d.code.value);
  return String(d.code ?? 'unknown');
}

export class FindingsStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly kinds = new Map<string, string>();
  private readonly rulePlatforms = new Map<string, string>();
  private pending: ReturnType<typeof setTimeout> | undefined;
  private readonly subscription: vscode.Disposable;
  /** The most recent workspace audit, for the report. */
  lastAudit: AuditSummary | undefined;

  constructor() {
    // Diagnostics arrive in bursts (an audit publishes file by file): coalesce to one change event per 150 ms.
    this.subscription = vscode.languages.onDidChangeDiagnostics(() => {
      this.pending ??= setTimeout(() => {
        this.pending = undefined;
        this.changed.fire();
      }, 150);
    });
  }

  all(): EditorFinding[] {
    const out: EditorFinding[] = [];
    for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
      for (const d of diagnostics) {
        if (d.source !== DIAGNOSTIC_SOURCE) continue;
        out.push({ uri, path: vscode.workspace.asRelativePath(uri, false), ruleId: diagnosticRuleId(d), message: d.message, severity: d.severity, range: d.range, diagnostic: d });
      }
    }
    out.sort((a, b) => a.path.localeCompare(b.path) || a.range.start.compareTo(b.range.start));
    return out;
  }

  recordAudit(summary: AuditSummary): void {
    this.lastAudit = summary;
    for (const f of summary.perFile) this.kinds.set(f.uri, f.kind);
    this.changed.fire();
  }

  recordRulePlatforms(rules: { id: string; platform: string }[]): void {
    for (const r of rules) this.rulePlatforms.set(r.id, r.platform);
    this.changed.fire();
  }

  knowsRule(ruleId: string): boolean {
    return this.rulePlatforms.has(ruleId);
  }

  /** The file's platform: its kind from the last audit, else the platform of its rules, else from the path. */
  platformOf(f: EditorFinding): string {
    const byKind = platformOfKind(this.kinds.get(f.uri.toString()));
    if (byKind) return byKind;
    const byRule = this.rulePlatforms.get(f.ruleId);
    if (byRule && byRule !== 'core') return byRule;
    if (/(^|\/)\.github\//.test(f.path) || /(^|\/)action\.ya?ml$/.test(f.path)) return 'github';
    if (/\.gitlab-ci\.ya?ml$/.test(f.path)) return 'gitlab';
    return 'other';
  }

  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    this.subscription.dispose();
    this.changed.dispose();
  }
}
