import rule from '../../server/src/engine/rules/gitlab/gitlab-unpinned-component.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

ruleTester(rule as Rule, {
  valid: ['include:\n  - component: $CI_SERVER_FQDN/org/comp/build@1.4.2\n  - component: gitlab.com/org/c/x@5e57cd118135c172c3672efd75eb46360885c0ef\n'],
  invalid: [
    { code: 'include:\n  - component: gitlab.com/org/comp/build@~latest\n', errors: [{ text: 'gitlab.com/org/comp/build@~latest', message: /~latest/ }] },
    { code: 'include:\n  - component: gitlab.com/org/comp/build@master\n', errors: [{ message: /branch 'master'/ }] },
    { name: 'partial version', code: 'include:\n  - component: "gitlab.com/org/comp/build@25.5"\n', errors: [{ text: '"gitlab.com/org/comp/build@25.5"', severity: 'low' }] },
  ],
});
