// The server under stress, over stdio with a real client: 1,000 open documents, bursts of didChange with
// out-of-order versions, cancelled requests, a client that disappears, a rule that throws (in the engine
// with lint's `rules` option, and in the server through the FLOWGUARD_TEST_HOOKS test-only rule).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource, CodeActionRequest, HoverRequest, LSPErrorCodes, ResponseError, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { lint, RULES, type Rule } from '../../server/src/engine/index.js';
import { THROWING_TEST_RULE } from '../../server/src/lsp/testHooks.js';
import { serverMissing, TestClient, uriOf } from './client.js';

const skip = serverMissing();

const workflow = (i: number, fixmes = 1) => `name: wf${i}
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@main
${Array.from({ length: fixmes }, (_, k) => `      - run: echo fixme ${k}\n`).join('')}`;

const codes = (d: Diagnostic[]) => d.map((x) => x.code);

function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'flowguard-lsp-stress-'));
  mkdirSync(join(root, '.github', 'workflows'), { recursive: true });
  return root;
}

describe('a rule that throws', () => {
  it('becomes one internal-error finding in the engine while the other rules still report', () => {
    const rules: Rule[] = [...RULES, THROWING_TEST_RULE];
    const { findings } = lint(workflow(0), { path: '.github/workflows/ci.yml', rules });
    const internal = findings.filter((f) => f.ruleId === 'internal-error');
    assert.equal(internal.length, 1);
    assert.match(internal[0].message, /test-throwing-rule.*exploded/);
    assert.ok(findings.some((f) => f.ruleId === 'unpinned-uses'), 'the other rules still ran');
  });

  it('becomes one internal-error diagnostic and a log line in the server, which stays up', { skip }, async () => {
    const root = workspace();
    const client = await TestClient.start({ root, settings: { debounceMs: 0 }, env: { FLOWGUARD_TEST_HOOKS: 'throwing-rule' } });
    try {
      const uri = uriOf(join(root, '.github', 'workflows', 'ci.yml'));
      client.open(uri, workflow(0));
      const { diagnostics } = await client.diagnosticsFor(uri, 1);
      assert.equal(diagnostics.filter((d) => d.code === 'internal-error').length, 1, JSON.stringify(diagnostics));
      assert.ok(codes(diagnostics).includes('unpinned-uses'));
      await client.waitFor(() => client.logs.some((l) => l.type === 1 && /test-throwing-rule exploded/.test(l.message)), 'an error log line');
      // Still serving.
      client.change(uri, 2, workflow(0) + '\n');
      assert.equal((await client.diagnosticsFor(uri, 2)).version, 2);
    } finally {
      await client.shutdown();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('language server under stress', { skip }, () => {
  let root: string;
  let client: TestClient;
  before(async () => {
    root = workspace();
    client = await TestClient.start({ root, settings: { debounceMs: 0 }, env: { FLOWGUARD_TEST_HOOKS: 'fixable-rule' } });
  });
  after(async () => {
    await client?.shutdown();
    rmSync(root, { recursive: true, force: true });
  });

  it('handles 1,000 open documents: every one gets its diagnostics and requests are still answered', async () => {
    const uris = Array.from({ length: 1000 }, (_, i) => uriOf(join(root, '.github', 'workflows', `many-${i}.yml`)));
    const started = Date.now();
    uris.forEach((uri, i) => client.open(uri, workflow(i, 1 + (i % 3))));
    await client.waitFor(() => uris.every((u) => client.lastDiagnostics(u)?.version === 1), 'diagnostics for 1,000 documents', 60_000);
    const elapsed = Date.now() - started;
    for (let i = 0; i < uris.length; i += 97) {
      const d = client.lastDiagnostics(uris[i])!.diagnostics;
      assert.equal(d.filter((x) => x.code === 'test-fixable-rule').length, 1 + (i % 3), `document ${i}`);
    }
    const hover = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri: uris[500] }, position: { line: 6, character: 20 } });
    assert.ok(hover, 'hover answered with 1,000 documents open');
    for (const u of uris) client.close(u);
    await client.waitFor(() => uris.every((u) => client.lastDiagnostics(u)?.diagnostics.length === 0), 'diagnostics cleared on close', 60_000);
    assert.ok(elapsed < 60_000);
  });

  it('drops didChange versions older than the document and publishes the newest text last', async () => {
    const uri = uriOf(join(root, '.github', 'workflows', 'burst.yml'));
    client.open(uri, workflow(0, 1), 1);
    await client.diagnosticsFor(uri, 1);
    const versions = Array.from({ length: 40 }, (_, i) => i + 2);
    // Deterministic shuffle: newest (41) in the middle, many older ones after it.
    const order = versions.map((v, i) => ({ v, k: (i * 17) % 40 })).sort((a, b) => a.k - b.k).map((x) => x.v);
    for (const v of order) client.change(uri, v, workflow(v, v % 5));
    await client.waitFor(() => client.logs.some((l) => /dropped didChange .*burst\.yml/.test(l.message)), 'a dropped-change warning');
    await client.diagnosticsFor(uri, 41);
    // Let any late publication arrive, then check the order of everything published.
    await new Promise((r) => setTimeout(r, 300));
    const published = client.diagnostics.get(uri)!.map((p) => p.version!);
    for (let i = 1; i < published.length; i++) assert.ok(published[i] >= published[i - 1], `published versions went backwards: ${published}`);
    const last = client.lastDiagnostics(uri)!;
    assert.equal(last.version, 41);
    assert.equal(last.diagnostics.filter((x) => x.code === 'test-fixable-rule').length, 41 % 5);
  });

  it('answers cancelled requests with RequestCancelled (or a result) and keeps serving', async () => {
    const uri = uriOf(join(root, '.github', 'workflows', 'cancel.yml'));
    client.open(uri, workflow(0, 2));
    await client.diagnosticsFor(uri, 1);
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const source = new CancellationTokenSource();
        const p =
          i % 2
            ? client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 7, character: 18 } }, source.token)
            : client.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 7, character: 0 }, end: { line: 7, character: 30 } }, context: { diagnostics: [] } }, source.token);
        source.cancel();
        try {
          await p;
          return 'answered';
        } catch (e) {
          assert.ok(e instanceof ResponseError, String(e));
          assert.equal(e.code, LSPErrorCodes.RequestCancelled);
          return 'cancelled';
        }
      }),
    );
    assert.equal(outcomes.length, 20);
    const hover = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 7, character: 18 } });
    assert.ok(hover, 'a request after the cancellations is answered');
  });

  it('survives malformed input: unknown documents, bad params, binary text, huge lines', async () => {
    await assert.rejects(client.conn.sendRequest('flowguard/fixAll', { nope: 1 }), /needs \{ uri \}/);
    const r = (await client.conn.sendRequest('flowguard/fixAll', { uri: 'file:///not/open.yml' })) as { applied: boolean; reason: string };
    assert.equal(r.applied, false);
    assert.equal(await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri: 'file:///not/open.yml' }, position: { line: 0, character: 0 } }), null);
    const weird = uriOf(join(root, '.github', 'workflows', 'weird.yml'));
    client.open(weird, 'on: push\njobs:\n  a:\n    steps:\n      - run: "\u0000\uFFFD\uD800 ' + 'x'.repeat(200_000) + '"\n\t- [}{\n');
    const d = await client.diagnosticsFor(weird, 1);
    assert.ok(d.diagnostics.some((x) => x.code === 'yaml-syntax'));
    client.change(weird, 0, 'stale');
    client.change('file:///never/opened.yml', 5, 'x');
    await client.waitFor(() => client.logs.some((l) => /not open/.test(l.message)), 'a warning for a change to an unopened document');
    const hover = await client.conn.sendRequest(HoverRequest.type, { textDocument: { uri: weird }, position: { line: 4, character: 12 } });
    assert.ok(hover === null || typeof hover === 'object');
  });
});

describe('a client that disappears', { skip }, () => {
  it('ends the server cleanly when its input closes', async () => {
    const client = await TestClient.start({ settings: { debounceMs: 0 } });
    client.open('untitled:Untitled-1', 'on: push\njobs: {}\n');
    await client.diagnosticsFor('untitled:Untitled-1', 1);
    client.child.stdin.end();
    const code = await Promise.race([client.exit, new Promise((r) => setTimeout(() => r('timeout'), 5000))]);
    assert.notEqual(code, 'timeout', 'the server did not exit');
    assert.equal(code, 1, 'exit without shutdown is code 1 (LSP spec)');
    assert.doesNotMatch(client.stderr, /Error:|\n\s+at .*:\d+:\d+/, client.stderr);
  });

  it('exits with 0 after shutdown and exit', async () => {
    const client = await TestClient.start({ settings: { debounceMs: 0 } });
    await client.shutdown();
    assert.equal(await client.exit, 0);
  });
});
