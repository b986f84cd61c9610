import rule from '../../server/src/engine/rules/kestra/kestra-flow-trigger-unscoped.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const head = 'id: f\nnamespace: company.team\n';
const task = (id: string, indent = '  ') => `${indent}- id: ${id}\n${indent}  type: io.kestra.plugin.core.log.Log\n${indent}  message: x\n`;

const trig = (body: string) => head + 'tasks:\n' + task('a') + 'triggers:\n  - id: t\n' + body;
ruleTester(rule as Rule, {
  valid: [
    trig('    type: io.kestra.plugin.core.trigger.Flow\n    conditions:\n      - type: io.kestra.plugin.core.condition.ExecutionFlow\n        namespace: company.team\n        flowId: up\n'),
    trig('    type: io.kestra.plugin.core.trigger.Flow\n    preconditions:\n      id: p\n      flows:\n        - namespace: company.team\n          flowId: up\n'),
    trig('    type: io.kestra.plugin.core.trigger.Schedule\n    cron: "@daily"\n'),
  ],
  invalid: [
    { code: trig('    type: io.kestra.plugin.core.trigger.Flow\n'), errors: [{ text: 't', message: /EVERY execution of EVERY flow/ }] },
    { name: 'deprecated type, empty conditions', code: trig('    type: io.kestra.core.models.triggers.types.Flow\n    conditions: []\n'), errors: ['conditions'] },
  ],
});
