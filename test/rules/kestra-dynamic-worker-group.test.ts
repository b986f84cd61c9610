import rule from '../../server/src/engine/rules/kestra/kestra-dynamic-worker-group.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const flow = (inputType: string, key: string) => `id: f\nnamespace: company.team\ninputs:\n  - id: group\n    type: ${inputType}\n    values: [gpu, cpu]\ntasks:\n  - id: run\n    type: io.kestra.plugin.scripts.shell.Commands\n    workerGroup:\n      key: ${key}\n    commands: [echo]\n`;

ruleTester(rule as Rule, {
  valid: [flow('SELECT', '"{{ inputs.group }}"'), flow('STRING', 'gpu'), flow('STRING', '"{{ flow.namespace }}"')],
  invalid: [
    { code: flow('STRING', '"{{ inputs.group }}"'), errors: [{ text: '{{ inputs.group }}', message: /worker group of task 'run' comes from the STRING input 'group'/ }] },
    { name: 'trigger worker group from a webhook', code: flow('SELECT', 'gpu') + 'triggers:\n  - id: w\n    type: io.kestra.plugin.core.trigger.Webhook\n    key: "{{ secret(\'K\') }}"\n    workerGroup:\n      key: "{{ trigger.body.pool }}"\n', errors: [{ message: /trigger 'w'/ }] },
  ],
});
