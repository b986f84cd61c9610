import rule from '../../server/src/engine/rules/gitlab/gitlab-debug-trace.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

ruleTester(rule as Rule, {
  valid: [
    'variables:\n  CI_DEBUG_TRACE: "false"\ntest:\n  script: x\n',
    { name: 'other variables', code: 'test:\n  variables:\n    DEBUG: "true"\n  script: x\n' },
  ],
  invalid: [
    { name: 'global, safe fix keeps the comment', code: 'variables:\n  CI_DEBUG_TRACE: "true" # temporary\ntest:\n  script: x\n', errors: [{ text: 'CI_DEBUG_TRACE', message: /secrets and tokens/ }], output: 'variables:\n  CI_DEBUG_TRACE: "false" # temporary\ntest:\n  script: x\n' },
    { name: 'job, YAML boolean', code: 'test:\n  variables:\n    CI_DEBUG_SERVICES: true\n  script: x\n', errors: [{ text: 'CI_DEBUG_SERVICES', message: /service container logs/ }], output: 'test:\n  variables:\n    CI_DEBUG_SERVICES: "false"\n  script: x\n' },
    { name: 'expanded form and rules variables', code: 'test:\n  variables:\n    CI_DEBUG_TRACE:\n      value: "true"\n  rules:\n    - if: $CI_COMMIT_TAG\n      variables:\n        CI_DEBUG_TRACE: "true"\n  script: x\n', errors: ['CI_DEBUG_TRACE', 'CI_DEBUG_TRACE'] },
  ],
});
