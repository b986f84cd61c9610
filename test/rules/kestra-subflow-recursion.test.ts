import rule from '../../server/src/engine/rules/kestra/kestra-subflow-recursion.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const head = 'id: f\nnamespace: company.team\n';
const task = (id: string, indent = '  ') => `${indent}- id: ${id}\n${indent}  type: io.kestra.plugin.core.log.Log\n${indent}  message: x\n`;

ruleTester(rule as Rule, {
  valid: [
    head + 'tasks:\n  - id: s\n    type: io.kestra.plugin.core.flow.Subflow\n    namespace: company.team\n    flowId: other\n',
    head + 'tasks:\n  - id: s\n    type: io.kestra.plugin.core.flow.Subflow\n    namespace: company.other\n    flowId: f\n',
  ],
  invalid: [
    { code: head + 'tasks:\n  - id: s\n    type: io.kestra.plugin.core.flow.Subflow\n    namespace: company.team\n    flowId: f\n', errors: [{ text: 'f', message: /Recursive call to flow 'company.team.f'/ }] },
    { name: 'deprecated alias, nested', code: head + 'tasks:\n  - id: p\n    type: io.kestra.plugin.core.flow.Parallel\n    tasks:\n      - id: s\n        type: io.kestra.core.tasks.flows.Subflow\n        namespace: company.team\n        flowId: f\n', errors: ['f'] },
  ],
});
