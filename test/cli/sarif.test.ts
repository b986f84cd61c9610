// SARIF output validated against the SARIF 2.1.0 JSON schema plus the things GitHub code scanning needs
// beyond the schema: help URIs, a security-severity per rule, relative URIs under %SRCROOT%, 1-based
// regions, fingerprints (see sarif-check.ts).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { nodeIO } from '../../server/src/cli/node-io.js';
import { run } from '../../server/src/cli/run.js';
import type { CliIO } from '../../server/src/cli/io.js';
import { basicWorkspace, memoryIO, runCli } from './memory-io.js';
import { checkSarif, sarifValidator, type Log } from './sarif-check.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const CORPUS = join(repo, '..', 'shared', 'corpus', 'github');

describe('SARIF', () => {
  it('the fixture workspace produces valid SARIF 2.1.0 for GitHub code scanning', async () => {
    const r = await runCli(['audit', '--format', 'sarif'], memoryIO(basicWorkspace(), { dirs: ['/ws/.git'] }));
    const log = JSON.parse(r.out);
    checkSarif(log);
    assert.ok(log.runs[0].results.length > 0);
    assert.equal(log.runs[0].invocations[0].executionSuccessful, true);
  });

  it('the schema check is not vacuous: broken logs are rejected', async () => {
    const r = await runCli(['audit', '--format', 'sarif'], memoryIO(basicWorkspace()));
    const validate = sarifValidator() as (data: unknown) => boolean;
    const bad1 = JSON.parse(r.out);
    bad1.runs[0].results[0].level = 'fatal';
    const bad2 = JSON.parse(r.out);
    bad2.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    const bad3 = JSON.parse(r.out);
    delete bad3.runs[0].tool.driver.name;
    for (const bad of [bad1, bad2, bad3]) assert.equal(validate(bad), false);
  });

  it('files that could not be checked become tool notifications and executionSuccessful false', async () => {
    const io = memoryIO({ '/ws/.github/workflows/a.yml': 'on: push\n\0' });
    const r = await runCli(['audit', '--format', 'sarif'], io);
    assert.equal(r.code, 2);
    const log = JSON.parse(r.out);
    checkSarif(log);
    assert.equal(log.runs[0].invocations[0].executionSuccessful, false);
    assert.match(log.runs[0].invocations[0].toolExecutionNotifications[0].message.text, /binary file/);
  });

  it('fingerprints stay the same when a finding moves to another line', async () => {
    const wf = (pad: string) => `${pad}on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: a/b@v1\n`;
    const fp = async (text: string) => {
      const out = (await runCli(['audit', '--format', 'sarif', '--rule', 'unpinned-uses'], memoryIO({ '/ws/.github/workflows/a.yml': text }))).out;
      return JSON.parse(out).runs[0].results.map((x: Log) => x.partialFingerprints);
    };
    assert.deepEqual(await fp(wf('')), await fp(wf('# a comment\n\n')));
  });

  it('flowguard audit ../shared/corpus/github --format sarif is valid', { skip: !existsSync(CORPUS) && 'needs ../shared/corpus/github beside the project' }, async () => {
    let out = '';
    let err = '';
    const io: CliIO = { ...nodeIO(repo), writeOut: (s) => void (out += s), writeErr: (s) => void (err += s), isTTY: false };
    const code = await run(['audit', join('..', 'shared', 'corpus', 'github'), '--format', 'sarif'], io);
    assert.ok(code === 0 || code === 1, `exit ${code}: ${err.slice(0, 2000)}`);
    const log = JSON.parse(out);
    checkSarif(log);
    assert.ok(log.runs[0].results.length > 0);
    assert.equal(log.runs[0].invocations[0].executionSuccessful, true, err);
  });
});
