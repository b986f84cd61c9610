// Fixes beyond a single quick fix: the least-privilege fix from the view, ignore with a reason, fix-all on save,
// and Fix All Safe Problems in Workspace.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FlowGuardApi } from '../../client/src/extension.js';
import type { WorkspaceFixResult } from '../../client/src/commands.js';
import { EXTENSION_ID, fixture, flowguardDiagnostics, open, waitFor, waitForDiagnostics, waitForNoDiagnostics } from './helpers.js';

const RULE = 'insufficient-permissions';
const api = () => vscode.extensions.getExtension<FlowGuardApi>(EXTENSION_ID)!.exports;
const findingNode = (uri: vscode.Uri, ruleId: string) => {
  const finding = api().store.all().find((f) => f.uri.toString() === uri.toString() && f.ruleId === ruleId);
  assert.ok(finding, `a ${ruleId} finding on ${uri.path} in the view's store`);
  return { type: 'finding', finding };
};

suite('fixes', () => {
  teardown(async () => {
    await vscode.workspace.getConfiguration('editor').update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
  });

  test('the view\'s Fix action applies the least-privilege permissions fix', async () => {
    const { uri, doc } = await open('.github/workflows/permissions.yml');
    await waitForDiagnostics(uri, RULE);
    await waitFor('the store to see the finding', () => api().store.all().some((f) => f.uri.toString() === uri.toString() && f.ruleId === RULE));
    assert.equal(await vscode.commands.executeCommand('flowguard.fixFinding', findingNode(uri, RULE)), true);
    await waitForNoDiagnostics(uri, RULE);
    assert.match(doc.getText(), /  release:\n    permissions:\n      contents: write/);
    assert.deepEqual(flowguardDiagnostics(uri), []);
  });

  test('the view\'s Ignore action adds an ignore comment with the reason', async () => {
    const { uri, doc } = await open('.github/workflows/hover.yml');
    await waitForDiagnostics(uri, 'unpinned-uses');
    await waitFor('the store to see the finding', () => api().store.all().some((f) => f.uri.toString() === uri.toString()));
    assert.equal(await vscode.commands.executeCommand('flowguard.ignoreFinding', findingNode(uri, 'unpinned-uses'), 'internal action, reviewed'), true);
    assert.match(doc.getText(), /# flowguard: ignore\[unpinned-uses\] internal action, reviewed/);
    await waitForNoDiagnostics(uri, 'unpinned-uses');
  });

  test('editor.codeActionsOnSave with source.fixAll.flowguard fixes on save', async () => {
    await vscode.workspace.getConfiguration('editor').update('codeActionsOnSave', { 'source.fixAll.flowguard': 'explicit' }, vscode.ConfigurationTarget.Workspace);
    const { uri, doc, editor } = await open('.github/workflows/fix-on-save.yml');
    await waitForDiagnostics(uri, RULE);
    await editor.edit((e) => e.insert(new vscode.Position(2, 0), '# saved by the e2e test\n'));
    await vscode.commands.executeCommand('workbench.action.files.save');
    await waitFor('the fix applied on save', () => /  release:\n    permissions:\n      contents: write/.test(doc.getText()) && !doc.isDirty, 15000);
    const disk = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    assert.match(disk, /contents: write/);
    await waitForNoDiagnostics(uri, RULE);
  });

  test('Fix All Safe Problems in Workspace fixes files that are not open', async () => {
    const unopened = fixture('.github/workflows/audit-only.yml');
    await vscode.commands.executeCommand('flowguard.auditWorkspace');
    await waitForDiagnostics(unopened, RULE);
    const result = await vscode.commands.executeCommand<WorkspaceFixResult>('flowguard.fixAllInWorkspace', { preview: false });
    assert.ok(result && result.applied, JSON.stringify(result));
    assert.ok(result.fixes >= 1 && result.files >= 1, JSON.stringify(result));
    const doc = await vscode.workspace.openTextDocument(unopened);
    assert.match(doc.getText(), /contents: write/);
    await waitForNoDiagnostics(unopened, RULE);
  });
});
