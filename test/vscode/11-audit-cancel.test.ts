// Cancelling Audit Workspace. The command takes an optional CancellationToken (combined with the progress
// notification's own Cancel); the server stops between files and answers with what it has, `cancelled: true`.
// Runs last: it adds a folder of workflow copies to the shared workspace for the duration of the suite.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { AuditSummary } from '../../server/src/lsp/protocol.js';
import { fixture, flowguardDiagnostics, open, timing, waitForDiagnostics, waitForNoDiagnostics } from './helpers.js';

const DIR = 'audit-cancel';
const COPIES = 400;
/** Files the fixture workspace's audit lints without the copies (see 04-audit). */
const FIXTURE_FILES = 9;
const UNPINNED = 'on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/login-action@v3\n';
const PINNED = UNPINNED.replace('@v3', '@74a5d142397b4f367a81961eba4e8cd7edddf772 # v3.4.0');

function writeCopies(text: string): void {
  const dir = join(fixture(DIR).fsPath, '.github', 'workflows');
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < COPIES; i++) writeFileSync(join(dir, `w${String(i).padStart(3, '0')}.yml`), text);
}

const isCopy = (uri: vscode.Uri) => uri.path.includes(`/${DIR}/.github/workflows/`);

suite('audit cancellation', () => {
  suiteSetup(() => writeCopies(UNPINNED));
  suiteTeardown(() => rmSync(fixture(DIR).fsPath, { recursive: true, force: true }));

  test('cancelling Audit Workspace through its token stops the audit part way, with cancelled: true', async () => {
    const source = new vscode.CancellationTokenSource();
    // The audit publishes the findings of each linted copy as it goes: the first one says it is under way.
    const sub = vscode.languages.onDidChangeDiagnostics((e) => e.uris.some(isCopy) && source.cancel());
    const t0 = Date.now();
    const summary = await Promise.resolve(vscode.commands.executeCommand<AuditSummary>('flowguard.auditWorkspace', source.token)).finally(() => sub.dispose());
    timing(`Audit Workspace cancelled after ${summary?.files} of ${FIXTURE_FILES + COPIES} pipeline files`, Date.now() - t0);
    assert.ok(source.token.isCancellationRequested, 'the audit reached the copies');
    assert.ok(summary, 'the command returns the partial summary');
    assert.equal(summary.cancelled, true);
    const copies = summary.perFile.filter((f) => f.path.startsWith(`${DIR}/`)).length;
    assert.ok(copies >= 1, 'the audit had reached the copies');
    assert.ok(summary.files < FIXTURE_FILES + COPIES, `a cancelled audit stops early: ${summary.files} of ${FIXTURE_FILES + COPIES} files`);
  });

  test('after a cancelled audit the server keeps serving: an edit is linted, a full audit completes', async () => {
    const { uri, editor, doc } = await open('.github/workflows/edit.yml');
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    assert.ok(await editor.edit((e) => e.insert(end, '\n      - uses: docker/metadata-action@v5')));
    const [d] = await waitForDiagnostics(uri, 'unpinned-uses');
    assert.equal(doc.getText(d.range), 'docker/metadata-action@v5');
    assert.ok(await editor.edit((e) => e.delete(new vscode.Range(end, doc.positionAt(doc.getText().length)))));
    await waitForNoDiagnostics(uri, 'unpinned-uses');
    assert.ok(await doc.save(), 'edit.yml saved as it was');

    // Pinned copies: the full audit re-lints every copy and clears the diagnostics the cancelled one published.
    writeCopies(PINNED);
    const t0 = Date.now();
    const summary = await vscode.commands.executeCommand<AuditSummary>('flowguard.auditWorkspace');
    timing(`Audit Workspace (${FIXTURE_FILES + COPIES} pipeline files)`, Date.now() - t0);
    assert.ok(summary);
    assert.equal(summary.cancelled, false);
    assert.equal(summary.files, FIXTURE_FILES + COPIES);
    assert.ok(!summary.perFile.some((f) => f.path.startsWith(`${DIR}/`)), 'pinned copies have no findings');
    const stale = vscode.languages.getDiagnostics().filter(([u, ds]) => isCopy(u) && ds.some((x) => x.source === 'flowguard'));
    assert.deepEqual(stale.map(([u]) => u.path), [], 'no copy keeps a diagnostic');
    assert.deepEqual(flowguardDiagnostics(uri), []);
  });
});
