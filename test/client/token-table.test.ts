// The "Broadest token permissions" table shared by the report panel and the Markdown export: ranking, the words
// for each grant, unknowns explained, the CLI's JSON read into the server's shape, and the Markdown section.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markdownReport, noWriteScopes, tokenPermissionsFromCli, tokenTable, tokenTableNotes, type CliPermissions } from '../../client/src/reportMarkdown.js';
import type { WorkflowTokenPermissions } from '../../server/src/lsp/protocol.js';

const scopes = (n: number) => ['actions', 'attestations', 'checks', 'contents', 'deployments', 'discussions', 'id-token', 'issues', 'packages', 'pages', 'pull-requests', 'security-events', 'statuses'].slice(0, n);

function wf(path: string, grant: WorkflowTokenPermissions['grant'], writes: number, needed: string[], excess: number, undetermined = 0, jobs: WorkflowTokenPermissions['jobs'] = []): WorkflowTokenPermissions {
  const w = scopes(writes);
  const rest = w.filter((s) => !needed.includes(s));
  return {
    uri: `file:///w/${path}`, path, grant, job: jobs[0]?.job ?? 'build', line: 3, character: 2,
    writes: w, needed, excess: rest.slice(0, excess), undetermined: rest.slice(excess, excess + undetermined), jobs,
  };
}

const WORKFLOWS = [
  wf('narrow.yml', 'scopes', 2, ['contents'], 1),
  wf('quiet.yml', 'scopes', 0, [], 0),
  wf('default.yml', 'default-unknown', 12, ['contents'], 11),
  wf('all.yml', 'write-all', 13, [], 0, 13, [
    { job: 'build', grant: 'write-all', line: 3, writes: 13, needed: 0, excess: null },
    { job: 'lint', grant: 'scopes', line: 9, writes: 0, needed: 0, excess: 0 },
  ]),
  wf('perm.yml', 'default-permissive', 12, ['contents', 'pages'], 10),
  wf('mixed.yml', 'scopes', 5, ['contents'], 2, 2),
  wf('caller.yml', 'caller', 0, [], 0),
];

test('tokenTable ranks write-all and permissive defaults first, then unknown defaults, then write scopes', () => {
  const t = tokenTable(WORKFLOWS);
  assert.deepEqual(t.rows.map((r) => [r.path, r.token, r.writes, r.needed, r.excess]), [
    ['all.yml', 'write-all (job build)', '13', 0, 'unknown'],
    ['perm.yml', 'default token (permissive)', '12', 2, '10'],
    ['default.yml', 'default token (unknown)', 'up to 12', 1, 'up to 11'],
    ['mixed.yml', 'permissions block', '5', 1, '2 + 2 unknown'],
    ['narrow.yml', 'permissions block', '2', 1, '1'],
  ]);
  assert.deepEqual([t.more, t.readOnly, t.hasUnknownExcess, t.hasUnknownDefault], [0, 2, true, false]);
  assert.deepEqual(t.rows[0].jobs, [
    { job: 'build', line: 3, text: 'build: write-all, 13 write (unused unknown)' },
    { job: 'lint', line: 9, text: 'lint: permissions block, 0 write' },
  ]);
  assert.deepEqual([t.rows[0].line, t.rows[0].character, t.rows[0].uri], [3, 2, 'file:///w/all.yml']);
  assert.deepEqual(t.rows[1].neededScopes, ['contents', 'pages']);
});

test('tokenTable: a limit, the unknown default explained, and the empty case', () => {
  const withJobs = WORKFLOWS.map((w) => (w.grant === 'default-unknown' ? { ...w, jobs: [{ job: 'build', grant: w.grant, line: 3, writes: 12, needed: 1, excess: 11 }] } : w));
  const t = tokenTable(withJobs, 2);
  assert.deepEqual([t.rows.length, t.more, t.readOnly, t.hasUnknownDefault], [2, 3, 2, true]);
  const notes = tokenTableNotes(t);
  assert.equal(notes[0], '3 workflows with write scopes not shown.');
  assert.equal(notes[1], '2 workflows give no job a write scope.');
  assert.match(notes.join('\n'), /Default token \(unknown\): .*`default-permissions: restricted`/);
  assert.match(notes.join('\n'), /Unknown: a job runs a step FlowGuard cannot analyse/);
  const empty = tokenTable([wf('quiet.yml', 'read-all', 0, [], 0)]);
  assert.deepEqual([empty.rows, empty.readOnly], [[], 1]);
  assert.equal(noWriteScopes(empty), 'No workflow gives a job a write scope (1 workflow audited).');
});

test('tokenPermissionsFromCli reads `flowguard permissions --format json` into 0-based positions', () => {
  const cli: CliPermissions = {
    files: [
      { path: '.github/workflows/a.yml', token: { grant: 'write-all', job: 'build', line: 4, column: 3, writes: ['contents'], needed: [], excess: ['contents'], undetermined: [], jobs: [{ job: 'build', grant: 'write-all', line: 4, writes: 1, needed: 0, excess: 1 }] } },
      { path: '.github/workflows/empty.yml', token: { writes: [], needed: [], excess: [], undetermined: [], jobs: [] } },
    ],
  };
  assert.deepEqual(tokenPermissionsFromCli(cli), [{
    uri: '.github/workflows/a.yml', path: '.github/workflows/a.yml', grant: 'write-all', job: 'build', line: 3, character: 2,
    writes: ['contents'], needed: [], excess: ['contents'], undetermined: [], jobs: [{ job: 'build', grant: 'write-all', line: 3, writes: 1, needed: 0, excess: 1 }],
  }]);
});

test('markdownReport: the Broadest token permissions section between the totals and the findings', () => {
  const md = markdownReport([], { title: 't', generated: 'g', tokenPermissions: [WORKFLOWS[0], WORKFLOWS[3], WORKFLOWS[1]] });
  const section = md.slice(md.indexOf('## Broadest token permissions'), md.indexOf('## Findings'));
  assert.deepEqual(section.split('\n').slice(0, 6), [
    '## Broadest token permissions',
    '',
    '| workflow | token | write scopes granted | needed | excess |',
    '|---|---|---:|---:|---:|',
    '| `all.yml:4`<br>build: write-all, 13 write (unused unknown); lint: permissions block, 0 write | write-all (job build) | 13 | 0 | unknown |',
    '| `narrow.yml:4` | permissions block | 2 | 1 (contents) | 1 |',
  ]);
  assert.match(section, /\n- 1 workflow gives no job a write scope\.\n/);
  assert.match(section, /\n- Unknown: a job runs a step FlowGuard cannot analyse/);
  assert.match(markdownReport([], { title: 't', generated: 'g', tokenPermissions: [] }), /## Broadest token permissions\n\nNo workflow gives a job a write scope\.\n\n## Findings/);
  assert.doesNotMatch(markdownReport([], { title: 't', generated: 'g' }), /Broadest/, 'no section without the data');
});
