// Fixes beyond a single quick fix: the least-privilege fix from the view, ignore with a reason, fix-all on save,
// and Fix All Safe Problems in Workspace (through VS Code's refactor preview, and directly).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FlowGuardApi } from '../../client/src/extension.js';
import type { WorkspaceFixResult } from '../../client/src/commands.js';
import { EXTENSION_ID, fixture, flowguardDiagnostics, open, restoreYaml, screenshot, snapshotYaml, waitFor, waitForDiagnostics, waitForNoDiagnostics } from './helpers.js';

const RULE = 'insufficient-permissions';
const previewDocuments = () => vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'vscode-bulkeditpreview-editor');
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
    // Saved, so that no dirty document is left for a later save to write under the tests that snapshot the disk.
    assert.ok(await doc.save(), 'permissions.yml saved with the fix');
  });

  test('the view\'s Ignore action adds an ignore comment with the reason', async () => {
    const before = await snapshotYaml();
    const { uri, doc } = await open('.github/workflows/hover.yml');
    try {
      await waitForDiagnostics(uri, 'unpinned-uses');
      await waitFor('the store to see the finding', () => api().store.all().some((f) => f.uri.toString() === uri.toString()));
      assert.equal(await vscode.commands.executeCommand('flowguard.ignoreFinding', findingNode(uri, 'unpinned-uses'), 'internal action, reviewed'), true);
      assert.match(doc.getText(), /# flowguard: ignore\[unpinned-uses\] internal action, reviewed/);
      assert.equal(doc.isDirty, true, 'the comment is an edit of the document; nothing is saved behind the user\'s back');
      await waitForNoDiagnostics(uri, 'unpinned-uses');
    } finally {
      // The edit is left unsaved: revert it, so that no later save (VS Code's or a later test's) writes it to disk
      // under the tests that compare the files on disk with a snapshot.
      await restoreYaml(before);
    }
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

  // The interactive path: one WorkspaceEdit whose entries are marked needsConfirmation, so VS Code shows its refactor
  // preview and the command's promise stays pending until the user applies or discards it there. The commands are
  // VS Code's own (bulkEdit contribution): refactorPreview.toggleCheckedState / .apply / .discard.
  for (const choice of ['discarded', 'applied'] as const) {
    test(`Fix All Safe Problems in Workspace previews the edit; nothing changes until it is ${choice}`, async () => {
      const unopened = fixture('.github/workflows/audit-only.yml');
      await vscode.commands.executeCommand('flowguard.auditWorkspace');
      await waitForDiagnostics(unopened, RULE);
      const before = await snapshotYaml();
      const earlierPreviews = new Set(previewDocuments().map((d) => d.uri.toString()));
      let settled = false;
      const pending = Promise.resolve(vscode.commands.executeCommand<WorkspaceFixResult>('flowguard.fixAllInWorkspace', { preview: true })).finally(() => (settled = true));
      try {
        // The preview's model of the file (scheme vscode-bulkeditpreview-editor) shows the file with the checked edits.
        const preview = await waitFor('the refactor preview of audit-only.yml', () =>
          previewDocuments().find((d) => !earlierPreviews.has(d.uri.toString()) && d.uri.path.endsWith('/.github/workflows/audit-only.yml')));
        assert.equal(settled, false, 'the command waits for the choice made in the preview');
        assert.deepEqual(await snapshotYaml(), before, 'no file changed on disk while the preview is open');
        assert.equal((await vscode.workspace.openTextDocument(unopened)).getText(), before.get(unopened.toString()), 'the document is unchanged too');
        // needsConfirmation entries start unchecked: the user ticks what to apply.
        assert.doesNotMatch(preview.getText(), /contents: write/);
        if (choice === 'applied') {
          // As a user would: focus the preview's tree, its first row (the file), toggle its check box.
          await vscode.commands.executeCommand('refactorPreview.focus');
          await vscode.commands.executeCommand('list.focusFirst');
          await vscode.commands.executeCommand('refactorPreview.toggleCheckedState');
          await waitFor('the checked fix in the preview', () => previewDocuments().some((d) => d.uri.path.endsWith('/audit-only.yml') && /release:\n    permissions:\n      contents: write/.test(d.getText())), 5000);
          await screenshot('refactor-preview');
          assert.deepEqual(await snapshotYaml(), before, 'checking an entry writes nothing yet');
        }
        await vscode.commands.executeCommand(choice === 'applied' ? 'refactorPreview.apply' : 'refactorPreview.discard');
        const result = await pending;
        assert.ok(result, 'the command returns its result');
        // audit-only.yml is the one file with a safe fix left at this point (earlier tests fixed the others).
        assert.deepEqual({ files: result.files, fixes: result.fixes }, { files: 1, fixes: 1 });
        if (choice === 'discarded') {
          assert.equal(result.applied, false);
          assert.deepEqual(await snapshotYaml(), before, 'a discarded preview changes nothing');
          assert.equal((await vscode.workspace.openTextDocument(unopened)).getText(), before.get(unopened.toString()));
        } else {
          assert.equal(result.applied, true);
          const doc = await vscode.workspace.openTextDocument(unopened);
          assert.match(doc.getText(), /  release:\n    permissions:\n      contents: write/);
          await waitForNoDiagnostics(unopened, RULE);
        }
      } finally {
        if (!settled) await vscode.commands.executeCommand('refactorPreview.discard');
        await Promise.race([pending.catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
        await restoreYaml(before);
      }
      await waitForDiagnostics(unopened, RULE);
    });
  }

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
