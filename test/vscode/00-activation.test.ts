// Cold start: opening the first workflow activates the extension, starts the server and shows a diagnostic.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FlowGuardApi } from '../../client/src/extension.js';
import { EXTENSION_ID, fixture, textAt, timing, waitForDiagnostics } from './helpers.js';

suite('activation', () => {
  test('opening a workflow activates FlowGuard and shows its first diagnostic', async () => {
    const ext = vscode.extensions.getExtension<FlowGuardApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is loaded`);
    const uri = fixture('.github/workflows/ci.yml');
    const t0 = Date.now();
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'yaml');
    const diagnostics = await waitForDiagnostics(uri, 'unpinned-uses');
    timing('open workflow -> first diagnostic (cold: activation + server start)', Date.now() - t0);
    assert.ok(ext.isActive, 'the extension is active after a YAML file opened');
    const api = ext.exports;
    assert.equal(typeof api.activationMs, 'number');
    timing('activation (activate() -> server initialized)', api.activationMs);
    // The unpinned action and nothing else in this file: the SHA-pinned checkout is fine.
    assert.deepEqual(diagnostics.map((d) => textAt(doc, d)), ['docker/login-action@v3']);
  });
});
