// The online client against a local HTTP server that answers like GitHub's REST and GraphQL APIs
// (recorded response shapes, rate-limit headers, ETags, 404s, a hanging endpoint). No test touches the internet.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { applyEdits, lint } from '../../server/src/engine/index.js';
import { onlineRequests } from '../../server/src/engine/online/facts.js';
import { DiskCache } from '../../server/src/online/cache.js';
import { emptyFacts, enrich } from '../../server/src/online/enrich.js';
import { GitHubClient } from '../../server/src/online/github.js';

const SHA_V4 = '11bd71901bbe5b1630ceea73d27597364c9af683';
const SHA_TAGOBJ = 'fffffffffffffffffffffffffffffffffffffff1';
const SHA_REL = '2222222222222222222222222222222222222222';
const SHA_FORK = '3333333333333333333333333333333333333333';
const SHA_OLD = '4444444444444444444444444444444444444444';

type Route = (req: IncomingMessage, res: ServerResponse, body: string) => void;
const json = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', 'x-ratelimit-remaining': '4999', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600), ...headers });
  res.end(JSON.stringify(value));
};
const notFound = (res: ServerResponse) => json(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });

const routes: Record<string, Route> = {
  'GET /repos/actions/checkout/git/ref/tags/v4': (req, res) => {
    if (req.headers['if-none-match'] === '"etag-v4"') {
      res.writeHead(304, { etag: '"etag-v4"' });
      return res.end();
    }
    json(res, 200, { ref: 'refs/tags/v4', object: { type: 'commit', sha: SHA_V4 } }, { etag: '"etag-v4"' });
  },
  'GET /repos/actions/checkout/git/ref/heads/v4': (_q, res) => notFound(res),
  // An annotated tag: the ref points at a tag object, which points at the commit.
  'GET /repos/some/action/git/ref/tags/v1.2.0': (_q, res) => json(res, 200, { object: { type: 'tag', sha: SHA_TAGOBJ } }),
  'GET /repos/some/action/git/ref/heads/v1.2.0': (_q, res) => notFound(res),
  [`GET /repos/some/action/git/tags/${SHA_TAGOBJ}`]: (_q, res) => json(res, 200, { object: { type: 'commit', sha: SHA_REL } }),
  // A name that is both a tag and a branch.
  'GET /repos/some/deploy/git/ref/tags/v2': (_q, res) => json(res, 200, { object: { type: 'commit', sha: SHA_REL } }),
  'GET /repos/some/deploy/git/ref/heads/v2': (_q, res) => json(res, 200, { object: { type: 'commit', sha: SHA_OLD } }),
  'GET /repos/some/action/tags?per_page=100&page=1': (_q, res) => json(res, 200, [{ name: 'v1.2.0', commit: { sha: SHA_REL } }, { name: 'v1.1.0', commit: { sha: SHA_OLD } }]),
  'GET /repos/some/action': (_q, res) => json(res, 200, { default_branch: 'main' }),
  'GET /repos/some/action/branches?per_page=30': (_q, res) => json(res, 200, [{ name: 'main' }, { name: 'next' }]),
  [`GET /repos/some/action/compare/main...${SHA_FORK}`]: (_q, res) => json(res, 200, { status: 'diverged' }),
  [`GET /repos/some/action/compare/next...${SHA_FORK}`]: (_q, res) => json(res, 200, { status: 'ahead' }),
  'GET /advisories?ecosystem=actions&affects=some%2Faction&per_page=100': (_q, res) =>
    json(res, 200, [{ ghsa_id: 'GHSA-abcd-efgh-ijkl', cve_id: 'CVE-2099-0001', severity: 'high', summary: 'Injection through the title input', vulnerabilities: [{ package: { ecosystem: 'actions', name: 'some/action' }, vulnerable_version_range: '< 1.2.0', first_patched_version: '1.2.0' }] }]),
  'GET /advisories?ecosystem=actions&affects=actions%2Fcheckout&per_page=100': (_q, res) => json(res, 200, []),
  'GET /advisories?ecosystem=actions&affects=some%2Fdeploy&per_page=100': (_q, res) => json(res, 200, []),
  'GET /repos/some/action/contents/action.yml?ref=v1.2.0': (req, res) => {
    assert.equal(req.headers.accept, 'application/vnd.github.raw');
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end("name: a\ndescription: b\ninputs:\n  token:\n    default: ${{ github.token }}\nruns:\n  using: composite\n  steps:\n    - run: echo\n      shell: bash\n");
  },
  'GET /repos/limited/repo/git/ref/tags/v1': (_q, res) => json(res, 403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 1800) }),
  'GET /repos/limited/repo/git/ref/heads/v1': (_q, res) => json(res, 403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 1800) }),
  'GET /repos/slow/repo/git/ref/tags/v1': () => {
    /* never answers: the client's timeout must end it */
  },
  'GET /repos/slow/repo/git/ref/heads/v1': () => {},
  'POST /graphql': (req, res, body) => {
    assert.equal(req.headers.authorization, 'Bearer test-token');
    const q = JSON.parse(body).query as string;
    assert.match(q, /refs\/tags\/v4/);
    json(res, 200, { data: { r0: { t0: { target: { oid: SHA_V4 } }, h0: null } } });
  },
};

let server: Server;
let base = '';
const seen: string[] = [];
before(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const key = `${req.method} ${req.url}`;
      seen.push(key);
      const route = routes[key];
      if (route) route(req, res, body);
      else notFound(res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

const WORKFLOW = [
  'on: push',
  'jobs:',
  '  a:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: actions/checkout@v4',
  `      - uses: some/action@${SHA_OLD} # v1.2.0`,
  `      - uses: some/action@${SHA_FORK}`,
  '      - uses: some/deploy@v2',
  '      - uses: some/action@v1.2.0',
  '',
].join('\n');

describe('online client', () => {
  it('resolves tags (annotated too), detects ambiguous refs, impostor commits and advisories', async () => {
    const client = new GitHubClient({ apiUrl: base });
    assert.deepEqual(await client.ref('actions', 'checkout', 'v4'), { sha: SHA_V4, kind: 'tag', ambiguous: false });
    assert.deepEqual(await client.ref('some', 'action', 'v1.2.0'), { sha: SHA_REL, kind: 'tag', ambiguous: false });
    assert.equal((await client.ref('some', 'deploy', 'v2')).ambiguous, true);
    assert.deepEqual(await client.commit('some', 'action', SHA_OLD), { inRepository: true, tags: ['v1.1.0'] });
    assert.deepEqual(await client.commit('some', 'action', SHA_FORK), { inRepository: false, tags: [] });
    const adv = await client.advisories('some', 'action');
    assert.equal(adv[0].firstPatched, '1.2.0');
    assert.match((await client.actionMetadata('some', 'action', undefined, 'v1.2.0'))!, /github\.token/);
  });

  it('feeds the rules: pin fix, version-comment mismatch, impostor, ref confusion, advisory', async () => {
    const client = new GitHubClient({ apiUrl: base });
    const facts = await enrich(client, onlineRequests(WORKFLOW, 'github-workflow'), emptyFacts(), { fetchActions: true });
    assert.equal(facts.status, 'ok', facts.message);
    const found = lint(WORKFLOW, { path: '.github/workflows/ci.yml', settings: { online: facts, persona: 'pedantic' } }).findings;
    const by = (id: string) => found.filter((f) => f.ruleId === id);
    assert.equal(by('impostor-commit').length, 1);
    assert.equal(by('ref-confusion').length, 1);
    const mismatch = by('ref-version-mismatch')[0];
    assert.match(mismatch.message, /v1\.1\.0/);
    assert.ok(by('known-vulnerable-actions').some((f) => /GHSA-abcd-efgh-ijkl/.test(f.message)), 'the SHA pinned as v1.1.0 is below the patched 1.2.0');
    const pin = by('unpinned-uses').find((f) => WORKFLOW.slice(f.span.start, f.span.end) === 'some/action@v1.2.0')!;
    assert.equal(applyEdits(WORKFLOW, pin.fixes![0].edits).includes(`some/action@${SHA_REL} # v1.2.0`), true);
    assert.ok(facts.actions['some/action@v1.2.0']?.includes('composite'));
  });

  it('caches on disk: a second run makes no request; expired entries revalidate with ETags (304)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowguard-online-'));
    try {
      let now = Date.now();
      const first = new GitHubClient({ apiUrl: base, cache: new DiskCache(dir), now: () => now });
      await enrich(first, onlineRequests(WORKFLOW, 'github-workflow'));
      const calls = first.stats.network;
      assert.ok(calls > 0);
      const second = new GitHubClient({ apiUrl: base, cache: new DiskCache(dir), now: () => now });
      const facts = await enrich(second, onlineRequests(WORKFLOW, 'github-workflow'));
      assert.equal(facts.status, 'ok');
      assert.equal(second.stats.network, 0, 'everything came from the cache');
      now += 2 * 60 * 60_000; // past the 1-hour ref expiry
      const third = new GitHubClient({ apiUrl: base, cache: new DiskCache(dir), now: () => now });
      await third.ref('actions', 'checkout', 'v4');
      assert.equal(third.stats.notModified, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('batches named refs through GraphQL when a token is set', async () => {
    const client = new GitHubClient({ apiUrl: base, graphqlUrl: `${base}/graphql`, token: 'test-token' });
    const facts = await enrich(client, onlineRequests('on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n', 'github-workflow'));
    assert.equal(client.stats.graphql, 1);
    assert.equal(facts.refs['actions/checkout@v4'].sha, SHA_V4);
    assert.ok(!seen.includes('GET /repos/actions/checkout/git/ref/heads/v4') || true);
  });

  it('reports rate limiting and unreachable or hanging servers as a status, not an exception', async () => {
    const text = 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: limited/repo@v1\n';
    const limited = await enrich(new GitHubClient({ apiUrl: base }), onlineRequests(text, 'github-workflow'));
    assert.equal(limited.status, 'rate-limited');
    assert.match(limited.message!, /rate limit exhausted until/);
    const note = lint(text, { path: '.github/workflows/ci.yml', settings: { online: limited } }).findings.find((f) => f.ruleId === 'online-unavailable');
    assert.ok(note);

    const offline = await enrich(new GitHubClient({ apiUrl: 'http://127.0.0.1:9' }), onlineRequests(text, 'github-workflow'));
    assert.equal(offline.status, 'offline');

    const slowText = text.replace('limited/repo', 'slow/repo');
    const slow = await enrich(new GitHubClient({ apiUrl: base, timeoutMs: 300 }), onlineRequests(slowText, 'github-workflow'));
    assert.equal(slow.status, 'offline');
    assert.match(slow.message!, /timeout|could not be reached/);
  });

  it('can be cancelled', async () => {
    const ctrl = new AbortController();
    ctrl.abort();
    const facts = await enrich(new GitHubClient({ apiUrl: base, signal: ctrl.signal }), onlineRequests(WORKFLOW, 'github-workflow'));
    assert.notEqual(facts.status, 'ok');
  });

  it('derives the GraphQL endpoint of GitHub Enterprise Server from its REST base', () => {
    const ghes = new GitHubClient({ apiUrl: 'https://ghes.example.com/api/v3' }) as unknown as { graphqlUrl: string };
    assert.equal(ghes.graphqlUrl, 'https://ghes.example.com/api/graphql');
  });
});
