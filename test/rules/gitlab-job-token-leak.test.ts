import rule from '../../server/src/engine/rules/gitlab/gitlab-job-token-leak.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

ruleTester(rule as Rule, {
  valid: [
    'publish:\n  script:\n    - \'curl --header "JOB-TOKEN: $CI_JOB_TOKEN" --upload-file pkg.tgz "${CI_API_V4_URL}/projects/${CI_PROJECT_ID}/packages/generic/p/1.0/pkg.tgz"\'\n    - echo "$CI_JOB_TOKEN" | docker login -u gitlab-ci-token --password-stdin $CI_REGISTRY\n    - git clone https://gitlab-ci-token:${CI_JOB_TOKEN}@gitlab.example.com/group/dep.git\n',
  ],
  invalid: [
    { name: 'to GitHub', code: 'sync:\n  script:\n    - >-\n      curl -H "Authorization: token $CI_JOB_TOKEN"\n      https://api.github.com/repos/o/r/statuses/$CI_COMMIT_SHA\n', errors: [{ text: '$CI_JOB_TOKEN', severity: 'high', message: /api\.github\.com/ }] },
    { name: 'to an unknown host: pedantic', code: 'sync:\n  script:\n    - curl -u "ci:${CI_JOB_TOKEN}" https://artifacts.example.com/upload\n', errors: [{ text: '${CI_JOB_TOKEN}', severity: 'medium' }] },
    { name: 'printed', code: 'debug:\n  script:\n    - echo "token is $CI_JOB_TOKEN"\n', errors: [{ text: '$CI_JOB_TOKEN', message: /prints/ }] },
  ],
});
