import rule from '../../server/src/engine/rules/github/dangerous-triggers.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const wf = (on: string, steps: string) => `on: ${on}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;

ruleTester(rule as Rule, {
  valid: [
    wf('pull_request', '      - run: make\n'),
    // Only labelling with a well-known action.
    wf('pull_request_target', '      - uses: actions/labeler@v5\n'),
    { name: 'not shown below the auditor persona', code: wf('pull_request_target', '      - run: make\n'), settings: { persona: 'pedantic' } },
  ],
  invalid: [
    { code: wf('pull_request_target', '      - uses: actions/checkout@v4\n      - run: make\n'), errors: [{ text: 'pull_request_target', severity: 'medium' }] },
    { code: wf('[push, workflow_run]', '      - run: ./report.sh\n'), errors: [{ text: 'workflow_run', message: /artifacts and head branch/ }] },
  ],
});
