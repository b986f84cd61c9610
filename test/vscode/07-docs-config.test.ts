// Rule docs inside VS Code; the configuration file: created valid, and its changes apply without a reload.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RuleDocsResult } from '../../server/src/lsp/protocol.js';
import { fixture, flowguardDiagnostics, open, waitFor, waitForDiagnostics, waitForNoDiagnostics } from './helpers.js';

suite('rule docs and configuration', () => {
  test('Open Rule Documentation shows the doc shipped with the extension in the Markdown preview', async () => {
    const result = await vscode.commands.executeCommand<{ uri: vscode.Uri; docs: RuleDocsResult }>('flowguard.openRuleDocs', 'unpinned-uses');
    assert.ok(result, 'the command returns what it opened');
    assert.equal(result.docs.ruleId, 'unpinned-uses');
    assert.match(result.uri.path, /\/dist\/docs\/rules\/unpinned-uses\.md$/);
    assert.match(result.docs.markdown, /^## Why it matters$/m);
    const bytes = await vscode.workspace.fs.readFile(result.uri);
    assert.match(new TextDecoder().decode(bytes), /## How to fix/);
    await waitFor('the Markdown preview tab', () =>
      vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview && /markdown/i.test(t.input.viewType))),
    );
  });

  test('Create Configuration File writes a valid, commented .flowguard.yml; editing it applies at once', async () => {
    const { uri: ci } = await open('.github/workflows/ci.yml');
    await waitForDiagnostics(ci, 'unpinned-uses');
    const created = await vscode.commands.executeCommand<vscode.Uri>('flowguard.createConfig');
    assert.ok(created);
    assert.equal(created.toString(), fixture('.flowguard.yml').toString());
    const doc = await vscode.workspace.openTextDocument(created);
    assert.match(doc.getText(), /^# FlowGuard configuration/);
    assert.match(doc.getText(), /^persona: regular$/m);
    await new Promise((r) => setTimeout(r, 800));
    assert.deepEqual(flowguardDiagnostics(created).map((d) => d.message), [], 'the template is valid for the config schema');

    // Turn the rule off in the file (saved to disk: the server watches the config files).
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.replace(new vscode.Range(doc.positionAt(doc.getText().indexOf('rules: {}')), doc.positionAt(doc.getText().indexOf('rules: {}') + 'rules: {}'.length)), 'rules:\n  unpinned-uses: off'));
    assert.ok(await doc.save());
    await waitForNoDiagnostics(ci, 'unpinned-uses', 15000);
    await vscode.workspace.fs.delete(created);
    await waitForDiagnostics(ci, 'unpinned-uses', 15000);
  });
});
