// The server's Kestra instance wiring (online mode): with `online.enabled` and `kestra.url` in a trusted
// workspace the server downloads the instance's flow schema once (from a local HTTP server here), re-checks
// open Kestra flows when it arrives, and warns the user when the instance cannot be reached. Untrusted
// workspaces never make the request.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { serverMissing, TestClient, uriOf } from './client.js';

const skip = serverMissing();
const FLOW = 'id: hello\nnamespace: company.team\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n';
const SCHEMA = readFileSync(join('schemas', 'kestra-flow.json'), 'utf8');

describe('Kestra instance schema over stdio', { skip }, () => {
  let http: Server;
  let base: string;
  const requests: { url: string; auth?: string }[] = [];
  let root: string;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'flowguard-kestra-'));
    http = createServer((req, res) => {
      requests.push({ url: req.url ?? '', auth: req.headers.authorization });
      if (req.url === '/api/v1/plugins/schemas/flow') {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=3600' });
        res.end(SCHEMA);
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const addr = http.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });
  after(async () => {
    await new Promise((r) => http.close(r));
    rmSync(root, { recursive: true, force: true });
  });

  it('downloads the schema once, with the credentials, and re-checks open flows when it arrives', async () => {
    const client = await TestClient.start({
      root,
      settings: { debounceMs: 0, online: { enabled: true }, kestra: { url: base } },
      initializationOptions: { trusted: true, kestraAuth: { token: 'tok-123' } },
    });
    try {
      const uri = uriOf(join(root, 'flows', 'hello.yml'));
      client.open(uri, FLOW);
      await client.waitFor(() => (client.diagnostics.get(uri)?.filter((p) => p.version === 1).length ?? 0) >= 2, 'a second check of the flow after the schema download');
      await client.waitFor(() => client.logs.some((l) => /Kestra schema from .*plugins\/schemas\/flow/.test(l.message)), 'the schema load log line');
      const flowRequests = requests.filter((r) => r.url === '/api/v1/plugins/schemas/flow');
      assert.equal(flowRequests.length, 1);
      assert.equal(flowRequests[0].auth, 'Bearer tok-123');
      // Further edits reuse the downloaded schema.
      client.change(uri, 2, FLOW + '# edit\n');
      await client.diagnosticsFor(uri, 2);
      assert.equal(requests.filter((r) => r.url === '/api/v1/plugins/schemas/flow').length, 1);
      assert.deepEqual(client.messages, []);
    } finally {
      await client.shutdown();
    }
  });

  it('warns once and keeps linting with the bundled schema when the instance is unreachable', async () => {
    const client = await TestClient.start({ root, settings: { debounceMs: 0, online: { enabled: true }, kestra: { url: `${base}/nowhere` } } });
    try {
      const uri = uriOf(join(root, 'flows', 'hello.yml'));
      client.open(uri, FLOW);
      await client.diagnosticsFor(uri, 1);
      await client.waitFor(() => client.messages.some((m) => /could not load the Kestra flow schema/.test(m.message)), 'a warning message');
      client.change(uri, 2, FLOW + '# edit\n');
      await client.diagnosticsFor(uri, 2);
      assert.equal(client.messages.length, 1);
    } finally {
      await client.shutdown();
    }
  });

  it('makes no request in an untrusted workspace or with online features off', async () => {
    const before = requests.length;
    for (const [trusted, online] of [
      [false, true],
      [true, false],
    ]) {
      const client = await TestClient.start({ root, settings: { debounceMs: 0, online: { enabled: online }, kestra: { url: base } }, initializationOptions: { trusted } });
      try {
        const uri = uriOf(join(root, 'flows', 'hello.yml'));
        client.open(uri, FLOW);
        await client.diagnosticsFor(uri, 1);
        await new Promise((r) => setTimeout(r, 200));
      } finally {
        await client.shutdown();
      }
    }
    assert.equal(requests.length, before);
  });
});
