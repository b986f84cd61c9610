import rule from '../../server/src/engine/rules/github/unpinned-uses.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const wf = (steps: string) => `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;

ruleTester(rule as Rule, {
  valid: [
    wf('      - uses: actions/checkout@v4\n'),
    wf('      - uses: docker/login-action@5e57cd118135c172c3672efd75eb46360885c0ef # v3.6.0\n'),
    wf('      - uses: ./.github/actions/build\n'),
    wf('      - uses: docker://alpine:3.20\n'),
    { name: 'policy allows refs for an org', code: wf('      - uses: my-org/tool@v1\n'), options: { policies: { 'my-org/*': 'ref-pin', '*': 'hash-pin' } } },
    { name: 'policy any', code: wf('      - uses: foo/bar@main\n'), options: { policies: { '*': 'any' } } },
    { name: 'composite action', path: 'action.yml', code: 'name: x\ndescription: y\nruns:\n  using: composite\n  steps:\n    - uses: actions/cache@v4\n' },
  ],
  invalid: [
    { code: wf('      - uses: tj-actions/changed-files@v45\n'), errors: [{ text: 'tj-actions/changed-files@v45', message: /mutable|move/ }] },
    { code: wf('      - uses: actions/checkout@main\n'), errors: [{ text: 'actions/checkout@main', message: /branch 'main'/ }] },
    { code: wf('      - uses: foo/bar@a1b2c3d\n'), errors: [{ message: /abbreviated SHA/ }] },
    { code: wf('      - uses: foo/bar\n'), errors: [{ text: 'foo/bar', severity: 'high' }] },
    { name: 'reusable workflow', code: 'on: push\njobs:\n  call:\n    uses: org/repo/.github/workflows/ci.yml@v1\n', errors: ['org/repo/.github/workflows/ci.yml@v1'] },
    { name: 'org policy from config', code: wf('      - uses: actions/checkout@v4\n'), config: { policy: { github: { pinning: { 'actions/*': 'hash-pin' } } } }, errors: ['actions/checkout@v4'] },
    { name: 'composite action', path: 'action.yml', code: 'name: x\ndescription: y\nruns:\n  using: composite\n  steps:\n    - uses: foo/bar@v2\n', errors: ['foo/bar@v2'] },
  ],
});
