// The server's GitHub online mode: with `online.enabled` in a trusted workspace it looks up the remote
// `uses:` of an open workflow in the background (a local fake GitHub here), re-checks the workflow when
// the facts arrive, and offers the SHA pin fix; untrusted workspaces make no request.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { serverMissing, TestClient, uriOf } from './client.js';
import { SHA_FORK, startFakeGitHub, type FakeGitHub } from '../online/fake-github.js';

const skip = serverMissing();
const WORKFLOW = `on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: some/action@v1.2.0\n      - uses: some/action@${SHA_FORK}\n`;

describe('GitHub online mode over stdio', { skip }, () => {
  let fake: FakeGitHub;
  let root: string;
  before(async () => {
    fake = await startFakeGitHub();
    root = mkdtempSync(join(tmpdir(), 'flowguard-gh-online-'));
  });
  after(() => {
    fake.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('re-checks a workflow when the facts arrive: impostor commit reported, pin fix offered', async () => {
    const client = await TestClient.start({ root, settings: { debounceMs: 0, online: { enabled: true } }, initializationOptions: { trusted: true, githubApiUrl: fake.base, storageDir: join(root, 'storage') } });
    try {
      const uri = uriOf(join(root, '.github', 'workflows', 'ci.yml'));
      client.open(uri, WORKFLOW);
      await client.waitFor(() => (client.diagnostics.get(uri) ?? []).some((p) => p.diagnostics.some((d) => d.code === 'impostor-commit')), 'the impostor-commit diagnostic after the lookups');
      const last = client.diagnostics.get(uri)!.at(-1)!;
      const pin = last.diagnostics.find((d) => d.code === 'unpinned-uses')!;
      assert.ok(pin, 'unpinned-uses is still reported');
      const actions = (await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: pin.range, context: { diagnostics: [pin], only: ['quickfix'] } })) as { title: string }[];
      assert.ok(actions.some((a) => /^Pin to /.test(a.title)), JSON.stringify(actions.map((a) => a.title)));
    } finally {
      await client.stop();
    }
  });

  it('makes no request in an untrusted workspace', async () => {
    const before = fake.seen.length;
    const client = await TestClient.start({ root, settings: { debounceMs: 0, online: { enabled: true } }, initializationOptions: { trusted: false, githubApiUrl: fake.base } });
    try {
      const uri = uriOf(join(root, '.github', 'workflows', 'other.yml'));
      client.open(uri, WORKFLOW);
      await client.diagnosticsFor(uri, 1);
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(fake.seen.length, before);
    } finally {
      await client.stop();
    }
  });
});
