// What each job's GITHUB_TOKEN gets and how much of it the solver says is needed (the audit report's
// "broadest token permissions"): a table of workflows, the lint() hook that reuses the rules' analysis, and the
// wire ranking agreeing with the engine's tiers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint } from '../../server/src/engine/lint.js';
import { buildWorkflow } from '../../server/src/engine/model/github.js';
import { grantTier, workflowTokenGrants, type TokenGrantKind } from '../../server/src/engine/permissions/grants.js';
import type { DefaultPermissions } from '../../server/src/engine/permissions/scopes.js';
import { analyseWorkflow } from '../../server/src/engine/permissions/solver.js';
import { parseYaml } from '../../server/src/engine/yaml/parse.js';
import { compareTokenBreadth, type WorkflowTokenPermissions } from '../../server/src/lsp/protocol.js';

function grants(text: string, mode: DefaultPermissions = 'unknown', files: Record<string, string> = {}) {
  const wf = buildWorkflow(parseYaml(text).documents[0])!;
  return workflowTokenGrants(analyseWorkflow(wf, text, { settings: { defaultPermissions: mode, workspace: { readFile: (p) => files[p] } } }), mode);
}
/** The text a span covers, to check where the report links to. */
const at = (text: string, span: { start: number; end: number }) => text.slice(span.start, span.end);

// Every scope with a write level: what write-all grants.
const WRITE_ALL = ['actions', 'artifact-metadata', 'attestations', 'checks', 'code-quality', 'contents', 'copilot-requests', 'deployments', 'discussions', 'drives', 'id-token', 'issues', 'packages', 'pages', 'pull-requests', 'repository-projects', 'security-events', 'statuses'];
// The permissive repository default (and so the most an unknown default may give): write-all but id-token.
const PERMISSIVE = WRITE_ALL.filter((s) => s !== 'id-token');
const without = (all: string[], ...scopes: string[]) => all.filter((s) => !scopes.includes(s));

const RELEASE = '      - uses: actions/checkout@v4\n      - uses: softprops/action-gh-release@v2\n';
const UNKNOWN = '      - uses: some-org/mystery-action@v1\n';
const job = (id: string, steps: string, extra = '') => `  ${id}:\n    runs-on: ubuntu-latest\n${extra}    steps:\n${steps}`;

describe('workflowTokenGrants: per job and per workflow', () => {
  it('write-all at the workflow level: every write scope, the release step needs contents', () => {
    const text = `on: push\npermissions: write-all\njobs:\n${job('release', RELEASE)}`;
    const g = grants(text);
    assert.equal(g.jobs.length, 1);
    const [j] = g.jobs;
    assert.equal(j.kind, 'write-all');
    assert.equal(at(text, j.span), 'permissions: write-all');
    assert.deepEqual(j.writes, WRITE_ALL);
    assert.deepEqual(j.needed, ['contents']);
    assert.deepEqual(j.excess, without(WRITE_ALL, 'contents'));
    assert.deepEqual(g.broadest, j);
    assert.deepEqual([g.writes, g.needed, g.excess, g.undetermined], [WRITE_ALL, ['contents'], without(WRITE_ALL, 'contents'), []]);
  });

  it('read-all and {}: no write scope, nothing in excess', () => {
    for (const [block, kind] of [['read-all', 'read-all'], ['{}', 'scopes']] as const) {
      const g = grants(`on: push\npermissions: ${block}\njobs:\n${job('build', '      - run: make\n')}`);
      assert.deepEqual(g.jobs.map((j) => [j.kind, j.writes, j.needed, j.excess]), [[kind, [], [], []]], block);
    }
  });

  it('no block anywhere: the repository default, as configured', () => {
    const text = `on: push\njobs:\n${job('release', RELEASE)}`;
    const table: [DefaultPermissions, TokenGrantKind, string[]][] = [
      ['unknown', 'default-unknown', PERMISSIVE],
      ['permissive', 'default-permissive', PERMISSIVE],
      ['restricted', 'default-restricted', []],
    ];
    for (const [mode, kind, writes] of table) {
      const [j] = grants(text, mode).jobs;
      assert.equal(j.kind, kind, mode);
      assert.equal(at(text, j.span), 'release', 'no block applies: the link goes to the job');
      assert.deepEqual(j.writes, writes, mode);
      assert.deepEqual(j.needed, writes.length ? ['contents'] : [], mode);
      assert.deepEqual(j.excess, without(writes, 'contents'), mode);
    }
  });

  it('a job-level block overrides the workflow one; the broadest job represents the workflow', () => {
    const text = `on: push\npermissions: write-all\njobs:\n${job('lint', '      - run: make lint\n', '    permissions:\n      contents: read\n      issues: write\n')}${job('release', RELEASE)}`;
    const g = grants(text);
    assert.deepEqual(g.jobs.map((j) => [j.job, j.kind, j.writes.length, j.needed, j.excess]), [
      ['lint', 'scopes', 1, [], ['issues']],
      ['release', 'write-all', WRITE_ALL.length, ['contents'], without(WRITE_ALL, 'contents')],
    ]);
    assert.equal(at(text, g.jobs[0].span), 'permissions:\n      contents: read\n      issues: write\n');
    assert.equal(g.broadest?.job, 'release');
    assert.equal(at(text, g.broadest!.span), 'permissions: write-all');
    assert.deepEqual(g.excess, without(WRITE_ALL, 'contents'));
  });

  it('an explicit block: needed and excess split the write scopes', () => {
    const g = grants(`on: push\njobs:\n${job('release', RELEASE, '    permissions:\n      contents: write\n      pull-requests: write\n      packages: read\n')}`);
    assert.deepEqual(g.jobs.map((j) => [j.kind, j.writes, j.needed, j.excess]), [['scopes', ['contents', 'pull-requests'], ['contents'], ['pull-requests']]]);
  });

  it('a step FlowGuard cannot analyse: what it found is needed, the rest is unknown, not excess', () => {
    const g = grants(`on: push\npermissions: write-all\njobs:\n${job('release', RELEASE + UNKNOWN)}${job('build', '      - run: make\n', '    permissions:\n      checks: write\n')}`);
    assert.deepEqual(g.jobs.map((j) => [j.job, j.needed, j.excess]), [['release', ['contents'], 'unknown'], ['build', [], ['checks']]]);
    assert.deepEqual(g.excess, ['checks']);
    assert.deepEqual(g.undetermined, without(WRITE_ALL, 'contents'));
  });

  it('an unknown default and an unanalysable step: nothing is called excess', () => {
    const g = grants(`on: push\njobs:\n${job('deploy', UNKNOWN)}`);
    assert.deepEqual(g.jobs.map((j) => [j.kind, j.writes.length, j.excess]), [['default-unknown', PERMISSIVE.length, 'unknown']]);
    assert.deepEqual([g.excess, g.undetermined], [[], PERMISSIVE]);
  });

  it('a need either scope can serve (a comment on a pull request): neither grant is excess', () => {
    const script = '      - uses: actions/github-script@v7\n        with:\n          script: |\n            await github.rest.issues.createComment({ ...context.repo, issue_number: 1, body: "x" })\n';
    const g = grants(`on: pull_request\njobs:\n${job('comment', script, '    permissions:\n      issues: write\n      pull-requests: write\n')}`);
    assert.deepEqual(g.jobs.map((j) => [j.writes, j.needed, j.excess]), [[['issues', 'pull-requests'], ['issues', 'pull-requests'], []]]);
  });

  it('a job calling a local reusable workflow needs what the called jobs request', () => {
    const callee = `on: workflow_call\njobs:\n${job('publish', '      - run: make\n', '    permissions:\n      packages: write\n')}${job('notes', '      - run: make notes\n')}`;
    const caller = `on: push\njobs:\n  call:\n    uses: ./.github/workflows/reusable.yml\n    permissions:\n      packages: write\n      issues: write\n`;
    const files = { '.github/workflows/reusable.yml': callee };
    const g = grants(caller, 'unknown', files);
    assert.deepEqual(g.jobs.map((j) => [j.job, j.kind, j.writes, j.needed, j.excess]), [['call', 'scopes', ['issues', 'packages'], ['packages'], ['issues']]]);
    // The called workflow on its own: a job without a block gets the caller's token, whatever the repository default.
    const inner = grants(callee, 'permissive', files);
    assert.deepEqual(inner.jobs.map((j) => [j.job, j.kind, j.writes, j.excess]), [['publish', 'scopes', ['packages'], ['packages']], ['notes', 'caller', [], 'unknown']]);
    assert.equal(inner.broadest?.job, 'publish');
    // A caller without a block on a push: the repository default, and the callee's requests are what it needs.
    const bare = grants('on: push\njobs:\n  call:\n    uses: ./.github/workflows/reusable.yml\n', 'permissive', files);
    assert.deepEqual(bare.jobs.map((j) => [j.kind, j.needed, j.excess === 'unknown' ? 'unknown' : j.excess.length]), [['default-permissive', ['packages'], PERMISSIVE.length - 1]]);
  });

  it('an invalid block grants nothing (GitHub refuses the workflow)', () => {
    const g = grants(`on: push\npermissions:\njobs:\n${job('build', '      - run: make\n')}`);
    assert.deepEqual(g.jobs.map((j) => [j.kind, j.writes, j.excess]), [['invalid', [], []]]);
  });

  it('a workflow without jobs has no broadest grant', () => {
    const g = grants('on: push\njobs: {}\n');
    assert.deepEqual([g.jobs, g.broadest, g.writes], [[], undefined, []]);
  });
});

describe('lint(): tokenGrants from the linted model', () => {
  const text = `on: push\njobs:\n${job('release', RELEASE)}`;
  it('is offered for GitHub workflows only', () => {
    assert.equal(typeof lint(text, { path: '.github/workflows/r.yml' }).tokenGrants, 'function');
    assert.equal(lint('name: a\ndescription: b\nruns:\n  using: composite\n  steps: []\n', { path: 'action.yml' }).tokenGrants, undefined);
    assert.equal(lint('build:\n  script: make\n', { path: '.gitlab-ci.yml' }).tokenGrants, undefined);
  });
  it('uses the default-permissions the rules used (config over settings) and equals the direct computation', () => {
    const r = lint(text, { path: '.github/workflows/r.yml', config: { 'default-permissions': 'permissive' }, settings: { defaultPermissions: 'restricted' } });
    const g = r.tokenGrants!();
    assert.equal(g.broadest?.kind, 'default-permissive');
    assert.deepEqual(g, grants(text, 'permissive'));
    assert.equal(r.tokenGrants!(), g, 'computed once');
  });
  it('works with every permission rule disabled', () => {
    const off = { rules: Object.fromEntries(['excessive-permissions', 'insufficient-permissions', 'permissions-ceiling', 'undocumented-permissions'].map((id) => [id, 'off'])) };
    const g = lint(text, { path: '.github/workflows/r.yml', config: off as never }).tokenGrants!();
    assert.deepEqual(g, grants(text));
  });
});

describe('compareTokenBreadth (wire) agrees with the engine tiers', () => {
  const kinds: TokenGrantKind[] = ['write-all', 'default-permissive', 'default-unknown', 'scopes', 'read-all', 'default-restricted', 'caller', 'invalid'];
  const wire = (grant: TokenGrantKind, writes: number, path = 'a.yml'): WorkflowTokenPermissions => ({
    uri: path, path, grant, line: 0, character: 0, writes: Array(writes).fill('x'), needed: [], excess: [], undetermined: [], jobs: [],
  });
  it('tiers first, then write scopes, then the path', () => {
    for (const a of kinds) for (const b of kinds) {
      assert.equal(Math.sign(compareTokenBreadth(wire(a, 1), wire(b, 5))), grantTier(a) === grantTier(b) ? 1 : Math.sign(grantTier(a) - grantTier(b)), `${a} vs ${b}`);
    }
    assert.ok(compareTokenBreadth(wire('scopes', 2, 'b.yml'), wire('scopes', 2, 'a.yml')) > 0);
  });
});
