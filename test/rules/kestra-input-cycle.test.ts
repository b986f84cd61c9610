import rule from '../../server/src/engine/rules/kestra/kestra-input-cycle.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const head = 'id: f\nnamespace: company.team\n';
const task = (id: string, indent = '  ') => `${indent}- id: ${id}\n${indent}  type: io.kestra.plugin.core.log.Log\n${indent}  message: x\n`;

const inputs = (body: string) => head + 'inputs:\n' + body + 'tasks:\n' + task('a');
ruleTester(rule as Rule, {
  valid: [inputs('  - id: a\n    type: STRING\n  - id: b\n    type: STRING\n    dependsOn:\n      inputs: [a]\n  - id: c\n    type: STRING\n    dependsOn:\n      inputs: [a, b]\n')],
  invalid: [
    { name: 'missing', code: inputs('  - id: a\n    type: STRING\n    dependsOn:\n      inputs: [zz]\n'), errors: [{ text: 'zz', message: /not an input/ }] },
    { name: 'self', code: inputs('  - id: a\n    type: STRING\n    dependsOn:\n      inputs: [a]\n'), errors: [{ text: 'a', message: /itself/ }] },
    { name: 'cycle of three', code: inputs('  - id: a\n    type: STRING\n    dependsOn:\n      inputs: [b]\n  - id: b\n    type: STRING\n    dependsOn:\n      inputs: [c]\n  - id: c\n    type: STRING\n    dependsOn:\n      inputs: [a]\n'), errors: [{ text: 'a', message: /a -> b -> c -> a/ }] },
  ],
});
