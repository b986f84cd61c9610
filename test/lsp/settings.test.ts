// Settings behaviour over stdio: associations and exclude globs, run on save, the debounce, clients
// without workspace/configuration, and flowguard/fixAll on a file that is not open. Plus the settings
// validation itself (in-process).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DidSaveTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { normalizeSettings, DEFAULT_SETTINGS, effectiveConfig } from '../../server/src/lsp/settings.js';
import { FULL_CAPABILITIES, serverMissing, TestClient, uriOf } from './client.js';

const skip = serverMissing();
const WF = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: some-org/act@main\n      - run: echo fixme\n';

describe('settings validation', () => {
  it('fills defaults and reports each wrong value without throwing', () => {
    assert.deepEqual(normalizeSettings(undefined).settings, DEFAULT_SETTINGS);
    const { settings, problems } = normalizeSettings({
      enable: 'yes',
      minSeverity: 'extreme',
      debounceMs: -1,
      exclude: ['a/**', 3],
      associations: { 'ci/*.yml': 'gitlab-ci', 'x/*.yml': 'cobol' },
      platforms: { gitlab: false },
      run: 'onSave',
      docsLinks: 'web',
      online: { enabled: true },
      kestra: { url: 'https://kestra.example' },
    });
    assert.equal(settings.enable, true);
    assert.equal(settings.minSeverity, 'info');
    assert.equal(settings.debounceMs, DEFAULT_SETTINGS.debounceMs);
    assert.deepEqual(settings.exclude, []);
    assert.deepEqual(settings.associations, { 'ci/*.yml': 'gitlab-ci' });
    assert.deepEqual(settings.platforms, { github: true, gitlab: false, kestra: true });
    assert.equal(settings.run, 'onSave');
    assert.equal(settings.docsLinks, 'web');
    assert.equal(settings.online.enabled, true);
    assert.equal(settings.kestra.url, 'https://kestra.example');
    assert.equal(problems.length, 5, problems.join('\n'));
    assert.ok(problems.some((p) => p.includes('associations["x/*.yml"]')));
    assert.match(normalizeSettings(42).problems[0], /must be an object/);
  });

  it('lets .flowguard.yml decide the platforms it names', () => {
    const s = structuredClone(DEFAULT_SETTINGS);
    s.platforms.gitlab = false;
    assert.deepEqual(effectiveConfig(s, { platforms: { github: false } }).platforms, { github: false, gitlab: false, kestra: true });
    assert.deepEqual(effectiveConfig(s, undefined).platforms, { github: true, gitlab: false, kestra: true });
  });
});

describe('settings over stdio', { skip }, () => {
  let root: string;
  let client: TestClient;
  let settings: Record<string, unknown>;
  const uri = (rel: string) => uriOf(join(root, rel));
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'flowguard-settings-'));
    settings = { debounceMs: 0, associations: { 'ci/**/*.yml': 'github-workflow' }, exclude: ['generated/**'] };
    client = await TestClient.start({ root, settings: () => settings, env: { FLOWGUARD_TEST_HOOKS: 'fixable-rule' } });
  });
  after(async () => {
    await client?.shutdown();
    rmSync(root, { recursive: true, force: true });
  });

  it('applies associations to paths the kind detection would not recognise, and exclude globs', async () => {
    const associated = uri('ci/pipelines/build.yml');
    client.open(associated, WF);
    const d = await client.diagnosticsFor(associated, 1);
    assert.ok(d.diagnostics.some((x) => x.code === 'unpinned-uses'), JSON.stringify(d.diagnostics));
    const excluded = uri('generated/.github/workflows/x.yml');
    client.open(excluded, WF);
    assert.deepEqual((await client.diagnosticsFor(excluded, 1)).diagnostics, []);
  });

  it('debounces a burst of changes into one run for the last version', async () => {
    settings = { ...settings, debounceMs: 250 };
    const u = uri('.github/workflows/debounce.yml');
    client.open(u, WF);
    await client.diagnosticsFor(u, 1);
    const before = client.diagnostics.get(u)!.length;
    for (let v = 2; v <= 12; v++) client.change(u, v, WF + `# edit ${v}\n`);
    await client.diagnosticsFor(u, 12);
    const published = client.diagnostics.get(u)!.slice(before).map((p) => p.version);
    assert.deepEqual(published, [12], `published: ${published}`);
    settings = { ...settings, debounceMs: 0 };
  });

  it('runs on save only when run is onSave', async () => {
    settings = { ...settings, run: 'onSave' };
    const u = uri('.github/workflows/onsave.yml');
    client.open(u, WF);
    await client.diagnosticsFor(u, 1);
    client.change(u, 2, WF.replace('fixme', 'fine'));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(client.lastDiagnostics(u)!.version, 1, 'no lint on change');
    await client.conn.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: u } });
    const saved = await client.diagnosticsFor(u, 2);
    assert.ok(!saved.diagnostics.some((x) => x.code === 'test-fixable-rule'));
    settings = { ...settings, run: 'onType' };
  });

  it('flowguard/fixAll works on a closed file inside the workspace (unversioned edit)', async () => {
    const path = join(root, '.github/workflows/closed.yml');
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, WF);
    const preview = (await client.conn.sendRequest('flowguard/fixAll', { uri: uriOf(path), apply: false })) as { version: number; fixes: number; edits: unknown[] };
    assert.equal(preview.version, -1);
    assert.ok(preview.fixes >= 1);
    const before = client.appliedEdits.length;
    const res = (await client.conn.sendRequest('flowguard/fixAll', { uri: uriOf(path) })) as { applied: boolean };
    assert.equal(res.applied, true);
    assert.deepEqual(Object.keys(client.appliedEdits[before].changes ?? {}), [uriOf(path)]);
    assert.equal(readFileSync(path, 'utf8'), WF, 'the server never writes files itself');
  });
});

describe('a client without workspace/configuration', { skip }, () => {
  it('uses initializationOptions.settings, then didChangeConfiguration settings', async () => {
    const root = mkdtempSync(join(tmpdir(), 'flowguard-noconfig-'));
    const caps = structuredClone(FULL_CAPABILITIES);
    caps.workspace!.configuration = false;
    const client = await TestClient.start({ root, capabilities: caps, initializationOptions: { settings: { debounceMs: 0, minSeverity: 'high' } }, env: { FLOWGUARD_TEST_HOOKS: 'fixable-rule' } });
    try {
      const u = uriOf(join(root, '.github/workflows/a.yml'));
      client.open(u, WF.replace('@main', ''));
      const first = await client.diagnosticsFor(u, 1);
      assert.equal(client.configurationRequests.length, 0);
      assert.ok(first.diagnostics.some((d) => d.code === 'unpinned-uses'), JSON.stringify(first.diagnostics));
      assert.ok(first.diagnostics.every((d) => d.severity === 1), 'only high findings (minSeverity high from initializationOptions)');
      const count = client.diagnostics.get(u)!.length;
      await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { flowguard: { debounceMs: 0, minSeverity: 'info' } } });
      await client.waitFor(() => client.diagnostics.get(u)!.length > count, 're-check after didChangeConfiguration');
      assert.ok(client.lastDiagnostics(u)!.diagnostics.some((d) => d.code === 'test-fixable-rule'));
    } finally {
      await client.shutdown();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
