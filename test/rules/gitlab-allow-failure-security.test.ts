import rule from '../../server/src/engine/rules/gitlab/gitlab-allow-failure-security.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

ruleTester(rule as Rule, {
  valid: [
    'include:\n  - template: Jobs/SAST.gitlab-ci.yml\nsemgrep-sast:\n  variables:\n    SAST_EXCLUDED_PATHS: vendor\n',
    { name: 'not a scanner', code: 'lint:\n  allow_failure: true\n  script: make lint\n' },
    { name: 'scanner that must pass', code: 'gitleaks:\n  allow_failure: false\n  script: gitleaks detect\n' },
  ],
  invalid: [
    { name: 'overridden template job', code: 'include:\n  - template: Jobs/Secret-Detection.gitlab-ci.yml\nsecret_detection:\n  allow_failure: true\n', errors: [{ text: 'allow_failure', message: /secret_detection/ }] },
    { name: 'by report type', code: 'scan:\n  script: ./scan\n  allow_failure:\n    exit_codes: [1]\n  artifacts:\n    reports:\n      container_scanning: report.json\n', errors: [{ message: /container_scanning/ }] },
  ],
});
