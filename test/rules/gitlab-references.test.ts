import rule from '../../server/src/engine/rules/gitlab/gitlab-references.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const files = (map: Record<string, string>) => ({ workspace: { readFile: (p: string) => map[p] } });

ruleTester(rule as Rule, {
  valid: [
    '.base:\n  image: alpine\nbuild:\n  extends: .base\n  script: make\n',
    { name: 'default stages', code: 'a:\n  stage: build\n  script: x\nb:\n  stage: deploy\n  needs: [a]\n  dependencies: [a]\n  script: y\n' },
    { name: 'declared stages, needs in the same stage', code: 'stages: [one, two]\na:\n  stage: one\n  script: x\nb:\n  stage: one\n  needs: [a]\n  script: y\n' },
    { name: 'unknown names may come from a project include', code: 'include:\n  - project: org/templates\n    ref: v1.2.0\n    file: ci.yml\nbuild:\n  extends: .shared\n  stage: lint\n  needs: [setup]\n  script:\n    - !reference [.shared, script]\n' },
    { name: 'template from include:local through the workspace', code: 'include:\n  - local: ci/templates.yml\nbuild:\n  extends: .base\n  script:\n    - !reference [.base, before_script]\n', settings: files({ 'ci/templates.yml': '.base:\n  before_script: [echo hi]\n' }) },
    { name: 'an included fragment with no known includer is not judged', path: 'ci/jobs.gitlab-ci.yml', code: 'build:\n  extends: .defined-by-the-includer\n  stage: custom\n  script: x\n' },
    { name: 'optional and cross-pipeline needs', code: 'a:\n  script: x\n  needs:\n    - job: maybe\n      optional: true\n    - job: other\n      pipeline: $PARENT_PIPELINE_ID\n    - project: g/p\n      job: j\n      ref: main\n      artifacts: true\n' },
    { name: 'needs of a parallel job instance', code: 'a:\n  script: x\n  parallel: 2\nb:\n  stage: deploy\n  script: y\n  needs: ["a 1/2"]\n' },
  ],
  invalid: [
    { name: 'missing template', code: 'build:\n  extends: .bsae\n  script: make\n.base:\n  image: alpine\n', errors: [{ text: '.bsae', message: "Template '.bsae' does not exist" }] },
    { name: 'missing needs and dependencies', code: 'a:\n  script: x\nb:\n  script: y\n  needs: [aa]\n  dependencies: [c]\n', errors: ['aa', 'c'] },
    { name: 'undeclared stage', code: 'stages: [build, test]\na:\n  stage: deploy\n  script: x\n', errors: [{ text: 'deploy', message: /not declared/ }] },
    { name: 'needs a later stage', code: 'stages: [build, test]\na:\n  stage: build\n  script: x\n  needs: [b]\nb:\n  stage: test\n  script: y\n', errors: [{ text: 'b', message: /later stage 'test'/ }] },
    { name: 'stage through extends', code: '.late:\n  stage: deploy\na:\n  stage: build\n  script: x\n  needs: [b]\nb:\n  extends: .late\n  script: y\n', errors: [{ text: 'b', message: /later stage 'deploy'/ }] },
    { name: 'missing !reference target and key', code: '.a:\n  script: [x]\nb:\n  script:\n    - !reference [.a, before_script]\n    - !reference [.nope, script]\n', errors: [{ text: 'before_script' }, { text: '.nope' }] },
    { name: 'circular !reference', code: 'test-job:\n  script:\n    - !reference [test-job, script]\n', errors: [{ text: '[test-job, script]', message: /circular/ }] },
    { name: 'circular extends', code: '.a:\n  extends: .b\n.b:\n  extends: .a\nj:\n  extends: .a\n  script: x\n', errors: [{ text: '.b', message: /circular/ }, { text: '.a', message: /circular/ }] },
    { name: 'needs a hidden template', code: '.t:\n  script: x\nb:\n  script: y\n  needs: [.t]\n', errors: [{ text: '.t', message: /hidden template/ }] },
    { name: 'missing local include in the root config', code: 'include:\n  - local: ci/missing.yml\nbuild:\n  script: x\n', settings: files({}), errors: [{ text: 'ci/missing.yml', message: /does not exist in the workspace/ }] },
    { name: 'fragment judged through the root config that includes it', path: 'ci/jobs.gitlab-ci.yml', code: 'build:\n  extends: .bsae\n  script: x\n', settings: files({ '.gitlab-ci.yml': 'include:\n  - local: ci/jobs.gitlab-ci.yml\n.base:\n  script: y\n' }), errors: ['.bsae'] },
  ],
});
