// Hover through VS Code's provider API on a flagged range.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { open, waitForDiagnostics } from './helpers.js';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

suite('hover', () => {
  test('hovering a finding explains the rule and links its documentation', async () => {
    const { uri } = await open('.github/workflows/hover.yml');
    const [d] = await waitForDiagnostics(uri, 'unpinned-uses');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, d.range.start.translate(0, 2));
    const text = hoverText(hovers ?? []);
    assert.match(text, /FlowGuard/);
    assert.match(text, /`unpinned-uses`/);
    assert.match(text, /\]\([^)]*unpinned-uses[^)]*\)/, 'links the rule documentation');
  });
});
