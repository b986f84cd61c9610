// Online rules and fixes, driven by OnlineFacts as the edge would gather them (no network here).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, lint, selectFixes } from '../../server/src/engine/index.js';
import type { OnlineFacts } from '../../server/src/engine/online/facts.js';
import { onlineRequests } from '../../server/src/engine/online/facts.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const facts = (f: Partial<OnlineFacts>): OnlineFacts => ({ status: 'ok', refs: {}, commits: {}, advisories: {}, actions: {}, ...f });
const wf = (uses: string) => `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: ${uses} # keep me\n`;
const run = (text: string, online?: OnlineFacts) => lint(text, { path: '.github/workflows/w.yml', settings: { persona: 'auditor', online } }).findings;

describe('online rules', () => {
  it('are silent without online facts', () => {
    const ids = run(wf(`actions/checkout@${A} # v4`)).map((f) => f.ruleId);
    for (const id of ['ref-version-mismatch', 'impostor-commit', 'ref-confusion', 'stale-action-refs', 'online-unavailable']) assert.ok(!ids.includes(id), id);
  });

  it('unpinned-uses pins a tag to its commit with the version as a comment, keeping other comments (safe)', () => {
    const text = wf('tj-actions/changed-files@v46');
    const online = facts({ refs: { 'tj-actions/changed-files@v46': { sha: A, kind: 'tag' } } });
    const f = run(text, online).find((x) => x.ruleId === 'unpinned-uses')!;
    assert.equal(f.fixes?.[0].safe, true);
    const fixed = applyEdits(text, f.fixes![0].edits);
    assert.equal(fixed, wf(`tj-actions/changed-files@${A} # v46`));
    // Lint the fixed file with facts for the new pin: no pinning finding remains.
    const after = run(fixed, facts({ commits: { [`tj-actions/changed-files@${A}`]: { inRepository: true, tags: ['v46'] } } }));
    assert.deepEqual(after.filter((x) => ['unpinned-uses', 'ref-version-mismatch'].includes(x.ruleId)).map((x) => x.message), []);
  });

  it('pinning a branch is offered but unsafe', () => {
    const online = facts({ refs: { 'some/action@main': { sha: A, kind: 'branch' } } });
    const f = run(wf('some/action@main'), online).find((x) => x.ruleId === 'unpinned-uses')!;
    assert.equal(f.fixes?.[0].safe, false);
  });

  it('ref-version-mismatch: wrong comment, corrected by a safe fix', () => {
    const text = wf(`actions/checkout@${A} # v4.2.2`).replace(' # keep me', '');
    const online = facts({ refs: { 'actions/checkout@v4.2.2': { sha: B, kind: 'tag' } }, commits: { [`actions/checkout@${A}`]: { inRepository: true, tags: ['v4.1.0', 'v4.1'] } } });
    const f = run(text, online).find((x) => x.ruleId === 'ref-version-mismatch')!;
    assert.equal(text.slice(f.span.start, f.span.end), 'v4.2.2');
    assert.match(f.message, /v4\.1\.0/);
    const sel = selectFixes([f], (x) => x.safe);
    assert.equal(applyEdits(text, sel.edits), text.replace('# v4.2.2', '# v4.1.0'));
  });

  it('ref-version-mismatch: a missing comment is pedantic, with the tag added by the fix', () => {
    const text = `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@${A}\n`;
    const f = run(text, facts({ commits: { [`actions/checkout@${A}`]: { inRepository: true, tags: ['v4.1.0'] } } })).find((x) => x.ruleId === 'ref-version-mismatch')!;
    assert.equal(f.persona, 'pedantic');
    assert.equal(applyEdits(text, f.fixes![0].edits), text.replace(A, `${A} # v4.1.0`));
  });

  it('impostor-commit, ref-confusion and stale-action-refs', () => {
    const online = facts({
      commits: { [`evil/fork@${A}`]: { inRepository: false }, [`ok/unreleased@${B}`]: { inRepository: true, tags: [] } },
      refs: { 'some/deploy@v2': { sha: A, kind: 'tag', ambiguous: true } },
    });
    const text = `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: evil/fork@${A}\n      - uses: ok/unreleased@${B}\n      - uses: some/deploy@v2\n`;
    const ids = run(text, online).map((f) => f.ruleId);
    assert.ok(ids.includes('impostor-commit'));
    assert.ok(ids.includes('stale-action-refs'));
    assert.ok(ids.includes('ref-confusion'));
  });

  it('known-vulnerable-actions uses advisories from GitHub, with a bump fix', () => {
    const online = facts({ advisories: { 'some/action': [{ ghsa: 'GHSA-xxxx-yyyy-zzzz', severity: 'critical', summary: 'Command injection in inputs', vulnerableRange: '< 2.3.1', firstPatched: '2.3.1' }] } });
    const text = wf('some/action@v2.1.0');
    const f = run(text, online).find((x) => x.ruleId === 'known-vulnerable-actions')!;
    assert.match(f.message, /GHSA-xxxx-yyyy-zzzz/);
    assert.equal(f.severity, 'high');
    assert.equal(applyEdits(text, f.fixes![0].edits), wf('some/action@v2.3.1'));
  });

  it('online-unavailable explains missing online results', () => {
    const f = run(wf('actions/checkout@v4'), facts({ status: 'rate-limited', message: 'resets at 12:00 UTC' })).find((x) => x.ruleId === 'online-unavailable')!;
    assert.match(f.message, /rate-limited.*resets at 12:00 UTC/);
  });

  it('onlineRequests lists each remote reference once, with SHA pins and their comments', () => {
    const text = `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/checkout@v4\n      - uses: o/r/sub/dir@${A} # v1.2.3\n      - uses: ./local\n      - uses: docker://alpine:3\n  c:\n    uses: o/r/.github/workflows/w.yml@main\n`;
    assert.deepEqual(onlineRequests(text, 'github-workflow'), [
      { owner: 'actions', repo: 'checkout', path: undefined, ref: 'v4', isSha: false, commentVersion: undefined },
      { owner: 'o', repo: 'r', path: 'sub/dir', ref: A, isSha: true, commentVersion: 'v1.2.3' },
      { owner: 'o', repo: 'r', path: '.github/workflows/w.yml', ref: 'main', isSha: false, commentVersion: undefined },
    ]);
  });

  it('remote action metadata feeds the permission solver (a composite action that creates releases)', () => {
    const action = "name: r\ndescription: d\ninputs:\n  token:\n    default: ${{ github.token }}\nruns:\n  using: composite\n  steps:\n    - run: gh release create v1\n      shell: bash\n      env:\n        GH_TOKEN: ${{ inputs.token }}\n";
    const text = 'on: push\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: unknown-org/releaser@v1\n';
    const offline = run(text).map((f) => f.ruleId);
    assert.ok(!offline.includes('insufficient-permissions'), 'offline the action is unknown, never a claimed need');
    const online = run(text, facts({ actions: { 'unknown-org/releaser@v1': action } }));
    const f = online.find((x) => x.ruleId === 'insufficient-permissions');
    assert.ok(f, JSON.stringify(online.map((x) => x.ruleId)));
    assert.match(f!.message, /contents: write/);
  });
});
