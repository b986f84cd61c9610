// Settings reach the server without a reload (workspace/didChangeConfiguration -> workspace/configuration).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { flowguardDiagnostics, open, waitForDiagnostics, waitForNoDiagnostics } from './helpers.js';

suite('settings', () => {
  teardown(async () => {
    const config = vscode.workspace.getConfiguration('flowguard');
    await config.update('minSeverity', undefined, vscode.ConfigurationTarget.Workspace);
    await config.update('enable', undefined, vscode.ConfigurationTarget.Workspace);
  });

  test('raising flowguard.minSeverity above a finding hides it; lowering it brings it back', async () => {
    const { uri } = await open('.github/workflows/ci.yml');
    const [d] = await waitForDiagnostics(uri, 'unpinned-uses');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning, 'a medium finding is a warning');
    await vscode.workspace.getConfiguration('flowguard').update('minSeverity', 'high', vscode.ConfigurationTarget.Workspace);
    await waitForNoDiagnostics(uri, 'unpinned-uses');
    await vscode.workspace.getConfiguration('flowguard').update('minSeverity', 'info', vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(uri, 'unpinned-uses');
  });

  test('flowguard.enable = false clears FlowGuard diagnostics', async () => {
    const { uri } = await open('.github/workflows/hover.yml');
    await waitForDiagnostics(uri, 'unpinned-uses');
    await vscode.workspace.getConfiguration('flowguard').update('enable', false, vscode.ConfigurationTarget.Workspace);
    await waitForNoDiagnostics(uri, 'unpinned-uses');
    assert.deepEqual(flowguardDiagnostics(uri), []);
    await vscode.workspace.getConfiguration('flowguard').update('enable', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(uri, 'unpinned-uses');
  });
});
