// The language server over stdio with a real LSP client: diagnostics, quick fixes, the ignore action,
// source.fixAll.flowguard, hover, flowguard/* requests, workspace/configuration and .flowguard.yml.
// Needs the bundle: `npm run build` first (the test skips with a message otherwise).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CodeActionRequest,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  HoverRequest,
  type CodeAction,
  type Diagnostic,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { applyTextEdits, editsFor, serverMissing, TestClient, uriOf } from './client.js';

const skip = serverMissing();

const WORKFLOW = `name: ci
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: tj-actions/changed-files@v45
      - uses: some-org/no-version
      - run: echo fixme
      - run: echo fixme again
`;

function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'flowguard-lsp-'));
  mkdirSync(join(root, '.github', 'workflows'), { recursive: true });
  return root;
}

const byCode = (diags: Diagnostic[], code: string) => diags.filter((d) => d.code === code);
const rangeText = (text: string, d: { range: Diagnostic['range'] }) => {
  const lines = text.split('\n');
  return lines[d.range.start.line].slice(d.range.start.character, d.range.start.line === d.range.end.line ? d.range.end.character : undefined);
};

describe('language server over stdio', { skip }, () => {
  let root: string;
  let client: TestClient;
  let settings: Record<string, unknown>;
  let n = 0;
  /** A fresh workflow document (unique path) with its text, opened. */
  const openWorkflow = (text = WORKFLOW) => {
    const path = join(root, '.github', 'workflows', `wf${++n}.yml`);
    writeFileSync(path, text);
    const uri = uriOf(path);
    client.open(uri, text);
    return uri;
  };

  before(async () => {
    root = workspace();
    settings = { debounceMs: 0 };
    client = await TestClient.start({ root, settings: () => settings, env: { FLOWGUARD_TEST_HOOKS: 'fixable-rule' } });
  });
  after(async () => {
    await client?.shutdown();
    rmSync(root, { recursive: true, force: true });
  });

  it('publishes diagnostics with the rule id as code, the doc link, mapped severity and related info', async () => {
    const uri = openWorkflow();
    const { diagnostics, version } = await client.diagnosticsFor(uri, 1);
    assert.equal(version, 1);
    const tag = byCode(diagnostics, 'unpinned-uses').find((d) => rangeText(WORKFLOW, d) === 'tj-actions/changed-files@v45');
    assert.ok(tag, `no unpinned-uses on the tag: ${JSON.stringify(diagnostics)}`);
    assert.equal(tag.source, 'flowguard');
    assert.equal(tag.severity, DiagnosticSeverity.Warning, 'medium -> Warning');
    assert.match(tag.codeDescription?.href ?? '', /^file:\/\/.*\/dist\/docs\/rules\/unpinned-uses\.md$/);
    const noVersion = byCode(diagnostics, 'unpinned-uses').find((d) => rangeText(WORKFLOW, d) === 'some-org/no-version');
    assert.equal(noVersion?.severity, DiagnosticSeverity.Error, 'high -> Error');
    const fixme = byCode(diagnostics, 'test-fixable-rule');
    assert.equal(fixme.length, 2);
    assert.deepEqual(fixme[0].relatedInformation?.[0].location, { uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 8 } } });
    assert.equal(fixme[0].relatedInformation?.[0].message, 'the document starts here');
  });

  it('offers the safe fix as the preferred quick fix, and applying it removes the finding', async () => {
    const uri = openWorkflow();
    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    const target = byCode(diagnostics, 'test-fixable-rule')[0];
    const actions = (await client.conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: target.range,
      context: { diagnostics: [target], only: ['quickfix'] },
    })) as CodeAction[];
    const safe = actions.find((a) => a.title === 'Replace with fixed');
    const unsafe = actions.find((a) => a.title.startsWith('Replace with removed'));
    assert.ok(safe && unsafe, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(safe.isPreferred, true);
    assert.notEqual(unsafe.isPreferred, true);
    assert.match(unsafe.title, /review/);
    assert.deepEqual(safe.diagnostics?.[0].code, 'test-fixable-rule');
    // The edit names the version it was computed on, so a client refuses it on a newer document.
    const dc = safe.edit?.documentChanges?.[0];
    assert.ok(dc && 'textDocument' in dc && dc.textDocument.version === 1);
    const fixed = applyTextEdits(WORKFLOW, editsFor(safe.edit, uri));
    assert.match(fixed, /echo fixed\n {6}- run: echo fixme again/);
    client.change(uri, 2, fixed);
    const after = await client.diagnosticsFor(uri, 2);
    assert.equal(byCode(after.diagnostics, 'test-fixable-rule').length, 1);
  });

  it('offers "ignore here" that adds a flowguard: ignore comment which silences the finding', async () => {
    const uri = openWorkflow();
    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    const target = byCode(diagnostics, 'unpinned-uses')[0];
    const actions = (await client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: target.range, context: { diagnostics: [target] } })) as CodeAction[];
    const ignore = actions.find((a) => a.title.startsWith('Ignore unpinned-uses'));
    assert.ok(ignore, JSON.stringify(actions.map((a) => a.title)));
    // Without `only` (the lightbulb), fix-all is offered as a quick fix too.
    assert.equal(actions.find((a) => a.title.startsWith('Fix all safe FlowGuard problems'))?.kind, 'quickfix');
    const text = applyTextEdits(WORKFLOW, editsFor(ignore.edit, uri));
    assert.match(text, /\n {6}# flowguard: ignore\[unpinned-uses\]\n {6}- uses: tj-actions\/changed-files@v45/);
    client.change(uri, 2, text);
    const after = await client.diagnosticsFor(uri, 2);
    assert.equal(byCode(after.diagnostics, 'unpinned-uses').length, byCode(diagnostics, 'unpinned-uses').length - 1);
  });

  it('source.fixAll.flowguard applies every safe fix and no unsafe one', async () => {
    const uri = openWorkflow();
    await client.diagnosticsFor(uri, 1);
    const actions = (await client.conn.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    assert.equal(actions.length, 1, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(actions[0].kind, 'source.fixAll.flowguard');
    const text = applyTextEdits(WORKFLOW, editsFor(actions[0].edit, uri));
    // Other rules' safe fixes may apply too; the test rule's safe fix must, its unsafe one must not.
    assert.match(text, /- run: echo fixed\n {6}- run: echo fixed again\n/);
    assert.doesNotMatch(text, /fixme|removed/);
    client.change(uri, 2, text);
    const after = await client.diagnosticsFor(uri, 2);
    assert.equal(byCode(after.diagnostics, 'test-fixable-rule').length, 0);
  });

  it('hovers a flagged range with the rule title, message, why/how from the doc and a link', async () => {
    const uri = openWorkflow();
    await client.diagnosticsFor(uri, 1);
    const hover = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 6, character: 20 } });
    assert.ok(hover, 'no hover');
    const md = (hover.contents as MarkupContent).value;
    assert.equal((hover.contents as MarkupContent).kind, 'markdown');
    assert.match(md, /Action or reusable workflow not pinned to a full commit SHA/);
    assert.match(md, /tj-actions\/changed-files/);
    assert.match(md, /\*\*Why it matters\*\*[\s\S]*Tags and branches are mutable/);
    assert.match(md, /\*\*How to fix\*\*/);
    assert.match(md, /\[Documentation for `unpinned-uses`\]\(file:\/\/.*unpinned-uses\.md\)/);
    assert.deepEqual(hover.range, { start: { line: 6, character: 14 }, end: { line: 6, character: 42 } });
    const nothing = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 1 } });
    assert.equal(nothing, null);
  });

  it('hovers a permission scope with what it allows (registered platform provider)', async () => {
    const text = 'on: push\npermissions:\n  contents: read\n  issues: write\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n';
    const uri = openWorkflow(text);
    await client.diagnosticsFor(uri, 1);
    const hover = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 3, character: 4 } });
    assert.ok(hover, 'no hover on the scope');
    const md = (hover.contents as MarkupContent).value;
    assert.match(md, /issues/);
    assert.ok(hover.range && hover.range.start.line <= 3 && hover.range.end.line >= 3, JSON.stringify(hover.range));
  });

  it('flowguard/ruleDocs returns the doc; unknown rules are a clear error', async () => {
    const docs = (await client.conn.sendRequest('flowguard/ruleDocs', { ruleId: 'unpinned-uses' })) as { markdown: string; localUri?: string; webUrl: string; title: string };
    assert.match(docs.markdown, /^# unpinned-uses\n/);
    assert.match(docs.localUri ?? '', /^file:.*unpinned-uses\.md$/);
    assert.match(docs.webUrl, /^https:\/\/.*unpinned-uses\.md$/);
    await assert.rejects(client.conn.sendRequest('flowguard/ruleDocs', { ruleId: 'no-such-rule' }), /Unknown FlowGuard rule/);
  });

  it('flowguard/fixAll applies safe fixes through workspace/applyEdit and refuses a stale version', async () => {
    const uri = openWorkflow();
    await client.diagnosticsFor(uri, 1);
    const stale = (await client.conn.sendRequest('flowguard/fixAll', { uri, version: 0 })) as { applied: boolean; reason?: string };
    assert.equal(stale.applied, false);
    assert.match(stale.reason ?? '', /Stale document/);
    const preview = (await client.conn.sendRequest('flowguard/fixAll', { uri, version: 1, apply: false })) as { applied: boolean; fixes: number; edits: unknown[] };
    assert.equal(preview.applied, false);
    assert.ok(preview.fixes >= 2, `fixes: ${preview.fixes}`);
    const before = client.appliedEdits.length;
    const res = (await client.conn.sendRequest('flowguard/fixAll', { uri, version: 1 })) as { applied: boolean; fixes: number };
    assert.equal(res.applied, true);
    assert.equal(client.appliedEdits.length, before + 1);
    assert.match(client.texts.get(uri)?.text ?? '', /- run: echo fixed\n {6}- run: echo fixed again\n/);
    assert.doesNotMatch(client.texts.get(uri)?.text ?? '', /fixme|removed/);
  });

  it('reads settings through workspace/configuration per document and re-checks on change', async () => {
    const uri = openWorkflow();
    const first = await client.diagnosticsFor(uri, 1);
    assert.ok(client.configurationRequests.some((c) => c.section === 'flowguard' && c.scopeUri === uri));
    assert.ok(byCode(first.diagnostics, 'test-fixable-rule').length > 0);
    settings = { debounceMs: 0, minSeverity: 'high', docsLinks: 'web' };
    const count = client.diagnostics.get(uri)!.length;
    await client.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await client.waitFor(() => client.diagnostics.get(uri)!.length > count, 'diagnostics after the settings change');
    const d = client.lastDiagnostics(uri)!.diagnostics;
    assert.deepEqual([...new Set(d.map((x) => x.severity))], [DiagnosticSeverity.Error], 'only high findings remain');
    assert.match(byCode(d, 'unpinned-uses')[0]?.codeDescription?.href ?? '', /^https:\/\/github\.com\/.*unpinned-uses\.md$/);
    settings = { debounceMs: 0, enable: false };
    const count2 = client.diagnostics.get(uri)!.length;
    await client.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await client.waitFor(() => client.diagnostics.get(uri)!.length > count2, 'diagnostics after disabling');
    assert.deepEqual(client.lastDiagnostics(uri)!.diagnostics, []);
    // Invalid values are logged and replaced by defaults, the server keeps going.
    settings = { debounceMs: -5, minSeverity: 'extreme' };
    await client.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await client.waitFor(() => client.logs.some((l) => /flowguard\.minSeverity must be one of/.test(l.message)), 'a settings warning');
    await client.waitFor(() => (client.lastDiagnostics(uri)?.diagnostics.length ?? 0) > 0, 'diagnostics with default settings');
    settings = { debounceMs: 0 };
    await client.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  });

  it('registers a watcher for .flowguard.yml; a change takes effect and config problems land on the file', async () => {
    assert.ok(client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'), 'no dynamic watcher registration');
    const uri = openWorkflow();
    const first = await client.diagnosticsFor(uri, 1);
    assert.ok(byCode(first.diagnostics, 'unpinned-uses').length > 0);
    const cfgPath = join(root, '.flowguard.yml');
    const cfgUri = uriOf(cfgPath);
    writeFileSync(cfgPath, 'rules:\n  unpinned-uses: off\n');
    const count = client.diagnostics.get(uri)!.length;
    await client.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: cfgUri, type: FileChangeType.Created }] });
    await client.waitFor(() => client.diagnostics.get(uri)!.length > count, 're-check after the config change');
    assert.equal(byCode(client.lastDiagnostics(uri)!.diagnostics, 'unpinned-uses').length, 0);
    assert.ok(byCode(client.lastDiagnostics(uri)!.diagnostics, 'test-fixable-rule').length > 0);

    writeFileSync(cfgPath, 'rules:\n  unpinned-uses: off\nmin-severty: high\n');
    await client.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: cfgUri, type: FileChangeType.Changed }] });
    await client.waitFor(() => (client.lastDiagnostics(cfgUri)?.diagnostics.length ?? 0) > 0, 'config problems');
    const problems = client.lastDiagnostics(cfgUri)!;
    assert.equal(problems.diagnostics.length, 1, JSON.stringify(problems.diagnostics));
    assert.match(String(problems.diagnostics[0].message), /min-severty/);
    assert.equal(problems.diagnostics[0].range.start.line, 2);

    rmSync(cfgPath);
    await client.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: cfgUri, type: FileChangeType.Deleted }] });
    await client.waitFor(() => byCode(client.lastDiagnostics(uri)!.diagnostics, 'unpinned-uses').length > 0, 'unpinned-uses back after deleting the config');
    assert.deepEqual(client.lastDiagnostics(cfgUri)!.diagnostics, [], 'config problems cleared');
  });

  it('validates an open .flowguard.yml as you type', async () => {
    const cfgUri = uriOf(join(root, '.flowguard.yaml'));
    client.open(cfgUri, 'rules:\n  unpinned-uses: off\npersona: wizard\n');
    const bad = await client.diagnosticsFor(cfgUri, 1);
    assert.equal(bad.diagnostics.length, 1, JSON.stringify(bad.diagnostics));
    assert.equal(bad.diagnostics[0].code, 'flowguard-config');
    assert.equal(bad.diagnostics[0].range.start.line, 2);
    client.change(cfgUri, 2, 'rules:\n  unpinned-uses: off\npersona: auditor\n');
    assert.deepEqual((await client.diagnosticsFor(cfgUri, 2)).diagnostics, []);
    client.close(cfgUri);
  });

  it('follows workspace folders being added and removed, each with its own .flowguard.yml', async () => {
    const other = workspace();
    try {
      writeFileSync(join(other, '.github', 'flowguard.yml'), 'rules:\n  test-fixable-rule: off\n');
      const uri = uriOf(join(other, '.github', 'workflows', 'x.yml'));
      client.open(uri, WORKFLOW);
      const outside = await client.diagnosticsFor(uri, 1);
      assert.ok(byCode(outside.diagnostics, 'test-fixable-rule').length > 0, 'no folder yet: no config applies');
      await client.conn.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: uriOf(other), name: 'other' }], removed: [] } });
      await client.waitFor(() => byCode(client.lastDiagnostics(uri)!.diagnostics, 'test-fixable-rule').length === 0, 'the new folder config applied');
      await client.conn.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: uriOf(other), name: 'other' }] } });
      await client.waitFor(() => byCode(client.lastDiagnostics(uri)!.diagnostics, 'test-fixable-rule').length > 0, 'the folder config gone with the folder');
      client.close(uri);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
