// The FlowGuard view: findings grouped platform -> file -> rule, switchable to rule -> file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FlowGuardApi } from '../../client/src/extension.js';
import { EXTENSION_ID, waitFor } from './helpers.js';

interface Row {
  label: string;
  description?: string;
  children?: Row[];
}

const api = () => vscode.extensions.getExtension<FlowGuardApi>(EXTENSION_ID)!.exports;

suite('FlowGuard view', () => {
  suiteSetup(async () => {
    await vscode.commands.executeCommand('flowguard.auditWorkspace');
  });

  test('groups the audited findings by platform, then file, then rule', async () => {
    await vscode.commands.executeCommand('flowguard.groupByPlatform');
    const tree = await waitFor('the view to list the audited files', async () => {
      const rows = (await api().view.snapshot()) as Row[];
      return rows.length && (rows[0].children ?? []).some((f) => f.label === 'audit-only.yml') ? rows : undefined;
    });
    assert.deepEqual(tree.map((r) => r.label), ['GitHub Actions', 'GitLab CI']);
    assert.deepEqual(tree[1].children!.map((f) => [f.label, f.children!.map((r) => r.label)]), [['.gitlab-ci.yml', ['gitlab-unpinned-image']]]);
    const files = tree[0].children!;
    const auditOnly = files.find((f) => f.label === 'audit-only.yml')!;
    assert.equal(auditOnly.description, '.github/workflows');
    const rules = auditOnly.children!.map((r) => r.label).sort();
    assert.ok(rules.includes('unpinned-uses'), `rules under audit-only.yml: ${rules}`);
    const unpinned = auditOnly.children!.find((r) => r.label === 'unpinned-uses')!;
    assert.equal(unpinned.children!.length, 1);
    assert.match(String(unpinned.children![0].description), /^Ln 10, Col \d+$/);
    assert.ok(!files.some((f) => f.label === 'clean.yml'), 'files without findings are not listed');
  });

  test('switches to rule -> file grouping and back', async () => {
    await vscode.commands.executeCommand('flowguard.groupByRule');
    assert.equal(api().view.groupBy, 'rule');
    const tree = (await api().view.snapshot()) as Row[];
    const unpinned = tree.find((r) => r.label === 'unpinned-uses');
    assert.ok(unpinned, `top level: ${tree.map((r) => r.label)}`);
    assert.deepEqual(unpinned.children!.map((f) => f.label).sort(), ['audit-only.yml', 'ci.yml', 'hover.yml', 'quickfix.yml']);
    await vscode.commands.executeCommand('flowguard.groupByPlatform');
    assert.equal(api().view.groupBy, 'platform');
  });

  test('the view container and the findings view open', async () => {
    await vscode.commands.executeCommand('flowguard.findings.focus');
  });
});
