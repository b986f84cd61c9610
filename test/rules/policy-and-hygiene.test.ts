import misfeature from '../../server/src/engine/rules/github/misfeature.js';
import forbiddenUses from '../../server/src/engine/rules/github/forbidden-uses.js';
import forbiddenTriggers from '../../server/src/engine/rules/github/forbidden-triggers.js';
import anonymous from '../../server/src/engine/rules/github/anonymous-definition.js';
import concurrency from '../../server/src/engine/rules/github/concurrency-limits.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const steps = (s: string) => `name: W\non: push\njobs:\n  a:\n    name: A\n    runs-on: x\n    steps:\n${s}`;

ruleTester(misfeature as Rule, {
  valid: [steps('      - uses: actions/setup-python@v5\n        with:\n          python-version: 3.12\n      - run: x\n        shell: bash\n      - run: x\n        shell: perl {0}\n')],
  invalid: [
    { code: steps('      - uses: actions/setup-python@v5\n        with:\n          pip-install: requests\n'), errors: ['requests'] },
    { code: steps('      - run: dir\n        shell: cmd\n'), errors: [{ text: 'cmd', message: /fail fast/ }] },
    { code: steps('      - run: x\n        shell: fish\n'), errors: [{ text: 'fish', message: /not a shell GitHub knows/ }] },
  ],
});

const policy = { policy: { github: { uses: { allow: ['actions/*', 'docker/*'], deny: ['docker/evil-*'] } } } };
ruleTester(forbiddenUses as Rule, {
  valid: [
    steps('      - uses: foo/bar@v1\n'),
    { code: steps('      - uses: actions/checkout@v4\n      - uses: ./local\n      - uses: docker/login-action@v3\n'), config: policy },
    { code: steps('      - uses: foo/bar@v1\n'), options: { allow: ['foo/*'] } },
  ],
  invalid: [
    { code: steps('      - uses: foo/bar@v1\n'), config: policy, errors: [{ text: 'foo/bar@v1', message: /not on the allow-list/ }] },
    { code: steps('      - uses: docker/evil-action@v1\n'), config: policy, errors: [{ message: /denied by the policy \('docker\/evil-\*'\)/ }] },
    { code: 'on: push\njobs:\n  c:\n    uses: other/repo/.github/workflows/x.yml@v1\n', config: policy, errors: ['other/repo/.github/workflows/x.yml@v1'] },
  ],
});

ruleTester(forbiddenTriggers as Rule, {
  valid: ['on: pull_request_target\njobs: {}\n', { code: 'on: [push]\njobs: {}\n', config: { policy: { github: { 'forbidden-triggers': ['workflow_run'] } } } }],
  invalid: [
    { code: 'on:\n  push:\n  workflow_run:\n    workflows: [x]\njobs: {}\n', config: { policy: { github: { 'forbidden-triggers': ['workflow_run'] } } }, errors: ['workflow_run'] },
    { code: 'on: [push, issue_comment]\njobs: {}\n', options: { forbidden: ['issue_comment'] }, errors: ['issue_comment'] },
  ],
});

ruleTester(anonymous as Rule, {
  valid: [steps('      - run: x\n')],
  invalid: [{ code: 'on: push\njobs:\n  build:\n    runs-on: x\n    steps:\n      - run: x\n', errors: [{ text: 'on' }, { text: 'build', severity: 'info' }] }],
});

ruleTester(concurrency as Rule, {
  valid: [
    'on: push\nconcurrency:\n  group: x\n  cancel-in-progress: true\njobs: {}\n',
    'on: workflow_dispatch\njobs: {}\n',
    'on: push\njobs:\n  a:\n    concurrency: x\n    runs-on: y\n',
  ],
  invalid: [
    { code: 'on: push\njobs:\n  a:\n    runs-on: y\n', errors: ['on'] },
    { code: 'on: push\nconcurrency: ci\njobs: {}\n', errors: [{ text: 'ci', message: /never cancels/ }] },
  ],
});
