// The online client against a local HTTP server that answers like GitHub's REST and GraphQL APIs
// (test/online/fake-github.ts). No test touches the internet.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { applyEdits, lint } from '../../server/src/engine/index.js';
import { onlineRequests } from '../../server/src/engine/online/facts.js';
import { DiskCache } from '../../server/src/online/cache.js';
import { emptyFacts, enrich } from '../../server/src/online/enrich.js';
import { GitHubClient } from '../../server/src/online/github.js';
import { SHA_FORK, SHA_OLD, SHA_REL, SHA_V4, startFakeGitHub, type FakeGitHub } from './fake-github.js';

let fake: FakeGitHub;
let base = '';
before(async () => {
  fake = await startFakeGitHub();
  base = fake.base;
});
after(() => fake.close());

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
    const firstCall = fake.seen.length;
    const facts = await enrich(client, onlineRequests('on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n', 'github-workflow'));
    assert.equal(client.stats.graphql, 1);
    assert.equal(facts.refs['actions/checkout@v4'].sha, SHA_V4);
    assert.deepEqual(fake.seen.slice(firstCall).filter((c) => c.includes('/git/ref/')), [], 'GraphQL answered both the tag and the branch lookup');
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
