// SARIF output validated against the SARIF 2.1.0 JSON schema (the copy @microsoft/jest-sarif ships,
// sarif-2.1.0-rtm.5) plus the things GitHub code scanning needs beyond the schema: help URIs, a
// security-severity per rule, relative URIs under %SRCROOT%, 1-based regions, fingerprints.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { nodeIO } from '../../server/src/cli/node-io.js';
import { run } from '../../server/src/cli/run.js';
import type { CliIO } from '../../server/src/cli/io.js';
import { basicWorkspace, memoryIO, runCli } from './memory-io.js';

const require = createRequire(import.meta.url);
const repo = fileURLToPath(new URL('../..', import.meta.url));
const CORPUS = join(repo, '..', 'shared', 'corpus', 'github');

function sarifValidator() {
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  // The schema is draft-04 (`id`); ajv 8 reads it as draft-07 once the id keyword is renamed. Its
  // `language` pattern has a stray `]` that only the non-unicode RegExp mode accepts.
  schema.$id = schema.id;
  delete schema.id;
  delete schema.$schema;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Log = any;

export function checkSarif(log: Log): void {
  const validate = sarifValidator();
  const ok = (validate as (data: unknown) => boolean)(log);
  assert.ok(ok, `SARIF schema errors: ${JSON.stringify(validate.errors?.slice(0, 5), null, 2)}`);
  assert.equal(log.version, '2.1.0');
  const run = log.runs[0];
  const driver = run.tool.driver;
  assert.equal(driver.name, 'FlowGuard');
  assert.match(driver.version, /^\d+\.\d+\.\d+/);
  assert.match(driver.informationUri, /^https:\/\//);
  for (const rule of driver.rules) {
    assert.match(rule.helpUri, new RegExp(`^https://.*/${rule.id}\\.md$`), rule.id);
    assert.ok(rule.shortDescription.text && rule.fullDescription.text && rule.help.text, rule.id);
    assert.match(rule.properties['security-severity'], /^\d+\.\d$/);
    assert.ok(rule.properties.tags.includes('security'));
  }
  for (const res of run.results) {
    assert.equal(driver.rules[res.ruleIndex].id, res.ruleId);
    assert.ok(['error', 'warning', 'note'].includes(res.level));
    const loc = res.locations[0].physicalLocation;
    assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
    assert.doesNotMatch(loc.artifactLocation.uri, /^(\/|\.\.|[a-z]+:)/i, 'URIs are relative to the repository root');
    const r = loc.region;
    assert.ok(r.startLine >= 1 && r.startColumn >= 1 && r.endLine >= r.startLine, JSON.stringify(r));
    assert.ok(r.endLine > r.startLine || r.endColumn >= r.startColumn, JSON.stringify(r));
    assert.equal(Object.keys(res.partialFingerprints).length, 1);
  }
}

describe('SARIF', () => {
  it('the fixture workspace produces valid SARIF 2.1.0 for GitHub code scanning', async () => {
    const r = await runCli(['audit', '--format', 'sarif'], memoryIO(basicWorkspace(), { dirs: ['/ws/.git'] }));
    const log = JSON.parse(r.out);
    checkSarif(log);
    assert.ok(log.runs[0].results.length > 0);
    assert.equal(log.runs[0].invocations[0].executionSuccessful, true);
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
