import rule from '../../server/src/engine/rules/gitlab/gitlab-forward-pipeline-variables.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

ruleTester(rule as Rule, {
  valid: [
    'deploy:\n  trigger:\n    project: org/deployer\n    forward:\n      yaml_variables: true\n      pipeline_variables: false\n',
    'child:\n  trigger:\n    include: child.yml\n',
  ],
  invalid: [
    { name: 'other project: high, unsafe fix', code: 'deploy:\n  trigger:\n    project: org/deployer\n    forward:\n      pipeline_variables: true\n', errors: [{ text: 'pipeline_variables', severity: 'high', message: /project 'org\/deployer'/ }], output: null, outputAll: 'deploy:\n  trigger:\n    project: org/deployer\n    forward:\n      pipeline_variables: false\n' },
    { name: 'child pipeline: medium', code: 'child:\n  trigger:\n    include: child.yml\n    forward: { pipeline_variables: yes }\n', errors: [{ text: 'pipeline_variables', severity: 'medium' }] },
  ],
});
