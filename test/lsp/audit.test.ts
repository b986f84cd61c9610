// flowguard/auditWorkspace over stdio: the walk (node_modules, .git and exclude globs skipped), progress
// through window/workDoneProgress, diagnostics for files that are not open, the summary, cancellation,
// and the WorkspaceView's confinement to the folder.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import type { AuditSummary } from '../../server/src/lsp/protocol.js';
import { folderView } from '../../server/src/lsp/workspace.js';
import { serverMissing, TestClient, uriOf } from './client.js';

const skip = serverMissing();

const UNPINNED = `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: tj-actions/changed-files@v45
      - uses: some-org/no-version
`;
const ACTION = `name: my action
description: composite
runs:
  using: composite
  steps:
    - uses: some-org/thing@main
`;

function write(root: string, rel: string, text: string) {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
}

describe('flowguard/auditWorkspace', { skip }, () => {
  let root: string;
  let client: TestClient;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'flowguard-audit-'));
    write(root, '.github/workflows/a.yml', UNPINNED);
    write(root, '.github/workflows/open.yml', UNPINNED);
    write(root, '.github/workflows/clean.yml', 'on: push\njobs: {}\n');
    write(root, 'actions/x/action.yml', ACTION);
    write(root, 'node_modules/pkg/.github/workflows/n.yml', UNPINNED);
    write(root, '.git/x/.github/workflows/g.yml', UNPINNED);
    write(root, 'vendor/.github/workflows/v.yml', UNPINNED);
    write(root, 'config/random.yml', 'a: 1\n');
    client = await TestClient.start({ root, settings: { debounceMs: 0, exclude: ['vendor/**'] } });
  });
  after(async () => {
    await client?.shutdown();
    rmSync(root, { recursive: true, force: true });
  });

  it('lints every pipeline file, reports progress, publishes for closed files and returns the totals', async () => {
    const openUri = uriOf(join(root, '.github/workflows/open.yml'));
    client.open(openUri, UNPINNED + '      - uses: other/one@main\n');
    await client.diagnosticsFor(openUri, 1);
    const openPublications = client.diagnostics.get(openUri)!.length;

    const summary = (await client.conn.sendRequest('flowguard/auditWorkspace', { workDoneToken: 'audit-1' })) as AuditSummary;
    assert.equal(summary.cancelled, false);
    assert.equal(summary.files, 4, JSON.stringify(summary)); // a, open, clean, action.yml
    assert.equal(summary.skipped, 1); // config/random.yml (unknown kind)
    const paths = summary.perFile.map((f) => f.path).sort();
    assert.deepEqual(paths, ['.github/workflows/a.yml', '.github/workflows/open.yml', 'actions/x/action.yml']);
    const open = summary.perFile.find((f) => f.path === '.github/workflows/open.yml')!;
    assert.ok(open.findings >= 3, 'the open document is audited from its live text');
    assert.equal(summary.findings, summary.perFile.reduce((n, f) => n + f.findings, 0));
    assert.equal(summary.byRule['unpinned-uses'] >= 5, true, JSON.stringify(summary.byRule));
    assert.equal(summary.byPlatform.github, summary.findings);
    assert.equal(Object.values(summary.bySeverity).reduce((a, b) => a + b, 0), summary.findings);
    assert.ok(summary.bySeverity.high >= 2);

    // Progress: begin, reports with percentages, end.
    const mine = client.progress.filter((p) => p.token === 'audit-1').map((p) => p.value);
    assert.equal(mine[0].kind, 'begin');
    assert.equal(mine.at(-1)!.kind, 'end');
    const percents = mine.filter((v) => v.kind === 'report').map((v) => (v as { percentage?: number }).percentage ?? 0);
    assert.ok(percents.length >= 2 && percents.at(-1) === 100, JSON.stringify(percents));

    // Closed files get diagnostics; the open one keeps its live diagnostics; skipped trees get nothing.
    const closed = client.lastDiagnostics(uriOf(join(root, '.github/workflows/a.yml')));
    assert.ok(closed && closed.diagnostics.some((d) => d.code === 'unpinned-uses'));
    assert.equal(client.diagnostics.get(openUri)!.length, openPublications);
    for (const skipped of ['node_modules/pkg/.github/workflows/n.yml', '.git/x/.github/workflows/g.yml', 'vendor/.github/workflows/v.yml']) {
      assert.equal(client.diagnostics.get(uriOf(join(root, skipped))), undefined, skipped);
    }
  });

  it('keeps an audited file\'s diagnostics true to the disk: re-linted when it changes, cleared when it is deleted', async () => {
    // The server asks to be told of YAML changes and deletions (as well as its config files).
    const watchers = client.registrations
      .filter((r) => r.method === 'workspace/didChangeWatchedFiles')
      .flatMap((r) => (r.registerOptions as { watchers: { globPattern: string; kind?: number }[] }).watchers);
    assert.ok(watchers.some((w) => w.globPattern === '**/*.{yml,yaml}' && w.kind === (1 | 2 | 4)), JSON.stringify(watchers));
    const rel = '.github/workflows/gone.yml';
    const uri = uriOf(join(root, rel));
    write(root, rel, UNPINNED);
    await client.conn.sendRequest('flowguard/auditWorkspace', {});
    const first = client.lastDiagnostics(uri)!;
    assert.equal(first.diagnostics.filter((d) => d.code === 'unpinned-uses').length, 2);

    // Changed on disk (a checkout, another editor): linted again.
    write(root, rel, UNPINNED + '      - uses: third/party@main\n');
    const seen = client.diagnostics.get(uri)!.length;
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
    await client.waitFor(() => client.diagnostics.get(uri)!.length > seen, 'diagnostics after the change');
    assert.equal(client.lastDiagnostics(uri)!.diagnostics.filter((d) => d.code === 'unpinned-uses').length, 3);

    // Deleted: its diagnostics go, and the Problems panel no longer points at a file that is not there.
    rmSync(join(root, rel));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
    await client.waitFor(() => client.lastDiagnostics(uri)!.diagnostics.length === 0, 'diagnostics cleared after the deletion');

    // Created again (git unlinks a file before it writes the new one): linted again.
    const unpinned = () => client.lastDiagnostics(uri)!.diagnostics.filter((d) => d.code === 'unpinned-uses').length;
    write(root, rel, UNPINNED);
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 1 }] });
    await client.waitFor(() => unpinned() === 2, 'diagnostics after the file came back');

    // A writer truncates before it writes: the event for the empty file publishes nothing, and the file is still
    // followed, so the event for the written text brings its findings.
    write(root, rel, '');
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
    await client.waitFor(() => client.lastDiagnostics(uri)!.diagnostics.length === 0, 'no diagnostics for the empty file');
    write(root, rel, UNPINNED);
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
    await client.waitFor(() => unpinned() === 2, 'diagnostics after the text was written');
    rmSync(join(root, rel));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
    await client.waitFor(() => client.lastDiagnostics(uri)!.diagnostics.length === 0, 'diagnostics cleared after the second deletion');

    // A change event for a file that was never audited publishes nothing.
    const other = uriOf(join(root, 'config/random.yml'));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: other, type: 2 }] });
    const after = client.diagnostics.get(uri)!.length;
    // A round trip: notifications are handled in order, so the change event has been by the time this answers.
    await client.conn.sendRequest('textDocument/hover', { textDocument: { uri: other }, position: { line: 0, character: 0 } });
    assert.equal(client.diagnostics.get(other), undefined);
    assert.equal(client.diagnostics.get(uri)!.length, after, 'nothing more for the deleted file');
  });

  it('re-lints many changed files one per event-loop turn, answering requests in between', async () => {
    const rels = Array.from({ length: 300 }, (_, i) => `burst/.github/workflows/w${i}.yml`);
    for (const rel of rels) write(root, rel, UNPINNED);
    await client.conn.sendRequest('flowguard/auditWorkspace', {});
    const uris = rels.map((rel) => uriOf(join(root, rel)));
    const counts = () => uris.map((u) => client.diagnostics.get(u)?.length ?? 0);
    const before = counts();
    assert.ok(before.every((n) => n === 1), 'every copy was audited once');
    for (const rel of rels) write(root, rel, UNPINNED + '      - uses: third/party@main\n');
    // A branch switch: one notification for all of them, then a request right behind it.
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: uris.map((uri) => ({ uri, type: 2 })) });
    await client.conn.sendRequest('textDocument/hover', { textDocument: { uri: uris[0] }, position: { line: 0, character: 0 } });
    const relintedWhenAnswered = counts().filter((n) => n > 1).length;
    assert.ok(relintedWhenAnswered < uris.length / 2, `the request waited for ${relintedWhenAnswered} of ${uris.length} files`);
    await client.waitFor(() => counts().every((n) => n === 2), 'every changed file linted again');
    assert.ok(uris.every((u) => client.lastDiagnostics(u)!.diagnostics.filter((d) => d.code === 'unpinned-uses').length === 3));
    rmSync(join(root, 'burst'), { recursive: true, force: true });
    for (const uri of uris) await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
    await client.waitFor(() => uris.every((u) => client.lastDiagnostics(u)!.diagnostics.length === 0), 'cleared after the deletion');
  });

  it('creates its own progress when the client gives no token, and stops when cancelled', async () => {
    for (let i = 0; i < 400; i++) write(root, `many/.github/workflows/w${i}.yml`, UNPINNED);
    const source = new CancellationTokenSource();
    const before = client.createdProgressTokens.length;
    const pending = client.conn.sendRequest('flowguard/auditWorkspace', {}, source.token) as Promise<AuditSummary>;
    await client.waitFor(() => client.createdProgressTokens.length > before, 'window/workDoneProgress/create');
    const token = client.createdProgressTokens.at(-1)!;
    await client.waitFor(() => client.progress.some((p) => p.token === token && p.value.kind === 'report' && (p.value.percentage ?? 0) > 0), 'the audit under way');
    source.cancel();
    const summary = await pending;
    assert.equal(summary.cancelled, true);
    assert.ok(summary.files < 404, `cancelled audit still linted ${summary.files} files`);
    assert.ok(client.progress.some((p) => p.token === token && p.value.kind === 'end'));
    rmSync(join(root, 'many'), { recursive: true, force: true });
  });

  it('rejects folders that are not workspace folders with a clear error', async () => {
    await assert.rejects(client.conn.sendRequest('flowguard/auditWorkspace', { folders: ['file:///somewhere/else'] }), /not a workspace folder/);
    await assert.rejects(client.conn.sendRequest('flowguard/auditWorkspace', { folders: 'nope' }), /must be an array/);
  });
});

describe('WorkspaceView over a folder', () => {
  it('reads files inside the folder and nothing outside it, symlinks included', () => {
    const base = mkdtempSync(join(tmpdir(), 'flowguard-view-'));
    try {
      const root = join(base, 'ws');
      write(root, '.github/actions/local/action.yml', ACTION);
      write(base, 'secret.txt', 'outside');
      symlinkSync(join(base, 'secret.txt'), join(root, 'link.txt'));
      symlinkSync(base, join(root, 'up'));
      const view = folderView(root);
      assert.equal(view.readFile('.github/actions/local/action.yml'), ACTION);
      assert.equal(view.readFile('./.github/actions/local/action.yml'), ACTION);
      assert.equal(view.readFile('../secret.txt'), undefined);
      assert.equal(view.readFile('.github/../../secret.txt'), undefined);
      assert.equal(view.readFile(join(base, 'secret.txt')), undefined);
      assert.equal(view.readFile('link.txt'), undefined, 'symlink to a file outside');
      assert.equal(view.readFile('up/secret.txt'), undefined, 'symlinked directory outside');
      assert.equal(view.readFile('.github'), undefined, 'directories are not files');
      assert.equal(view.readFile('missing.yml'), undefined);
      const live = folderView(root, (p) => (p === join(root, 'open.yml') ? 'live text' : undefined));
      assert.equal(live.readFile('open.yml'), 'live text', 'open documents win over the disk');
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
