// A local HTTP server that answers like GitHub's REST and GraphQL APIs for the online tests: recorded
// response shapes, rate-limit headers, ETags, 404s and a hanging endpoint. Loopback only.
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export const SHA_V4 = '11bd71901bbe5b1630ceea73d27597364c9af683';
export const SHA_TAGOBJ = 'fffffffffffffffffffffffffffffffffffffff1';
export const SHA_REL = '2222222222222222222222222222222222222222';
export const SHA_FORK = '3333333333333333333333333333333333333333';
export const SHA_OLD = '4444444444444444444444444444444444444444';

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

export interface FakeGitHub {
  base: string;
  seen: string[];
  close(): void;
}

export async function startFakeGitHub(): Promise<FakeGitHub> {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
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
  return {
    base: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    seen,
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}
