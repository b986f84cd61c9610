// GitHub API requests made by online checks for one workflow, before and after caching, against the local
// fake GitHub of the tests (no network): `node --import tsx bench/online-calls.ts`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onlineRequests } from '../server/src/engine/online/facts.js';
import { DiskCache } from '../server/src/online/cache.js';
import { enrich } from '../server/src/online/enrich.js';
import { GitHubClient } from '../server/src/online/github.js';
import { SHA_FORK, SHA_OLD, startFakeGitHub } from '../test/online/fake-github.js';

const fake = await startFakeGitHub();
// A tag, a SHA pin with a version comment, a fork-only SHA, a tag that is also a branch, an annotated tag.
const workflow = ['on: push', 'jobs:', '  a:', '    runs-on: x', '    steps:', '      - uses: actions/checkout@v4', `      - uses: some/action@${SHA_OLD} # v1.2.0`, `      - uses: some/action@${SHA_FORK}`, '      - uses: some/deploy@v2', '      - uses: some/action@v1.2.0', ''].join('\n');
const requests = onlineRequests(workflow, 'github-workflow');
const dir = mkdtempSync(join(tmpdir(), 'flowguard-online-calls-'));
try {
  console.log('| client | references | first run: requests (GraphQL) | second run: requests | second run: cache hits |');
  console.log('|---|---|---|---|---|');
  for (const [label, token] of [['no token (REST)', undefined], ['token (refs batched in GraphQL)', 'test-token']] as const) {
    const cache = join(dir, token ? 'token' : 'anon');
    const make = () => new GitHubClient({ apiUrl: fake.base, graphqlUrl: `${fake.base}/graphql`, token, cache: new DiskCache(cache) });
    const first = make();
    await enrich(first, requests, undefined, { fetchActions: true });
    const second = make();
    await enrich(second, requests, undefined, { fetchActions: true });
    console.log(`| ${label} | ${requests.length} | ${first.stats.network} (${first.stats.graphql}) | ${second.stats.network} | ${second.stats.cached} |`);
  }
} finally {
  fake.close();
  rmSync(dir, { recursive: true, force: true });
}
