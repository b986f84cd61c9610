// Code actions through VS Code's own provider API, applied with workspace.applyEdit.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FixAllResult } from '../../server/src/lsp/protocol.js';
import { flowguardDiagnostics, open, ruleId, waitFor, waitForDiagnostics, waitForNoDiagnostics } from './helpers.js';

async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value, 10);
  return (actions ?? []).filter((a): a is vscode.CodeAction => 'kind' in a || 'edit' in a);
}

suite('code actions', () => {
  test('the "ignore here" quick fix adds an inline ignore comment and the finding goes away', async () => {
    const { uri, doc } = await open('.github/workflows/quickfix.yml');
    const [d] = await waitForDiagnostics(uri, 'unpinned-uses');
    const actions = await quickFixes(uri, d.range);
    // Picked by what its edit inserts (the rule id in an ignore comment), not by its title.
    const inserts = (a: vscode.CodeAction) => (a.edit?.get(uri) ?? []).map((e) => e.newText).join('');
    const ignore = actions.find((a) => /flowguard: ignore\[unpinned-uses\]/.test(inserts(a)));
    assert.ok(ignore?.edit, `an ignore quick fix among: ${JSON.stringify(actions.map((a) => ({ title: a.title, kind: a.kind?.value, inserts: inserts(a) })))}`);
    assert.equal(ignore.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.ok(await vscode.workspace.applyEdit(ignore.edit));
    assert.match(doc.lineAt(d.range.start.line).text + doc.getText(), /flowguard: ignore\[unpinned-uses\]/);
    await waitForNoDiagnostics(uri, 'unpinned-uses');
    await waitFor('quickfix.yml reverted', async () => {
      await vscode.commands.executeCommand('workbench.action.files.revert');
      return !doc.isDirty;
    });
    await waitForDiagnostics(uri, 'unpinned-uses');
  });

  test('Fix All Safe Problems in File reports what it did and leaves unfixable findings alone', async () => {
    const { uri, doc } = await open('.github/workflows/quickfix.yml');
    await waitForDiagnostics(uri, 'unpinned-uses');
    const before = doc.getText();
    const result = await vscode.commands.executeCommand<FixAllResult>('flowguard.fixAllInFile', uri);
    assert.ok(result, 'the command returns the server result');
    assert.equal(result.uri, uri.toString());
    // unpinned-uses has no safe fix (a SHA cannot be invented offline): nothing changes.
    assert.equal(result.fixes, 0);
    assert.equal(doc.getText(), before);
    assert.equal(flowguardDiagnostics(uri, 'unpinned-uses').length, 1);
  });
});
