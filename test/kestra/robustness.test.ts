// Degrade, never fall over: odd shapes and truncated real flows never make a Kestra check throw.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { lint } from '../../server/src/engine/index.js';

const ODD = [
  'id: f\nnamespace: n\ntasks: null\n',
  'id: f\nnamespace: n\ntasks: 5\ntriggers: x\ninputs: {a: 1}\n',
  'id: [1]\nnamespace: {a: b}\ntasks:\n  - null\n  - 3\n  - [a]\n',
  'id: f\nnamespace: n\ntasks:\n  - id: d\n    type: io.kestra.plugin.core.flow.Dag\n    tasks:\n      - task: null\n        dependsOn: {a: 1}\n',
  'id: f\nnamespace: n\ntasks:\n  - &a {id: x, type: io.kestra.plugin.core.flow.Sequential, tasks: [*a]}\n',
  'id: f\nnamespace: n\nlabels: 5\ninputs:\n  - id: a\n    dependsOn: 3\npluginDefaults: {}\ntasks:\n  - id: x\n    type: io.kestra.plugin.scripts.shell.Commands\n    env: 3\n    commands: {a: "{{ inputs.a }}"}\n',
  'id: f\nnamespace: n\ntasks:\n  - id: x\n    type: io.kestra.plugin.scripts.shell.Commands\n    commands:\n      - "{{ inputs.a"\n      - "{% for x in %}{{ x }}"\n',
  'id: f\nnamespace: n\ntasks:\n  - id: b\n    type: io.kestra.plugin.kestra.ee.iam.bindings.Set\n    roleId: [1]\n    namespace: {a: 1}\n',
];

const internalErrors = (text: string) => lint(text, { path: 'flows/x.yml', kind: 'kestra-flow', settings: { persona: 'auditor' } }).findings.filter((f) => f.ruleId === 'internal-error').map((f) => f.message);

describe('Kestra robustness', () => {
  it('odd shapes', () => {
    for (const text of ODD) assert.deepEqual(internalErrors(text), [], text);
  });
  const root = join('..', 'shared', 'corpus', 'kestra');
  it('truncated and line-dropped corpus flows', { skip: existsSync(root) ? false : `corpus not found at ${root}` }, () => {
    const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : /\.ya?ml$/.test(e.name) ? [join(d, e.name)] : []));
    const bad: string[] = [];
    for (const f of walk(root)) {
      const lines = readFileSync(f, 'utf8').split('\n');
      const cut = Math.floor(lines.length / 2);
      for (const text of [lines.slice(0, cut).join('\n'), lines.filter((_, i) => i !== cut).join('\n')]) {
        const errs = internalErrors(text);
        if (errs.length) bad.push(`${f}: ${errs[0]}`);
      }
    }
    assert.deepEqual(bad, []);
  });
});
