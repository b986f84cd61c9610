// The Audit Workspace command: summary returned and findings of unopened files in the Problems panel.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AuditSummary } from '../../server/src/lsp/protocol.js';
import { fixture, flowguardDiagnostics, timing, waitFor, waitForDiagnostics, waitForNoDiagnostics } from './helpers.js';

suite('workspace audit', () => {
  test('Audit Workspace lints every pipeline file and publishes findings of files that are not open', async () => {
    const unopened = fixture('.github/workflows/audit-only.yml');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === unopened.toString()), 'audit-only.yml is not open');
    assert.deepEqual(flowguardDiagnostics(unopened), []);
    const t0 = Date.now();
    const summary = await vscode.commands.executeCommand<AuditSummary>('flowguard.auditWorkspace');
    timing('Audit Workspace command (fixture workspace)', Date.now() - t0);
    assert.ok(summary, 'the command returns the summary');
    assert.equal(summary.cancelled, false);
    // Eight workflows and a GitLab pipeline; config/app.yml is YAML but not a pipeline file.
    assert.equal(summary.files, 9);
    assert.ok(summary.skipped >= 1, `skipped ${summary.skipped}`);
    assert.equal(summary.byRule['unpinned-uses'], 4);
    assert.equal(summary.byPlatform.gitlab, 1);
    assert.equal(summary.byPlatform.github, summary.findings - 1);
    assert.equal(summary.byRule['gitlab-unpinned-image'], 1);
    assert.equal(summary.findings, summary.perFile.reduce((n, f) => n + f.findings, 0));
    const paths = summary.perFile.map((f) => f.path);
    for (const p of ['audit-only.yml', 'ci.yml', 'hover.yml', 'quickfix.yml', 'permissions.yml']) assert.ok(paths.includes(`.github/workflows/${p}`), `${p} in ${paths}`);
    assert.equal(summary.perFile.find((f) => f.path === '.gitlab-ci.yml')?.kind, 'gitlab-ci');
    assert.ok(!paths.includes('.github/workflows/clean.yml') && !paths.includes('config/app.yml'), `quiet files stay quiet: ${paths}`);
    const [d] = await waitForDiagnostics(unopened, 'unpinned-uses', 5000);
    assert.equal(d.range.start.line, 9);
  });

  test('an audited file that is not open: re-linted when it changes on disk, its findings gone when it is deleted', async () => {
    const uri = fixture('.github/workflows/short-lived.yml');
    const workflow = 'on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: some-org/one@main\n';
    const write = (text: string) => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    try {
      await write(workflow);
      await vscode.commands.executeCommand('flowguard.auditWorkspace');
      await waitForDiagnostics(uri, 'unpinned-uses');
      await write(workflow + '      - uses: some-org/two@main\n');
      await waitFor('two findings after the change on disk', () => flowguardDiagnostics(uri, 'unpinned-uses').length === 2, 10_000);
      await vscode.workspace.fs.delete(uri);
      await waitForNoDiagnostics(uri, 'unpinned-uses', 10_000);
    } finally {
      await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    }
  });
});
