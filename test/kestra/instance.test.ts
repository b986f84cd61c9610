// Instance mode against a real HTTP server on 127.0.0.1 serving a schema shaped like the one Kestra
// generates (draft-07, `$dynamic`/`markdownDescription` keywords, `.*{{.*}}.*` patterns, unanchored Java
// patterns, one `oneOf` over every plugin discriminated by `type.const`), then linting with it.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { lint } from '../../server/src/engine/index.js';
import { KestraSchemaSource, kestraSchemaUrls } from '../../server/src/lsp/kestraInstance.js';

const dyn = (t: object) => ({ oneOf: [t, { type: 'string', pattern: '.*{{.*}}.*' }] });
const plugin = (type: string, props: Record<string, object>, required: string[] = []) => ({
  type: 'object',
  $beta: false,
  markdownDescription: `The ${type} plugin`,
  properties: { id: { type: 'string', pattern: '^[a-zA-Z0-9][a-zA-Z0-9_-]*' }, type: { const: type }, ...props },
  required: ['id', 'type', ...required],
  additionalProperties: false,
});
export const INSTANCE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $ref: '#/definitions/io.kestra.core.models.flows.Flow',
  definitions: {
    'io.kestra.core.models.flows.Flow': {
      type: 'object',
      properties: {
        id: { type: 'string', pattern: '^[a-zA-Z0-9][a-zA-Z0-9._-]*' },
        namespace: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]*' },
        tasks: { type: 'array', minItems: 1, items: { $ref: '#/definitions/io.kestra.core.models.tasks.Task' } },
      },
      required: ['id', 'namespace', 'tasks'],
      additionalProperties: false,
    },
    'io.kestra.core.models.tasks.Task': {
      oneOf: [{ $ref: '#/definitions/io.kestra.plugin.core.log.Log' }, { $ref: '#/definitions/io.kestra.plugin.jdbc.postgresql.Query' }, { $ref: '#/definitions/io.kestra.plugin.core.flow.Parallel' }],
    },
    'io.kestra.plugin.core.log.Log': plugin('io.kestra.plugin.core.log.Log', { message: { type: 'string', $dynamic: true }, level: dyn({ enum: ['INFO', 'WARN'] }) }, ['message']),
    'io.kestra.plugin.jdbc.postgresql.Query': plugin('io.kestra.plugin.jdbc.postgresql.Query', { sql: { type: 'string', $dynamic: true }, fetchSize: dyn({ type: 'integer' }), timeout: { type: 'string', format: 'duration' }, fetch: { type: 'boolean', $deprecated: true } }, ['sql']),
    'io.kestra.plugin.core.flow.Parallel': plugin('io.kestra.plugin.core.flow.Parallel', { tasks: { type: 'array', items: { $ref: '#/definitions/io.kestra.core.models.tasks.Task' } } }, ['tasks']),
  },
};

let server: Server;
let base = '';
let closedPort = '';
const seen: { url: string; auth?: string }[] = [];

before(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', auth: req.headers.authorization });
    if (req.headers.authorization === 'Bearer wrong') {
      res.writeHead(401).end();
    } else if (req.url === '/api/v1/plugins/schemas/flow' || req.url === '/api/v1/acme/plugins/schemas/flow') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'public, max-age=3600' }).end(JSON.stringify(INSTANCE_SCHEMA));
    } else if (req.url === '/broken/api/v1/plugins/schemas/flow') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>');
    } else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  // A port that was just free: connecting to it is refused.
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const p = probe.address();
  closedPort = `http://127.0.0.1:${typeof p === 'object' && p ? p.port : 0}`;
  await new Promise<void>((r) => probe.close(() => r()));
});
after(() => new Promise<void>((r) => server.close(() => r())));

const flow = (tasks: string, id = 'f') => `id: ${id}\nnamespace: company.team\ntasks:\n${tasks}`;
const schemaFindings = (text: string, kestraSchema: string) => lint(text, { path: 'flows/f.yml', settings: { kestraSchema } }).findings.filter((f) => f.ruleId === 'kestra-schema');

describe('Kestra instance mode', () => {
  it('builds the schema URLs', () => {
    assert.deepEqual(kestraSchemaUrls('https://k.example.com/'), ['https://k.example.com/api/v1/plugins/schemas/flow', 'https://k.example.com/api/v1/main/plugins/schemas/flow']);
    assert.deepEqual(kestraSchemaUrls('https://k.example.com/api/v1', 'acme'), ['https://k.example.com/api/v1/acme/plugins/schemas/flow']);
    assert.throws(() => new KestraSchemaSource({ url: 'k.example.com' }), /must be an http\(s\) URL/);
  });

  it('downloads the schema with the token, caches it, and the engine validates against it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowguard-kestra-'));
    const source = new KestraSchemaSource({ url: base, auth: { token: 's3cret' }, cacheFile: join(dir, 'schema.json') });
    const r = await source.load();
    assert.equal(r.ok, true, r.ok ? '' : r.error);
    assert.equal(seen.at(-1)?.auth, 'Bearer s3cret');
    assert.equal(seen.at(-1)?.url, '/api/v1/plugins/schemas/flow');
    const again = await source.load();
    assert.equal(again.ok && again.from, 'memory');
    assert.equal(JSON.parse(readFileSync(join(dir, 'schema.json'), 'utf8')).url, `${base}/api/v1/plugins/schemas/flow`);
    const text = source.current()!;

    // Valid against the instance: templated integer (the `.*{{.*}}.*` pattern compiles), nested dispatch.
    assert.deepEqual(schemaFindings(flow('  - id: p\n    type: io.kestra.plugin.core.flow.Parallel\n    tasks:\n      - id: q\n        type: io.kestra.plugin.jdbc.postgresql.Query\n        sql: select 1\n        fetchSize: "{{ inputs.n }}"\n        timeout: PT5M\n'), text).map((f) => f.message), []);
    // Plugin properties are checked (offline they are not), unknown types are reported, Java patterns are anchored.
    const bad = schemaFindings(flow('  - id: q\n    type: io.kestra.plugin.jdbc.postgresql.Query\n    sql: select 1\n    fetchsize: 10\n  - id: x\n    type: io.kestra.plugin.notinstalled.Task\n  - id: "ok id!"\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n'), text);
    assert.deepEqual(bad.map((f) => f.message), [
      "/tasks/0: unknown property 'fetchsize' (the Kestra server's schema)",
      "/tasks/1/type: unknown type 'io.kestra.plugin.notinstalled.Task': no plugin of that name is installed on the Kestra server (the Kestra server's schema)",
      '/tasks/2/id: must match pattern "^[a-zA-Z0-9][a-zA-Z0-9_-]*$" (the Kestra server\'s schema)',
    ]);
    // `$deprecated` properties in use are reported as warnings, at the nested task's key.
    const dep = lint(flow('  - id: p\n    type: io.kestra.plugin.core.flow.Parallel\n    tasks:\n      - id: q\n        type: io.kestra.plugin.jdbc.postgresql.Query\n        sql: select 1\n        fetch: true\n'), { path: 'flows/f.yml', settings: { kestraSchema: text } }).findings.filter((f) => f.ruleId === 'kestra-schema');
    assert.deepEqual(dep.map((f) => [f.severity, f.message]), [['low', "/tasks/0/tasks/0/fetch: deprecated in this Kestra version (the Kestra server's schema)"]]);
    // Deprecated aliases still select the current plugin, as Kestra resolves them.
    assert.deepEqual(schemaFindings(flow('  - id: l\n    type: io.kestra.core.tasks.log.Log\n    message: hi\n'), text).map((f) => f.message), []);

    // Server gone: the cache file still serves the last schema, with a warning.
    const offline = new KestraSchemaSource({ url: closedPort, cacheFile: join(dir, 'schema.json'), timeoutMs: 2000 });
    const fromFile = await offline.load();
    assert.equal(fromFile.ok, false, 'another server URL must not reuse this cache');
  });

  it('uses the tenant path when a tenant is set', async () => {
    const r = await new KestraSchemaSource({ url: `${base}/api/v1`, tenant: 'acme' }).load();
    assert.equal(r.ok, true);
    assert.equal(seen.at(-1)?.url, '/api/v1/acme/plugins/schemas/flow');
  });

  it('explains an unreachable server', async () => {
    const r = await new KestraSchemaSource({ url: closedPort, timeoutMs: 2000 }).load();
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error : '', /Could not reach the Kestra server at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\).*offline schema/);
  });

  it('explains refused credentials, missing endpoints and non-schema answers', async () => {
    const denied = await new KestraSchemaSource({ url: base, auth: { token: 'wrong' } }).load();
    assert.match(!denied.ok ? denied.error : '', /refused the request \(HTTP 401\)/);
    const missing = await new KestraSchemaSource({ url: `${base}/nothing` }).load();
    assert.match(!missing.ok ? missing.error : '', /has no flow schema at .*\/nothing\/api\/v1\/main\/plugins\/schemas\/flow \(HTTP 404\)/);
    const html = await new KestraSchemaSource({ url: `${base}/broken` }).load();
    assert.match(!html.ok ? html.error : '', /did not return a usable flow JSON Schema/);
  });

  it('falls back to the cache file of the same server when it becomes unreachable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowguard-kestra-'));
    const file = join(dir, 'schema.json');
    const first = new KestraSchemaSource({ url: base, cacheFile: file });
    assert.equal((await first.load()).ok, true);
    let down = false;
    const flaky: typeof fetch = (input, init) => (down ? Promise.reject(Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNREFUSED' } })) : fetch(input, init));
    down = true;
    const second = new KestraSchemaSource({ url: base, cacheFile: file, fetch: flaky });
    const r = await second.load();
    assert.equal(r.ok && r.from, 'cache-file');
    assert.match((r.ok && r.warning) || '', /ECONNREFUSED.*Using the schema downloaded on/);
  });
});
