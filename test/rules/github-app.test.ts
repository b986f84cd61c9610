import rule from '../../server/src/engine/rules/github/github-app.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const step = (w: string) => `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/create-github-app-token@v2\n        with:\n          app-id: 1\n${w}`;
ruleTester(rule as Rule, {
  valid: [step('          permission-contents: read\n'), step('          owner: o\n          repositories: r\n          permission-issues: write\n          skip-token-revoke: false\n')],
  invalid: [
    { code: step('          permission-contents: read\n          skip-token-revoke: true\n'), errors: ['true'] },
    { code: step('          owner: my-org\n          permission-contents: read\n'), errors: [{ text: 'my-org', message: /every repository/ }] },
    { code: step(''), errors: [{ text: 'actions/create-github-app-token@v2', severity: 'medium' }] },
  ],
});
