import rule from '../../server/src/engine/rules/kestra/kestra-duplicate-id.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const head = 'id: f\nnamespace: company.team\n';
const task = (id: string, indent = '  ') => `${indent}- id: ${id}\n${indent}  type: io.kestra.plugin.core.log.Log\n${indent}  message: x\n`;

ruleTester(rule as Rule, {
  valid: [head + 'tasks:\n' + task('a') + task('b'), head + 'tasks:\n' + task('a') + 'triggers:\n  - id: a\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: "@daily"\n'],
  invalid: [
    { name: 'nested and errors', code: head + 'tasks:\n' + task('a') + '  - id: s\n    type: io.kestra.plugin.core.flow.Sequential\n    tasks:\n' + task('a', '      ') + 'errors:\n' + task('a'), errors: [{ text: 'a', message: /Duplicate task id 'a'/ }, 'a'] },
    { name: 'if/switch/dag branches', code: head + 'tasks:\n  - id: i\n    type: io.kestra.plugin.core.flow.If\n    condition: "{{ true }}"\n    then:\n' + task('x', '      ') + '    else:\n' + task('x', '      ') + '  - id: d\n    type: io.kestra.plugin.core.flow.Dag\n    tasks:\n      - task:\n          id: x\n          type: io.kestra.plugin.core.log.Log\n          message: y\n', errors: ['x', 'x'] },
    { name: 'triggers, inputs, outputs', code: head + 'inputs:\n  - id: i\n    type: STRING\n  - id: i\n    type: INT\ntasks:\n' + task('a') + 'outputs:\n  - id: o\n    type: STRING\n    value: x\n  - id: o\n    type: STRING\n    value: y\ntriggers:\n  - id: t\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: "@daily"\n  - id: t\n    type: io.kestra.plugin.core.trigger.Webhook\n    key: k\n', errors: [{ text: 'i', message: /input id/ }, { text: 'o', message: /output id/ }, { text: 't', message: /trigger id/ }] },
    { name: 'finally, afterExecution and listeners count too', code: head + 'listeners:\n  - tasks:\n' + task('a', '      ') + 'tasks:\n' + task('a') + 'finally:\n' + task('b') + 'afterExecution:\n' + task('b'), errors: ['a', 'b'] },
  ],
});
