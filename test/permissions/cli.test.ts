// `flowguard permissions`: minimal blocks per job with reasons, in YAML and JSON, with local
// composite actions and reusable workflows read through the CLI's workspace view.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryIO, runCli } from '../cli/memory-io.js';

const WF = '/ws/.github/workflows';
const release = `on: push
permissions: write-all
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: softprops/action-gh-release@v2
  call:
    uses: ./.github/workflows/reusable.yml
  script:
    runs-on: ubuntu-latest
    steps:
      - run: ./publish.sh
        env:
          GH_TOKEN: \${{ github.token }}
`;
const reusable = `on: workflow_call
jobs:
  comment:
    runs-on: ubuntu-latest
    steps:
      - uses: ./.github/actions/comment
`;
const action = `name: comment
description: x
runs:
  using: composite
  steps:
    - run: gh pr comment 1 --body ok
      shell: bash
      env:
        GH_TOKEN: \${{ github.token }}
`;
const files = { [`${WF}/release.yml`]: release, [`${WF}/reusable.yml`]: reusable, '/ws/.github/actions/comment/action.yml': action };

describe('flowguard permissions', () => {
  it('prints the minimal block per job with the step behind each scope (yaml)', async () => {
    const r = await runCli(['permissions', '.github/workflows/release.yml'], memoryIO(files, { cwd: '/ws', dirs: ['/ws/.git'] }));
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /"release": # line 4, fully analysed\n      permissions:\n        contents: write # softprops\/action-gh-release to create the release and upload assets \(line 8\) \+1 more/);
    assert.match(r.out, /granted-today: "workflow block write-all"/);
    assert.match(r.out, /"call": # line 9, fully analysed\n      permissions:\n        pull-requests: write # \.github\/workflows\/reusable\.yml \(job 'comment': gh pr comment to comment on the pull request\)/);
    assert.match(r.out, /"script": # line 11, NOT fully analysed[\s\S]*publish\.sh/);
    assert.match(r.out, /# 1 workflows, 3 jobs: 2 fully analysed \(66\.7%\)/);
  });
  it('json output', async () => {
    const r = await runCli(['permissions', '--format', 'json'], memoryIO(files, { cwd: '/ws', dirs: ['/ws/.git'] }));
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out) as { files: { path: string; jobs: { id: string; status: string; permissions: Record<string, { level: string }>; broader: string[] }[] }[]; summary: { jobs: number; known: number } };
    const rel = json.files.find((f) => f.path.endsWith('release.yml'))!;
    assert.deepEqual(rel.jobs.map((j) => [j.id, j.status, Object.fromEntries(Object.entries(j.permissions).map(([s, p]) => [s, p.level]))]), [
      ['release', 'known', { contents: 'write' }],
      ['call', 'known', { 'pull-requests': 'write' }],
      ['script', 'unknown', { 'id-token': 'write' }], // a publish script may use OIDC: kept where granted
    ]);
    assert.ok(rel.jobs[0].broader.includes('id-token'));
    assert.equal(json.summary.jobs, 4);
  });
  it('usage errors exit 2', async () => {
    assert.equal((await runCli(['permissions', '--format', 'xml'], memoryIO(files, { cwd: '/ws' }))).code, 2);
  });
});
