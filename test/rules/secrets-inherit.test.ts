import rule from '../../server/src/engine/rules/github/secrets-inherit.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { lint, applyEdits, type Rule } from '../../server/src/engine/index.js';
import assert from 'node:assert/strict';
import { it } from 'node:test';

ruleTester(rule as Rule, {
  valid: [
    'on: push\njobs:\n  c:\n    uses: o/r/.github/workflows/x.yml@v1\n    secrets:\n      A: ${{ secrets.A }}\n',
    'on: push\njobs:\n  c:\n    uses: o/r/.github/workflows/x.yml@v1\n',
    { name: 'a step key named secrets is not a call', code: 'on: push\njobs:\n  c:\n    runs-on: x\n    steps:\n      - run: echo inherit\n' },
  ],
  invalid: [
    { code: 'on: push\njobs:\n  c:\n    uses: o/r/.github/workflows/x.yml@v1\n    secrets: inherit\n', errors: [{ text: 'inherit', message: /every secret/ }], output: null },
  ],
});

it('secrets-inherit: lists the secrets a local reusable workflow declares (unsafe fix)', () => {
  const callee = 'on:\n  workflow_call:\n    secrets:\n      NPM_TOKEN:\n        required: true\n      SLACK:\njobs: {}\n';
  const text = 'on: push\njobs:\n  c:\n    uses: ./.github/workflows/release.yml\n    secrets: inherit # all of them\n';
  const res = lint(text, { path: '.github/workflows/ci.yml', settings: { workspace: { readFile: (p) => (p === '.github/workflows/release.yml' ? callee : undefined) } } });
  const f = res.findings.find((x) => x.ruleId === 'secrets-inherit')!;
  assert.equal(f.fixes?.[0].safe, false);
  assert.equal(applyEdits(text, f.fixes![0].edits), 'on: push\njobs:\n  c:\n    uses: ./.github/workflows/release.yml\n    secrets:\n      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n      SLACK: ${{ secrets.SLACK }} # all of them\n');
});
