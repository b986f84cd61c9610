// The committed config schema and the README rule table are generated from the rule registry; they must
// match what the generator produces now (a rule added without regenerating fails here).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { parseConfig, RULES } from '../../server/src/engine/index.js';
import { generateConfigSchema, generateReadmeRules, README_BEGIN, README_PATH, SCHEMA_PATH } from '../../scripts/gen-config-schema.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (p: string) => readFileSync(root + p, 'utf8');
const HOW = 'run `npm run gen:config-schema` and commit the result';

describe('generated config schema', () => {
  it(`${SCHEMA_PATH} is up to date with the rule registry`, () => {
    const current = read(SCHEMA_PATH);
    assert.ok(current === generateConfigSchema(current), `${SCHEMA_PATH} is out of date with the rule registry: ${HOW}`);
  });

  it(`the rule table in ${README_PATH} is up to date`, () => {
    const current = read(README_PATH);
    assert.ok(current.includes(README_BEGIN), `${README_PATH} lost its rule-table marker '${README_BEGIN}'`);
    assert.ok(current === generateReadmeRules(current), `the rule table in ${README_PATH} is out of date: ${HOW}`);
  });

  it('the generator lists every rule id with its title, and the result compiles', () => {
    const schema = JSON.parse(generateConfigSchema(read(SCHEMA_PATH)));
    assert.deepEqual(schema.definitions.ruleIds.enum, RULES.map((r) => r.meta.id));
    const props = schema.definitions.layer.properties.rules.properties;
    for (const r of RULES) assert.ok(props[r.meta.id].description.startsWith(r.meta.title), r.meta.id);
    new Ajv({ strict: false }).compile(schema);
  });

  it('rule options are validated through the generated per-rule schema', () => {
    const withOptions = RULES.find((r) => r.meta.optionsSchema && JSON.stringify(r.meta.optionsSchema).includes('"enum"'));
    assert.ok(withOptions, 'a rule with an options schema');
    const bad = parseConfig(`rules:\n  unpinned-uses:\n    options:\n      policies:\n        "*": sometimes\n`);
    assert.ok(bad.problems.some((p) => /policies/.test(p.message)), JSON.stringify(bad.problems));
    assert.deepEqual(parseConfig(`rules:\n  unpinned-uses:\n    options:\n      policies:\n        "*": hash-pin\n`).problems, []);
  });
});
