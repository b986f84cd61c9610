// Rule documentation inside VS Code, offline: the server returns the doc shipped in dist/docs/rules (or a generated
// summary); VS Code's Markdown preview renders it.
import * as vscode from 'vscode';
import { RULE_DOCS_REQUEST, type RuleDocsParams, type RuleDocsResult } from '../../server/src/lsp/protocol.js';
import type { Cli } from './cli.js';
import type { FlowGuardClient } from './languageClient.js';

export async function pickRule(cli: Cli, known: string[]): Promise<string | undefined> {
  const rules = await cli.listRules().catch(() => []);
  const items: vscode.QuickPickItem[] = rules.length
    ? rules.map((r) => ({ label: r.id, description: `${r.platform} · ${r.severity}`, detail: r.title }))
    : known.map((id) => ({ label: id }));
  const seen = new Set(known);
  items.sort((a, b) => Number(seen.has(b.label)) - Number(seen.has(a.label)) || a.label.localeCompare(b.label));
  return (await vscode.window.showQuickPick(items, { title: 'FlowGuard: Open Rule Documentation', placeHolder: 'Rule', matchOnDetail: true }))?.label;
}

/** Opens the rule's doc in the Markdown preview; returns where it was opened from. */
export async function openRuleDocs(flowguard: FlowGuardClient, storage: vscode.Uri, ruleId: string): Promise<{ uri: vscode.Uri; docs: RuleDocsResult }> {
  const params: RuleDocsParams = { ruleId };
  const docs = await flowguard.running.sendRequest<RuleDocsResult>(RULE_DOCS_REQUEST, params);
  let uri: vscode.Uri;
  if (docs.localUri) uri = vscode.Uri.parse(docs.localUri);
  else {
    // No shipped doc (an engine rule): the generated Markdown, written where the preview can read it.
    uri = vscode.Uri.joinPath(storage, 'rule-docs', `${ruleId.replace(/[^a-z0-9-]/gi, '_')}.md`);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(docs.markdown));
  }
  await vscode.commands.executeCommand('markdown.showPreview', uri);
  return { uri, docs };
}
