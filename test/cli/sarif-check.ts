// SARIF checks shared by the SARIF and process tests: the SARIF 2.1.0 JSON schema (the copy
// @microsoft/jest-sarif ships, sarif-2.1.0-rtm.5) plus what GitHub code scanning needs beyond it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const require = createRequire(import.meta.url);

export function sarifValidator() {
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
export type Log = any;

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

