// The bundled examples/ workspace (what the README's first command audits): the vulnerable files are
// flagged, the clean workflow is not, and its .flowguard.yml is valid.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { run } from '../../server/src/cli/run.js';
import { nodeIO } from '../../server/src/cli/node-io.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));

async function audit(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await run(['audit', ...argv], { ...nodeIO(repo), writeOut: (s) => void (out += s), writeErr: (s) => void (err += s), isTTY: false, writeFile: undefined });
  return { code, out, err };
}

describe('examples/', () => {
  it('flags the vulnerable files, leaves the clean workflow alone, exits 1 (0 with --exit-zero)', async () => {
    const r = await audit('examples', '--format', 'json');
    assert.equal(r.code, 1, r.err);
    assert.equal(r.err.includes('invalid configuration'), false, r.err);
    const findings: { file: string; ruleId: string }[] = JSON.parse(r.out);
    const files = new Set(findings.map((f) => f.file));
    for (const f of ['examples/.github/workflows/pr-target.yml', 'examples/.github/workflows/issue-triage.yml', 'examples/action.yml', 'examples/.gitlab-ci.yml', 'examples/flows/hello.yml']) {
      assert.ok(files.has(f), `${f} should have findings`);
    }
    assert.deepEqual(findings.filter((f) => f.file === 'examples/.github/workflows/ci.yml'), [], 'ci.yml is the clean example');
    assert.ok(findings.some((f) => f.ruleId === 'unpinned-uses'));
    assert.equal((await audit('examples', '--exit-zero', '-q')).code, 0);
  });

  it('the config override limits nightly.yml to high severity', async () => {
    const r = await audit('examples/.github/workflows/nightly.yml', '--format', 'json');
    for (const f of JSON.parse(r.out)) assert.equal(f.severity, 'high', JSON.stringify(f));
    const all = await audit('examples/.github/workflows/nightly.yml', '--format', 'json', '--no-config');
    assert.ok(JSON.parse(all.out).length > 0, 'without the config, nightly.yml has medium findings');
  });
});
