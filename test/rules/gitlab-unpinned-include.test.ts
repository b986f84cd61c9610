import rule from '../../server/src/engine/rules/gitlab/gitlab-unpinned-include.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

ruleTester(rule as Rule, {
  valid: [
    'include:\n  - project: org/templates\n    ref: 5e57cd118135c172c3672efd75eb46360885c0ef\n    file: ci.yml\n',
    { name: 'tags are fine by default (regular persona)', code: 'include:\n  - project: org/templates\n    ref: v1.2.3\n    file: ci.yml\n', settings: { persona: 'regular' } },
    { name: 'local and template includes', code: 'include:\n  - local: ci/a.yml\n  - template: Jobs/SAST.gitlab-ci.yml\n' },
    { name: 'variables', code: 'include:\n  - project: $TEMPLATES\n    file: ci.yml\n  - project: org/t\n    ref: $REF\n    file: ci.yml\n' },
  ],
  invalid: [
    { name: 'no ref', code: 'include:\n  - project: org/templates\n    file: ci.yml\n', errors: [{ text: 'org/templates', message: /has no ref/ }] },
    { name: 'branch ref', code: 'include:\n  - project: org/templates\n    ref: main\n    file: ci.yml\n', errors: [{ text: 'main', message: /branch 'main'/ }] },
    { name: 'tag with the sha policy', code: 'include:\n  - project: org/templates\n    ref: v1.2.3\n    file: ci.yml\n', options: { pin: 'sha' }, errors: [{ text: 'v1.2.3', severity: 'medium' }] },
    { name: 'tag, pedantic', code: 'include:\n  project: org/templates\n  ref: "2.0"\n  file: [a.yml, b.yml]\n', errors: [{ text: '"2.0"', severity: 'low' }] },
  ],
});
