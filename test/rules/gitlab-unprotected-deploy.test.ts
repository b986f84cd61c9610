import rule from '../../server/src/engine/rules/gitlab/gitlab-unprotected-deploy.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

ruleTester(rule as Rule, {
  valid: [
    'deploy:\n  environment: production\n  rules:\n    - if: $CI_COMMIT_REF_PROTECTED == "true"\n  script: ./deploy\n',
    { name: 'default branch only', code: 'deploy:\n  environment:\n    name: prod\n  rules:\n    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH\n  script: ./deploy\n' },
    { name: 'tags via only', code: 'release:\n  release:\n    tag_name: $CI_COMMIT_TAG\n    description: x\n  only: [tags]\n  script: echo\n' },
    { name: 'review apps are not production', code: 'review:\n  environment:\n    name: review/$CI_COMMIT_REF_SLUG\n  script: ./deploy\n' },
    { name: 'workflow rules guard everything', code: 'workflow:\n  rules:\n    - if: $CI_COMMIT_TAG\ndeploy:\n  environment: production\n  script: ./deploy\n' },
    { name: 'secrets in same-project merge requests only', code: 'check:\n  secrets:\n    T:\n      vault: a/b@c\n  rules:\n    - if: $CI_PIPELINE_SOURCE == "merge_request_event" && $CI_MERGE_REQUEST_SOURCE_PROJECT_ID == $CI_PROJECT_ID\n  script: x\n' },
    { name: 'rules from a template in another file', code: 'include:\n  - local: ci/rules.yml\ndeploy:\n  extends: .rules-release\n  environment: production\n  script: ./deploy\n' },
  ],
  invalid: [
    { name: 'merge request pipelines', code: 'deploy:\n  environment: production\n  rules:\n    - if: $CI_PIPELINE_SOURCE == "merge_request_event"\n  script: ./deploy\n', errors: [{ text: '$CI_PIPELINE_SOURCE == "merge_request_event"', severity: 'high' }] },
    { name: 'secrets in fork merge request pipelines', code: 'check:\n  secrets:\n    T:\n      vault: a/b@c\n  rules:\n    - if: $CI_PIPELINE_SOURCE == "merge_request_event"\n  script: x\n', errors: [{ severity: 'high', message: /fetches secrets.*exclude fork/ }] },
    { name: 'no guard at all (pedantic)', code: 'deploy:\n  stage: deploy\n  environment:\n    name: production\n    url: https://example.com\n  script: ./deploy\n', errors: [{ text: 'deploy', message: /protected refs/ }] },
    { name: 'release job through extends', code: '.release:\n  release:\n    tag_name: v1\n    description: x\npublish:\n  extends: .release\n  when: manual\n  script: echo\n', errors: [{ text: 'publish', message: /manually/ }] },
  ],
});
