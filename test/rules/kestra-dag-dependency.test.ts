import rule from '../../server/src/engine/rules/kestra/kestra-dag-dependency.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const head = 'id: f\nnamespace: company.team\n';
const task = (id: string, indent = '  ') => `${indent}- id: ${id}\n${indent}  type: io.kestra.plugin.core.log.Log\n${indent}  message: x\n`;

const dagFlow = (children: string) => head + 'tasks:\n  - id: d\n    type: io.kestra.plugin.core.flow.Dag\n    tasks:\n' + children;
const child = (id: string, deps?: string) => `      - task:\n          id: ${id}\n          type: io.kestra.plugin.core.log.Log\n          message: x\n${deps ? `        dependsOn: [${deps}]\n` : ''}`;
ruleTester(rule as Rule, {
  valid: [dagFlow(child('a') + child('b', 'a') + child('c', 'a, b'))],
  invalid: [
    { name: 'missing', code: dagFlow(child('a') + child('b', 'x')), errors: [{ text: 'x', message: /'x', which is not a task of the Dag 'd'/ }] },
    { name: 'cycle', code: dagFlow(child('a', 'b') + child('b', 'a') + child('c', 'b')), errors: [{ text: 'a', message: /a -> b -> a/ }] },
    { name: 'a task outside the Dag does not count', code: head + 'tasks:\n' + task('outside') + '  - id: d\n    type: io.kestra.core.tasks.flows.Dag\n    tasks:\n' + child('a', 'outside'), errors: ['outside'] },
  ],
});
