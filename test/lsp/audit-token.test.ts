// flowguard/auditWorkspace over stdio: `tokenPermissions`, the GitHub workflows ranked by the GITHUB_TOKEN their
// jobs get, with the write scopes granted, needed and in excess, and the line of the grant to link to.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DidChangeConfigurationNotification } from 'vscode-languageserver-protocol/node';
import type { AuditSummary } from '../../server/src/lsp/protocol.js';
import { serverMissing, TestClient, uriOf } from './client.js';

const skip = serverMissing();

const RELEASE = '    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: softprops/action-gh-release@v2\n';
const FILES: Record<string, string> = {
  // write-all on the workflow; the job `lint` narrows its own token.
  '.github/workflows/broad.yml': `on: push\npermissions: write-all\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n    steps:\n      - run: make lint\n  release:\n${RELEASE}`,
  // No block: the repository default (unknown in these settings).
  '.github/workflows/default.yml': `on: push\njobs:\n  release:\n${RELEASE}`,
  // Two write scopes, one needed; a step FlowGuard cannot analyse in the other job.
  '.github/workflows/scoped.yml': `on: push\njobs:\n  release:\n    permissions:\n      contents: write\n      issues: write\n${RELEASE}  deploy:\n    permissions:\n      deployments: write\n    runs-on: ubuntu-latest\n    steps:\n      - uses: some-org/mystery-deploy@v1\n`,
  // Read only: no finding, still in the list.
  '.github/workflows/quiet.yml': 'on: push\npermissions:\n  contents: read\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n',
  // Not workflows.
  'actions/x/action.yml': 'name: x\ndescription: y\nruns:\n  using: composite\n  steps:\n    - run: echo\n      shell: bash\n',
  '.gitlab-ci.yml': 'build:\n  script: make\n',
};

describe('flowguard/auditWorkspace: tokenPermissions', { skip }, () => {
  let root: string;
  let client: TestClient;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'flowguard-audit-token-'));
    for (const [rel, text] of Object.entries(FILES)) {
      mkdirSync(dirname(join(root, rel)), { recursive: true });
      writeFileSync(join(root, rel), text);
    }
    client = await TestClient.start({ root, settings: { debounceMs: 0, defaultPermissions: 'unknown' } });
  });
  after(async () => {
    await client?.shutdown();
    rmSync(root, { recursive: true, force: true });
  });

  it('ranks every GitHub workflow by token breadth, with counts and where to look', async () => {
    const summary = (await client.conn.sendRequest('flowguard/auditWorkspace', {})) as AuditSummary;
    const token = summary.tokenPermissions!;
    assert.deepEqual(token.map((w) => [w.path, w.grant, w.job, w.line, w.character]), [
      ['.github/workflows/broad.yml', 'write-all', 'release', 1, 0],
      ['.github/workflows/default.yml', 'default-unknown', 'release', 2, 2],
      ['.github/workflows/scoped.yml', 'scopes', 'release', 3, 4],
      ['.github/workflows/quiet.yml', 'scopes', 'test', 1, 0],
    ]);
    const [broad, dflt, scoped, quiet] = token;
    assert.equal(broad.uri, uriOf(join(root, '.github/workflows/broad.yml')));
    assert.equal(broad.writes.length, 18);
    assert.deepEqual(broad.needed, ['contents']);
    assert.equal(broad.excess.length, 17);
    assert.deepEqual(broad.jobs, [
      { job: 'lint', grant: 'scopes', line: 5, writes: 0, needed: 0, excess: 0 },
      { job: 'release', grant: 'write-all', line: 1, writes: 18, needed: 1, excess: 17 },
    ]);
    assert.deepEqual([dflt.writes.length, dflt.needed, dflt.excess.length, dflt.undetermined], [17, ['contents'], 16, []]);
    assert.deepEqual([scoped.writes, scoped.needed, scoped.excess, scoped.undetermined], [['contents', 'deployments', 'issues'], ['contents'], ['issues'], ['deployments']]);
    assert.deepEqual(scoped.jobs.map((j) => [j.job, j.line, j.excess]), [['release', 3, 1], ['deploy', 11, null]]);
    assert.deepEqual([quiet.writes, quiet.excess, quiet.jobs.length], [[], [], 1]);
    assert.ok(!summary.perFile.some((f) => f.path === '.github/workflows/quiet.yml'), 'quiet.yml has no finding but is in tokenPermissions');
  });

  it('follows the defaultPermissions setting and reads open documents from their live text', async () => {
    const uri = uriOf(join(root, '.github/workflows/quiet.yml'));
    const live = '# edited, not saved\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    permissions: write-all\n    steps:\n      - run: make test\n';
    client.open(uri, live);
    await client.diagnosticsFor(uri, 1);
    const published = client.diagnostics.get(uri)!.length;
    client.settings = { debounceMs: 0, defaultPermissions: 'permissive' };
    await client.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await client.waitFor(() => client.diagnostics.get(uri)!.length > published, 'diagnostics after the settings change');
    const summary = (await client.conn.sendRequest('flowguard/auditWorkspace', {})) as AuditSummary;
    const byPath = new Map(summary.tokenPermissions!.map((w) => [w.path, w]));
    assert.deepEqual([byPath.get('.github/workflows/quiet.yml')?.grant, byPath.get('.github/workflows/quiet.yml')?.line], ['write-all', 5]);
    assert.equal(byPath.get('.github/workflows/default.yml')?.grant, 'default-permissive');
    // Both write-all with 18 write scopes: quiet.yml needs none of them, so its excess ranks it first.
    assert.deepEqual(summary.tokenPermissions!.map((w) => [w.path, w.excess.length]), [
      ['.github/workflows/quiet.yml', 18],
      ['.github/workflows/broad.yml', 17],
      ['.github/workflows/default.yml', 16],
      ['.github/workflows/scoped.yml', 1],
    ]);
  });
});
