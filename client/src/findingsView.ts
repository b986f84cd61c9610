// The FlowGuard view (activity bar): findings grouped platform -> file -> rule -> finding, or rule -> file -> finding.
import * as vscode from 'vscode';
import { PLATFORM_LABELS, type EditorFinding, type FindingsStore } from './findings.js';

export type GroupBy = 'platform' | 'rule';

type Node =
  | { type: 'platform'; platform: string; findings: EditorFinding[] }
  | { type: 'file'; uri: vscode.Uri; path: string; findings: EditorFinding[]; parentRule?: string }
  | { type: 'rule'; ruleId: string; findings: EditorFinding[]; underFile: boolean; parentUri?: string }
  | { type: 'finding'; finding: EditorFinding; parent: string };

function groupBy<K>(items: EditorFinding[], key: (f: EditorFinding) => K): Map<K, EditorFinding[]> {
  const map = new Map<K, EditorFinding[]>();
  for (const f of items) {
    const k = key(f);
    const list = map.get(k);
    if (list) list.push(f);
    else map.set(k, [f]);
  }
  return map;
}

function countLabel(findings: EditorFinding[]): string {
  const errors = findings.filter((f) => f.severity === vscode.DiagnosticSeverity.Error).length;
  const n = findings.length;
  return `${n} finding${n === 1 ? '' : 's'}${errors ? `, ${errors} high` : ''}`;
}

export function severityIcon(severity: vscode.DiagnosticSeverity): vscode.ThemeIcon {
  switch (severity) {
    case vscode.DiagnosticSeverity.Error:
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
    case vscode.DiagnosticSeverity.Warning:
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    default:
      return new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground'));
  }
}

/** Stable, unique ids: the tree keeps expansion and selection across refreshes and never mixes up rows. */
function nodeId(node: Node): string {
  switch (node.type) {
    case 'platform':
      return `platform:${node.platform}`;
    case 'file':
      return `file:${node.parentRule ?? ''}:${node.uri.toString()}`;
    case 'rule':
      return `rule:${node.parentUri ?? ''}:${node.ruleId}`;
    case 'finding': {
      const f = node.finding;
      return `${node.parent}/${f.ruleId}@${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}:${f.message}`;
    }
  }
}

export class FindingsView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<Node>;
  private readonly disposables: vscode.Disposable[] = [];
  private mode: GroupBy = 'platform';

  constructor(private readonly store: FindingsStore) {
    this.view = vscode.window.createTreeView('flowguard.findings', { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(this.view, this.changed, store.onDidChange(() => this.refresh()));
    void vscode.commands.executeCommand('setContext', 'flowguard.groupBy', this.mode);
    this.refresh();
  }

  get groupBy(): GroupBy {
    return this.mode;
  }

  setGroupBy(mode: GroupBy): void {
    this.mode = mode;
    void vscode.commands.executeCommand('setContext', 'flowguard.groupBy', mode);
    this.refresh();
  }

  /** The findings of the current tree generation: every getChildren call of one refresh sees the same data. */
  private findings: EditorFinding[] = [];
  private signature = '';

  refresh(): void {
    const findings = this.store.all();
    // Diagnostics are republished often with the same content: only a real change re-renders the tree.
    const signature = `${this.mode}\n${findings.map((f) => `${this.store.platformOf(f)} ${f.uri} ${f.ruleId} ${f.range.start.line}:${f.range.start.character} ${f.severity} ${f.message}`).join('\n')}`;
    if (signature === this.signature) return;
    this.signature = signature;
    this.findings = findings;
    const total = findings.length;
    this.view.badge = total ? { value: total, tooltip: `${total} FlowGuard finding${total === 1 ? '' : 's'}` } : undefined;
    this.view.message = total ? undefined : 'No FlowGuard findings. Open a pipeline file or run "FlowGuard: Audit Workspace".';
    this.changed.fire(undefined);
  }

  /** The tree as plain data (labels and nesting): what the tests assert on. */
  async snapshot(): Promise<unknown[]> {
    const walk = async (node?: Node): Promise<unknown[]> => {
      const out: unknown[] = [];
      for (const child of await this.getChildren(node)) {
        const item = this.getTreeItem(child);
        const label = typeof item.label === 'string' ? item.label : item.label?.label;
        const children = child.type === 'finding' ? undefined : await walk(child);
        out.push(children ? { label, description: item.description, children } : { label, description: item.description });
      }
      return out;
    };
    return walk();
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      const all = this.findings;
      if (this.mode === 'rule') {
        return [...groupBy(all, (f) => f.ruleId)]
          .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
          .map(([ruleId, findings]) => ({ type: 'rule', ruleId, findings, underFile: false }));
      }
      const order = Object.keys(PLATFORM_LABELS);
      return [...groupBy(all, (f) => this.store.platformOf(f))]
        .sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]))
        .map(([platform, findings]) => ({ type: 'platform', platform, findings }));
    }
    switch (node.type) {
      case 'platform':
        return [...groupBy(node.findings, (f) => f.uri.toString())].map(([, findings]) => ({ type: 'file', uri: findings[0].uri, path: findings[0].path, findings }));
      case 'rule':
        if (node.underFile) return node.findings.map((finding) => ({ type: 'finding', finding, parent: nodeId(node) }));
        return [...groupBy(node.findings, (f) => f.uri.toString())].map(([, findings]) => ({ type: 'file', uri: findings[0].uri, path: findings[0].path, findings, parentRule: node.ruleId }));
      case 'file':
        if (node.parentRule) return node.findings.map((finding) => ({ type: 'finding', finding, parent: nodeId(node) }));
        return [...groupBy(node.findings, (f) => f.ruleId)].map(([ruleId, findings]) => ({ type: 'rule', ruleId, findings, underFile: true, parentUri: node.uri.toString() }));
      case 'finding':
        return [];
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const item = this.makeItem(node);
    item.id = nodeId(node);
    return item;
  }

  private makeItem(node: Node): vscode.TreeItem {
    const expanded = vscode.TreeItemCollapsibleState.Expanded;
    switch (node.type) {
      case 'platform': {
        const item = new vscode.TreeItem(PLATFORM_LABELS[node.platform] ?? node.platform, expanded);
        item.description = countLabel(node.findings);
        item.iconPath = new vscode.ThemeIcon(node.platform === 'github' ? 'github' : node.platform === 'gitlab' ? 'gitlab' : 'symbol-namespace');
        item.contextValue = 'flowguard.platform';
        return item;
      }
      case 'file': {
        const item = new vscode.TreeItem(node.uri, expanded);
        item.label = node.path.split('/').pop();
        // The folder; the count is the Problems decoration VS Code draws for the file.
        item.description = node.path.includes('/') ? node.path.slice(0, node.path.lastIndexOf('/')) : '';
        item.tooltip = `${node.path}: ${countLabel(node.findings)}`;
        item.contextValue = 'flowguard.file';
        return item;
      }
      case 'rule': {
        const item = new vscode.TreeItem(node.ruleId, node.underFile ? vscode.TreeItemCollapsibleState.Expanded : expanded);
        item.description = countLabel(node.findings);
        item.iconPath = new vscode.ThemeIcon('law');
        item.contextValue = 'flowguard.rule';
        item.tooltip = `${node.ruleId}: right-click to open its documentation`;
        return item;
      }
      case 'finding': {
        const f = node.finding;
        const item = new vscode.TreeItem(f.message, vscode.TreeItemCollapsibleState.None);
        item.description = `${this.mode === 'platform' ? '' : f.path.split('/').pop() + ' '}Ln ${f.range.start.line + 1}, Col ${f.range.start.character + 1}`;
        item.iconPath = severityIcon(f.severity);
        item.tooltip = new vscode.MarkdownString(`**${f.ruleId}** · ${f.path}:${f.range.start.line + 1}\n\n${f.message}`);
        item.contextValue = 'flowguard.finding';
        item.command = { command: 'vscode.open', title: 'Reveal', arguments: [f.uri, { selection: f.range, preserveFocus: false }] };
        return item;
      }
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
