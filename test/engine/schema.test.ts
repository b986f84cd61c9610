// The GitHub schemas: generated files are current, valid draft-07, compiled once, and the error mapping
// (did you mean, locations through anchors and merge keys) behaves.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { generate } from '../../scripts/gen-github-schemas.js';
import { validateDocument, validatorFor } from '../../server/src/engine/schema/validate.js';
import { didYouMean, editDistance } from '../../server/src/engine/schema/suggest.js';
import { parseYaml } from '../../server/src/engine/yaml/parse.js';

const problems = (text: string, schema: 'github-workflow' | 'github-action' = 'github-workflow') =>
  validateDocument(parseYaml(text).documents[0], schema).map((p) => `${p.message} @ ${text.slice(p.span.start, p.span.end)}`);

describe('generated GitHub schemas', () => {
  const generated = generate();

  it('are what npm run gen:schemas produces from the installed @actions/workflow-parser', () => {
    for (const g of generated) assert.equal(readFileSync(g.file, 'utf8'), g.json, `${g.file} is stale: run npm run gen:schemas`);
  });

  it('are valid draft-07 schemas whose every $ref resolves', () => {
    for (const g of generated) {
      const schema = JSON.parse(g.json) as { definitions: Record<string, unknown> };
      const ajv = new Ajv({ strict: false });
      assert.equal(ajv.validateSchema(schema), true, JSON.stringify(ajv.errors));
      for (const m of g.json.matchAll(/"\$ref": "#\/definitions\/([^"]+)"/g)) assert.ok(m[1] in schema.definitions, `${g.file}: dangling $ref ${m[1]}`);
    }
  });

  it('include a valid hand-written Dependabot schema', () => {
    const schema = JSON.parse(readFileSync('schemas/github-dependabot.json', 'utf8')) as { definitions: { update: { properties: Record<string, { 'x-known'?: string[] }> } } };
    const ajv = new Ajv({ strict: false });
    assert.equal(ajv.validateSchema(schema), true, JSON.stringify(ajv.errors));
    const ecosystems = schema.definitions.update.properties['package-ecosystem']['x-known'] ?? [];
    for (const e of ['github-actions', 'npm', 'pip', 'uv', 'docker', 'gomod', 'cargo']) assert.ok(ecosystems.includes(e), e);
  });

  it('list the 20 GITHUB_TOKEN scopes with their levels', () => {
    const wf = JSON.parse(generated[0].json) as { definitions: Record<string, { allOf?: { then: { properties: Record<string, { $ref: string }> } }[] }> };
    const props = wf.definitions.permissions.allOf![0].then.properties;
    assert.equal(Object.keys(props).length, 20);
    const levels = (scope: string) => {
      const def = wf.definitions[props[scope].$ref.split('/').pop()!] as unknown as { then: { enum: string[] } };
      return def.then.enum;
    };
    assert.deepEqual(levels('contents'), ['read', 'write', 'none']);
    assert.deepEqual(levels('id-token'), ['write', 'none']);
    assert.deepEqual(levels('copilot-requests'), ['write', 'none']);
    assert.deepEqual(levels('models'), ['read', 'none']);
    assert.deepEqual(levels('vulnerability-alerts'), ['read', 'none']);
  });
});

describe('validateDocument', () => {
  it('compiles each schema once', () => {
    assert.equal(validatorFor('github-workflow'), validatorFor('github-workflow'));
    assert.equal(validatorFor('github-action'), validatorFor('github-action'));
  });

  it('locates an unknown key brought in by a merge key at its source', () => {
    const text = 'on: push\nx-defaults: &d\n  runs-on: x\n  timeout: 5\njobs:\n  a:\n    <<: *d\n    steps: [{run: echo}]\n';
    // x-defaults itself is unknown at the top level; the merged `timeout` is reported once, where it is
    // written; and GitHub rejects the merge key itself.
    assert.deepEqual(problems(text), [
      "Unknown key 'x-defaults' in the workflow; did you mean 'defaults'? @ x-defaults",
      "Unknown key 'timeout' in job 'a' @ timeout",
      "Merge key '<<' in job 'a': GitHub supports YAML anchors and aliases but not merge keys, and rejects the workflow; write the keys out or alias the whole mapping @ <<",
    ]);
  });

  it('skips documents with YAML syntax errors (yaml-syntax reports those)', () => {
    assert.deepEqual(problems('on: push\njobs:\n  a: [\n'), []);
  });

  it('validates each document of a multi-document file on its own', () => {
    const file = parseYaml('on: push\njobs:\n  a:\n    runs-on: x\n    steps: [{run: echo}]\n---\non: push\njobs:\n  b:\n    runs-on: x\n    step: []\n');
    assert.deepEqual(validateDocument(file.documents[0], 'github-workflow'), []);
    assert.deepEqual(validateDocument(file.documents[1], 'github-workflow').map((p) => p.message), ["Unknown key 'step' in job 'b'; did you mean 'steps'?"]);
  });
});

describe('did you mean', () => {
  it('matches case and underscore/dash mix-ups exactly', () => {
    assert.equal(didYouMean('runs_on', ['runs-on', 'needs']), 'runs-on');
    assert.equal(didYouMean('Runs-On', ['runs-on']), 'runs-on');
  });
  it('allows more edits for longer words, none for unrelated ones', () => {
    assert.equal(didYouMean('stpes', ['steps', 'strategy']), 'steps');
    assert.equal(didYouMean('enviroment', ['environment', 'env']), 'environment');
    assert.equal(didYouMean('foo', ['steps', 'strategy']), undefined);
    assert.equal(didYouMean('ab', ['if']), undefined);
  });
  it('does not guess between equally close candidates', () => {
    assert.equal(didYouMean('node18', ['node12', 'node16', 'node20']), undefined);
  });
  it('counts a transposition as one edit', () => {
    assert.equal(editDistance('uses', 'usse'), 1);
    assert.equal(editDistance('kitten', 'sitting'), 3);
  });
});

describe('validateDocument on arbitrary documents', () => {
  // Keys GitHub knows (and near misses), so the generator reaches deep into the schema rather than
  // failing at the top level.
  const KEYS = ['on', 'jobs', 'build', 'runs-on', 'runs_on', 'steps', 'run', 'uses', 'with', 'env', 'permissions', 'contents', 'strategy', 'matrix', 'include', 'if', 'needs', 'services', 'container', 'image', 'push', 'branches', 'workflow_call', 'inputs', 'type', 'runs', 'using', 'main', 'name', 'description', 'concurrency', 'group', 'timeout-minutes', 'Env', 'ENV'];
  const scalar = fc.oneof(fc.constantFrom('read', 'write', 'ubuntu-latest', '${{ matrix.os }}', '${{ github.ref }}', 'composite', 'node20', ''), fc.integer(), fc.boolean(), fc.constant(null), fc.string({ maxLength: 8 }));
  const tree = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, scalar, tie('map'), tie('seq')),
    map: fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 5 }),
    seq: fc.array(tie('value'), { maxLength: 3 }),
  })).map;

  it('never throws, and every problem has a span inside the text and a message', () => {
    fc.assert(
      fc.property(tree, fc.constantFrom('github-workflow', 'github-action', 'github-dependabot'), (value, schema) => {
        const text = stringify(value);
        const doc = parseYaml(text).documents[0];
        if (!doc) return;
        for (const p of validateDocument(doc, schema as 'github-workflow')) {
          assert.ok(p.span.start >= 0 && p.span.end <= text.length && p.span.start <= p.span.end, `span ${JSON.stringify(p.span)} outside ${text.length}`);
          assert.ok(p.message.length > 0);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
