// Golden tests: the CLI run in-process on test/cli/fixtures/basic, every output format compared with the
// files in test/cli/golden/. The runs are limited to `unpinned-uses` and the parser rules (`--rule`) so
// that rules added later do not churn the goldens. After an intended output change, regenerate with
//   UPDATE_GOLDEN=1 node scripts/test-unit.mjs test/cli/golden
// and review the diff.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { RULES } from '../../server/src/engine/index.js';
import { basicWorkspace, memoryIO, runCli } from './memory-io.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const GOLDEN = join(here, 'golden');
const RULE_ARGS = ['--rule', 'unpinned-uses', '--rule', 'yaml-syntax', '--rule', 'yaml-duplicate-key'];

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, actual);
  assert.ok(existsSync(file), `missing golden file ${name}: run UPDATE_GOLDEN=1 node scripts/test-unit.mjs test/cli/golden`);
  assert.equal(actual, readFileSync(file, 'utf8'), `output differs from test/cli/golden/${name} (UPDATE_GOLDEN=1 to accept an intended change)`);
}

describe('flowguard audit golden output (fixtures/basic)', () => {
  it('text', async () => {
    const r = await runCli(['audit', ...RULE_ARGS], memoryIO(basicWorkspace()));
    assert.equal(r.code, 1);
    assert.equal(r.err, '');
    golden('basic.text', r.out);
  });

  it('text from a subfolder prints paths relative to the cwd', async () => {
    const r = await runCli(['audit', '..', ...RULE_ARGS], memoryIO(basicWorkspace(), { cwd: '/ws/.github' }));
    golden('basic-from-subfolder.text', r.out);
  });

  it('json', async () => {
    const r = await runCli(['audit', '--format', 'json', ...RULE_ARGS], memoryIO(basicWorkspace()));
    assert.equal(r.code, 1);
    golden('basic.json', r.out);
    // The documented shape, exactly.
    for (const f of JSON.parse(r.out)) {
      assert.deepEqual(Object.keys(f), ['ruleId', 'severity', 'confidence', 'message', 'file', 'range', 'fixes']);
      assert.ok(f.range.start.line >= 1 && f.range.start.column >= 1);
    }
  });

  it('github annotations', async () => {
    const r = await runCli(['audit', '--format', 'github', ...RULE_ARGS], memoryIO(basicWorkspace()));
    assert.equal(r.code, 1);
    golden('basic.github', r.out);
  });

  it('sarif results', async () => {
    const r = await runCli(['audit', '--format', 'sarif', ...RULE_ARGS], memoryIO(basicWorkspace()));
    assert.equal(r.code, 1);
    const log = JSON.parse(r.out);
    const run = log.runs[0];
    const ids = run.tool.driver.rules.map((x: { id: string }) => x.id);
    assert.deepEqual(ids, RULES.map((x) => x.meta.id));
    // ruleIndex depends on the registry, which grows: check it, then leave it out of the golden.
    const results = run.results.map((res: { ruleId: string; ruleIndex: number }) => {
      assert.equal(ids[res.ruleIndex], res.ruleId);
      const { ruleIndex: _drop, ...rest } = res;
      return rest;
    });
    golden('basic.sarif-results.json', JSON.stringify({ results, invocations: run.invocations }, null, 2) + '\n');
  });
});
