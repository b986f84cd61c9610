import rule from '../../server/src/engine/rules/kestra/kestra-render-untrusted.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const flow = (message: string, extra = '') => `id: f\nnamespace: company.team\ninputs:\n  - id: comment\n    type: STRING\n  - id: n\n    type: INT\n${extra}tasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    message: "${message}"\n`;

ruleTester(rule as Rule, {
  valid: [
    flow('{{ render(vars.greeting) }}', 'variables:\n  greeting: Hello {{ flow.id }}\n'),
    { name: 'typed input', code: flow('{{ render(inputs.n) }}') },
    { name: 'no render', code: flow('{{ inputs.comment }}') },
  ],
  invalid: [
    { code: flow('{{ render(inputs.comment) }}'), errors: [{ text: '{{ render(inputs.comment) }}', severity: 'high', message: /render\(\) evaluates the STRING input 'comment'/ }] },
    { name: 'variable built from an input', code: flow('{{ render(vars.msg) }}', 'variables:\n  msg: "Got {{ inputs.comment }}"\n'), errors: ['{{ render(vars.msg) }}'] },
    { name: 'webhook body', code: flow('{{ render(trigger.body) }}') + 'triggers:\n  - id: w\n    type: io.kestra.plugin.core.trigger.Webhook\n    key: "{{ secret(\'K\') }}"\n', errors: [{ message: /webhook request data/ }] },
  ],
});
