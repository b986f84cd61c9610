import assert from 'node:assert/strict';
import { it } from 'node:test';
import rule from '../../server/src/engine/rules/github/action-input-injection.js';
import { lint, type Rule } from '../../server/src/engine/index.js';
import { ruleTester } from '../helpers/rule-tester.js';

const composite = (run: string) => `name: a\ndescription: d\ninputs:\n  who:\n    description: x\nruns:\n  using: composite\n  steps:\n    - name: greet\n      run: ${run}\n      shell: bash\n`;
const workflow = (uses: string, value: string, on = 'issues') => `on: ${on}\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: ${uses}\n        with:\n          who: ${value}\n`;
const online = (text: string) => ({ status: 'ok' as const, refs: {}, commits: {}, advisories: {}, actions: { 'some/greeter@v1': text }, });

ruleTester(rule as Rule, {
  valid: [
    { name: 'no metadata known: silent', code: workflow('some/greeter@v1', '${{ github.event.issue.title }}') },
    { name: 'the action uses an env var', code: workflow('some/greeter@v1', '${{ github.event.issue.title }}'), settings: { online: online(composite('echo "$WHO"').replace('shell: bash', 'shell: bash\n      env:\n        WHO: ${{ inputs.who }}')) } },
    { name: 'a trusted value', code: workflow('some/greeter@v1', '${{ github.sha }}'), settings: { online: online(composite('echo ${{ inputs.who }}')) } },
    { name: 'only tested, never pasted', code: workflow('some/greeter@v1', '${{ github.event.issue.title }}'), settings: { online: online(composite("echo ${{ inputs.who == 'x' }}")) } },
  ],
  invalid: [
    { code: workflow('some/greeter@v1', '${{ github.event.issue.title }}'), settings: { online: online(composite('echo ${{ inputs.who }}')) }, errors: [{ text: 'github.event.issue.title', message: /input 'who' to some\/greeter.*step 'greet'/ }] },
  ],
});

it('action-input-injection follows local composite actions through the workspace', () => {
  const res = lint(workflow('./.github/actions/greet', '${{ github.event.pull_request.title }}', 'pull_request_target'), {
    path: '.github/workflows/w.yml',
    settings: { workspace: { readFile: (p) => (p === '.github/actions/greet/action.yml' ? composite('echo ${{ inputs.who }}') : undefined) } },
  });
  assert.ok(res.findings.some((f) => f.ruleId === 'action-input-injection' && /local action/.test(f.message)));
});
