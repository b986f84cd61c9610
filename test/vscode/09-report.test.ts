// The audit report panel and Export Report (SARIF, JSON, Markdown through the bundled CLI).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ReportModel } from '../../client/src/report.js';
import { fixture, waitFor } from './helpers.js';

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
