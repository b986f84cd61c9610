// The audit report panel (with the workflows ranked by the token their jobs get) and Export Report (SARIF, JSON,
// Markdown through the bundled CLI).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FlowGuardApi } from '../../client/src/extension.js';
import { reportHtml, type ReportModel } from '../../client/src/report.js';
import type { AuditSummary } from '../../server/src/lsp/protocol.js';
import { EXTENSION_ID, fixture, open, waitFor } from './helpers.js';

// Written, opened and removed by the token permissions test (the fixture workflows all grant contents: read).
const TOKEN_FIXTURES: Record<string, string> = {
  '.github/workflows/tokens.yml': [
    'name: tokens',
    'on: push',
    'permissions: write-all',
    'jobs:',
    '  release:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: softprops/action-gh-release@c95fe1489396fe8a9eb87c0abf8aa5b2ef267fda # v2.2.1',
    '  lint:',
    '    runs-on: ubuntu-latest',
    '    permissions:',
    '      contents: read',
    '    steps:',
    '      - run: make lint',
    '',
  ].join('\n'),
  '.github/workflows/default-token.yml': [
    'name: default-token',
    'on: push',
    'jobs:',
    '  deploy:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: some-org/deploy-action@0123456789abcdef0123456789abcdef01234567 # v1',
    '',
  ].join('\n'),
};

suite('reports', () => {
  test('Show Report opens the report panel over the last audit', async () => {
    await vscode.commands.executeCommand('flowguard.auditWorkspace');
    const model = await vscode.commands.executeCommand<ReportModel>('flowguard.showReport');
    assert.ok(model, 'the command returns the report model');
    assert.equal(model.summary.files, 9);
    assert.equal(model.summary.byPlatform.gitlab, 1);
    assert.ok(model.findings.some((f) => f.ruleId === 'unpinned-uses' && f.path === '.github/workflows/ci.yml'));
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    await waitFor(`a FlowGuard Report tab among ${JSON.stringify(tabs().map((t) => [t.label, (t.input as { viewType?: string })?.viewType]))}`, () =>
      tabs().some((t) => t.label === 'FlowGuard Report' && t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('flowguard.report')), 5000);
  });

  test('the report\'s Audit again button audits the workspace, and the panel shows that audit', async () => {
    await vscode.commands.executeCommand('flowguard.showReport');
    const api = vscode.extensions.getExtension<FlowGuardApi>(EXTENSION_ID)!.exports;
    const panel = api.reportPanel();
    assert.ok(panel, 'the report panel is open');
    // The page: the button, wired to post { type: 'audit' } (a webview's page cannot be clicked from here).
    const html = reportHtml(panel.model, 'vscode-webview:', 'nonce');
    assert.match(html, /<button id="reaudit" type="button">Audit again<\/button>/);
    assert.match(html, /getElementById\('reaudit'\)\.addEventListener\('click', \(\) => vscode\.postMessage\(\{ type: 'audit' \}\)\)/);
    assert.match(html, /token permissions are those of this audit; the findings list at the end follows your edits/);
    // The panel's side: what the page's message does.
    const before = api.store.lastAudit;
    await panel.receive({ type: 'audit' });
    assert.ok(api.store.lastAudit && api.store.lastAudit !== before, 'a new audit is recorded');
    await waitFor('the panel to show the new audit', () => panel.model.summary === api.store.lastAudit, 5000);
  });

  test('Broadest token permissions: workflows ranked by the token their jobs get, linked to the grant', async () => {
    const uris = Object.keys(TOKEN_FIXTURES).map((p) => fixture(p));
    try {
      for (const [path, text] of Object.entries(TOKEN_FIXTURES)) {
        await vscode.workspace.fs.writeFile(fixture(path), new TextEncoder().encode(text));
        // Open, so closing them afterwards clears their diagnostics (an audit of a closed file keeps them).
        await open(path);
      }
      const summary = await vscode.commands.executeCommand<AuditSummary>('flowguard.auditWorkspace');
      assert.equal(summary?.tokenPermissions?.length, 10, 'the eight fixture workflows and the two written here');
      const model = await vscode.commands.executeCommand<ReportModel>('flowguard.showReport');
      const table = model?.broadestPermissions;
      assert.ok(table, 'the report has the token permissions of the audit');
      const [writeAll, dflt, ...rest] = table.rows;
      assert.deepEqual(
        [writeAll.path, writeAll.token, writeAll.writes, writeAll.needed, writeAll.neededScopes, writeAll.excess, writeAll.line, writeAll.character],
        ['.github/workflows/tokens.yml', 'write-all (job release)', '18', 1, ['contents'], '17', 2, 0],
      );
      assert.equal(writeAll.uri, uris[0].toString());
      assert.deepEqual(writeAll.jobs, [
        { job: 'release', line: 2, text: 'release: write-all, 18 write (17 unneeded)' },
        { job: 'lint', line: 10, text: 'lint: permissions block, 0 write' },
      ]);
      assert.deepEqual(
        [dflt.path, dflt.token, dflt.writes, dflt.needed, dflt.excess, dflt.line, dflt.character],
        ['.github/workflows/default-token.yml', 'default token (unknown)', 'up to 17', 0, 'unknown', 3, 2],
      );
      // The fixture workflows grant contents: read; earlier tests of a full run may have fixed some to contents: write.
      for (const r of rest) assert.deepEqual([r.writes, r.neededScopes, r.excess], ['1', ['contents'], '0'], JSON.stringify(r));
      assert.equal(table.rows.length + table.readOnly, 10);
      assert.deepEqual([table.hasUnknownDefault, table.hasUnknownExcess], [true, true]);

      // The panel's table: ranked rows linking to the grant, the unknowns explained.
      const html = reportHtml(model, 'vscode-webview:', 'nonce');
      const section = html.slice(html.indexOf('<h2>Broadest token permissions</h2>'), html.indexOf('<h2>Files</h2>'));
      assert.ok(section.includes(`<a href="#" data-uri="${uris[0].toString()}" data-line="2" data-character="0">.github/workflows/tokens.yml</a>`), section);
      assert.ok(section.indexOf('tokens.yml') < section.indexOf('default-token.yml'), 'write-all ranks first');
      assert.match(section, /<td class="num" title="actions, artifact-metadata, [^"]*statuses">18<\/td>/);
      assert.match(section, /Default token \(unknown\): no <code>permissions:<\/code> block applies/);
      assert.match(section, /Unknown: a job runs a step FlowGuard cannot analyse/);

      // The Markdown export has the same table, from the CLI.
      const target = fixture('out/report-tokens.md');
      await vscode.commands.executeCommand('flowguard.exportReport', 'markdown', target);
      const md = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
      assert.match(md, /## Broadest token permissions\n\n\| workflow \| token \| write scopes granted \| needed \| excess \|\n\|---\|---\|---:\|---:\|---:\|\n/);
      assert.match(md, /\| `\.github\/workflows\/tokens\.yml:3`<br>release: write-all, 18 write \(17 unneeded\); lint: permissions block, 0 write \| write-all \(job release\) \| 18 \| 1 \(contents\) \| 17 \|\n\| `\.github\/workflows\/default-token\.yml:4` \| default token \(unknown\) \| up to 17 \| 0 \| unknown \|\n/);
    } finally {
      const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && uris.some((u) => u.toString() === (t.input as vscode.TabInputText).uri.toString()));
      await vscode.window.tabGroups.close(tabs);
      for (const uri of uris) await vscode.workspace.fs.delete(uri);
      // Leave the fixture's own audit behind for the next tests.
      await vscode.commands.executeCommand('flowguard.auditWorkspace');
    }
  });

  for (const [format, file] of [['sarif', 'report.sarif'], ['json', 'report.json'], ['markdown', 'report.md']] as const) {
    test(`Export Report writes ${format}`, async () => {
      const target = fixture(`out/${file}`);
      const result = await vscode.commands.executeCommand<{ findings: number }>('flowguard.exportReport', format, target);
      assert.ok(result && result.findings > 0, JSON.stringify(result));
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
      if (format === 'sarif') {
        const sarif = JSON.parse(text);
        assert.equal(sarif.version, '2.1.0');
        assert.ok(sarif.runs[0].results.some((r: { ruleId: string }) => r.ruleId === 'unpinned-uses'));
      } else if (format === 'json') {
        const findings = JSON.parse(text) as { ruleId: string; file: string }[];
        assert.equal(findings.length, result.findings);
        assert.ok(findings.some((f) => f.ruleId === 'unpinned-uses' && f.file === '.github/workflows/ci.yml'));
      } else {
        assert.match(text, /^# FlowGuard report: /);
        assert.match(text, /\| `\.github\/workflows\/ci\.yml:11:15` \| `unpinned-uses` \|/);
      }
    });
  }
});
