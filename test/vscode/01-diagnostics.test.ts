// Diagnostics: exact ranges, rule id as code with a doc link, quiet files, updates as you type.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { flowguardDiagnostics, open, ruleId, textAt, timing, waitFor, waitForDiagnostics, waitForNoDiagnostics } from './helpers.js';

suite('diagnostics', () => {
  test('a diagnostic carries the rule id, a severity, a doc link and the exact range', async () => {
    const t0 = Date.now();
    const { uri, doc } = await open('.github/workflows/hover.yml');
    const [d] = await waitForDiagnostics(uri, 'unpinned-uses');
    timing('open workflow -> first diagnostic (warm)', Date.now() - t0);
    assert.equal(ruleId(d), 'unpinned-uses');
    assert.equal(textAt(doc, d), 'some-org/deploy-action@main');
    assert.ok(typeof d.code === 'object' && d.code.target, 'the code links the rule documentation');
    assert.match(d.code.target.toString(), /unpinned-uses/);
    assert.ok(d.severity === vscode.DiagnosticSeverity.Warning || d.severity === vscode.DiagnosticSeverity.Error, `severity ${d.severity}`);
  });

  test('a clean workflow and a YAML file that is not a pipeline get no FlowGuard diagnostics', async () => {
    const clean = await open('.github/workflows/clean.yml');
    const other = await open('config/app.yml');
    // A file known to be flagged, opened last: once it has its diagnostics, the two above have been linted too.
    const probe = await open('.github/workflows/quickfix.yml');
    await waitForDiagnostics(probe.uri, 'unpinned-uses');
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(flowguardDiagnostics(clean.uri), []);
    assert.deepEqual(flowguardDiagnostics(other.uri), []);
  });

  test('diagnostics follow edits: added on an unpinned step, gone when it is removed', async () => {
    const { uri, doc } = await open('.github/workflows/edit.yml');
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(flowguardDiagnostics(uri), [], 'edit.yml starts clean');
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    const step = '\n      - uses: docker/build-push-action@v6';
    const add = new vscode.WorkspaceEdit();
    add.insert(uri, end, step);
    assert.ok(await vscode.workspace.applyEdit(add));
    const t0 = Date.now();
    const [d] = await waitForDiagnostics(uri, 'unpinned-uses');
    timing('edit -> updated diagnostic', Date.now() - t0);
    assert.equal(textAt(doc, d), 'docker/build-push-action@v6');

    const remove = new vscode.WorkspaceEdit();
    remove.delete(uri, new vscode.Range(end, doc.positionAt(doc.getText().length)));
    assert.ok(await vscode.workspace.applyEdit(remove));
    await waitForNoDiagnostics(uri, 'unpinned-uses');
    // Pin it instead: still quiet.
    const pinned = new vscode.WorkspaceEdit();
    pinned.insert(uri, end, '\n      - uses: docker/build-push-action@263435318d21b8e681c14492fe198d362a7d2c83 # v6');
    assert.ok(await vscode.workspace.applyEdit(pinned));
    await new Promise((r) => setTimeout(r, 800));
    assert.deepEqual(flowguardDiagnostics(uri), []);
    await waitFor('edit.yml reverted', async () => {
      await vscode.commands.executeCommand('workbench.action.files.revert');
      return !doc.isDirty;
    });
  });
});
