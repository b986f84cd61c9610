// `flowguard audit --online` end to end against the local fake GitHub: facts gathered once per run,
// online findings and the pin fix, the cache making a second run request-free, and a clear note offline.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { nodeIO } from '../../server/src/cli/node-io.js';
import { run } from '../../server/src/cli/run.js';
import { SHA_FORK, SHA_REL, startFakeGitHub, type FakeGitHub } from './fake-github.js';

let fake: FakeGitHub;
let dir = '';
before(async () => {
  fake = await startFakeGitHub();
  dir = mkdtempSync(join(tmpdir(), 'flowguard-cli-online-'));
  mkdirSync(join(dir, '.git'));
  mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
  writeFileSync(join(dir, '.github', 'workflows', 'ci.yml'), `on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: some/action@v1.2.0\n      - uses: some/action@${SHA_FORK}\n`);
});
after(() => {
  fake.close();
  rmSync(dir, { recursive: true, force: true });
});

async function audit(args: string[], env: Record<string, string>) {
  let out = '';
  let err = '';
  const io = { ...nodeIO(dir), writeOut: (s: string) => void (out += s), writeErr: (s: string) => void (err += s), env };
  const code = await run(['audit', '.', '--no-config', ...args], io);
  return { code, out, err };
}

describe('flowguard audit --online', () => {
  const cache = () => join(dir, 'cache');
  it('reports online findings and counts the requests; a second run is served by the cache', async () => {
    const first = await audit(['--online', '--github-api-url', fake.base, '--format', 'json'], { FLOWGUARD_CACHE_DIR: cache() });
    const ids = (JSON.parse(first.out) as { ruleId: string }[]).map((f) => f.ruleId);
    assert.ok(ids.includes('impostor-commit'), first.err);
    assert.match(first.err, /online: 2 references looked up with [1-9]\d* request\(s\) to GitHub \(0 from the cache\)/);
    const second = await audit(['--online', '--github-api-url', fake.base, '--format', 'json'], { FLOWGUARD_CACHE_DIR: cache() });
    assert.match(second.err, /with 0 request\(s\) to GitHub \(\d+ from the cache\)/);
  });
  it('--fix pins tags to their commit with the version as a comment', async () => {
    const { code } = await audit(['--online', '--github-api-url', fake.base, '--fix', '--rule', 'unpinned-uses'], { FLOWGUARD_CACHE_DIR: cache() });
    assert.equal(code, 0);
    assert.match(readFileSync(join(dir, '.github', 'workflows', 'ci.yml'), 'utf8'), new RegExp(`some/action@${SHA_REL} # v1\\.2\\.0`));
  });
  it('offline: a note on each file and the offline checks still run', async () => {
    const res = await audit(['--online', '--github-api-url', 'http://127.0.0.1:9', '--format', 'json'], { FLOWGUARD_CACHE_DIR: join(dir, 'empty-cache') });
    assert.match(res.err, /GitHub could not be reached/);
    assert.ok((JSON.parse(res.out) as { ruleId: string }[]).some((f) => f.ruleId === 'online-unavailable'));
  });
});
