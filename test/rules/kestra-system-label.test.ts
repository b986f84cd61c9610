import rule from '../../server/src/engine/rules/kestra/kestra-system-label.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const head = 'id: f\nnamespace: company.team\n';
const task = (id: string, indent = '  ') => `${indent}- id: ${id}\n${indent}  type: io.kestra.plugin.core.log.Log\n${indent}  message: x\n`;

ruleTester(rule as Rule, {
  valid: [head + 'labels:\n  team: data\n  system.readOnly: "true"\ntasks:\n' + task('a'), head + 'labels:\n  - key: systemx\n    value: y\ntasks:\n' + task('a')],
  invalid: [
    { code: head + 'labels:\n  system.id: x\n  ok: y\ntasks:\n' + task('a'), errors: [{ text: 'system.id', message: /reserved/ }] },
    { name: 'list form', code: head + 'labels:\n  - key: system.correlationId\n    value: y\ntasks:\n' + task('a'), errors: ['system.correlationId'] },
  ],
});
