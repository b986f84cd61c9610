// What the server does per change, over stdio with a real client: with debounce 0 a burst of changes that
// arrive together is linted once, at its latest version (vscode-jsonrpc handles one queued message per
// event-loop turn, so a lint scheduled for "now" must let the changes already read go first).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { serverMissing, TestClient, uriOf } from './client.js';

const skip = serverMissing();

const workflow = (steps: number) =>
  `on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n${Array.from({ length: steps }, (_, i) => `      - uses: some-org/tool-${i}@main\n`).join('')}`;

describe('a burst of changes', { skip }, () => {
  let root: string;
  let client: TestClient;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'flowguard-lsp-burst-'));
    mkdirSync(join(root, '.github', 'workflows'), { recursive: true });
    client = await TestClient.start({ root, settings: { debounceMs: 0 } });
  });
  after(async () => {
    await client.shutdown();
    rmSync(root, { recursive: true, force: true });
  });

  it('is linted at its latest version, not once per change (debounce 0)', async () => {
    const uri = uriOf(join(root, '.github', 'workflows', 'burst.yml'));
    client.open(uri, workflow(1));
    await client.diagnosticsFor(uri, 1);
    const lints = () => client.logs.filter((l) => /^lint \.github\/workflows\/burst\.yml /.test(l.message)).length;
    const before = lints();
    // 30 changes written in one go, as a fast typist with a slow server (or a paste plus formatting) sends them.
    for (let v = 2; v <= 31; v++) client.change(uri, v, workflow(v));
    const last = await client.diagnosticsFor(uri, 31);
    assert.equal(last.diagnostics.filter((d) => d.code === 'unpinned-uses').length, 31);
    await new Promise((r) => setTimeout(r, 300));
    const ran = lints() - before;
    const published = client.diagnostics.get(uri)!.map((p) => p.version!).filter((v) => v > 1);
    // The client's writes may reach the server in more than one read: a few lints, never one per change.
    assert.ok(ran >= 1 && ran <= 4, `${ran} lints for 30 changes (published versions ${published.join(', ')})`);
    assert.deepEqual(published, [...published].sort((a, b) => a - b));
    assert.equal(published.at(-1), 31);
  });
});
