import rule from '../../server/src/engine/rules/kestra/kestra-webhook-key.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const flow = (key: string, type = 'io.kestra.plugin.core.trigger.Webhook') => `id: hook\nnamespace: company.team\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: x\ntriggers:\n  - id: w\n    type: ${type}\n    key: ${key}\n`;

ruleTester(rule as Rule, {
  valid: [flow(`"{{ secret('HOOK_WEBHOOK_KEY') }}"`), { name: 'not a webhook', code: flow('abc', 'io.kestra.plugin.core.trigger.Schedule') }],
  invalid: [
    { code: flow('webhookKey'), errors: [{ text: 'webhookKey', severity: 'high', message: /only 10 characters long.*\/api\/v1\/executions\/webhook\/company.team\/hook\/<key>/ }], output: null, outputAll: flow(`"{{ secret('HOOK_WEBHOOK_KEY') }}"`) },
    { name: 'long random literal: still in the source', code: flow('Xk29fQ7pLm3ZrT8vWb4NcY6d'), errors: [{ severity: 'medium', message: /written in the flow/ }] },
    { name: 'long but low entropy', code: flow('aaaaaaaaaaaaaaaaaaaaaaaaa'), errors: [{ severity: 'high', message: /low in entropy/ }] },
    { name: 'deprecated type, option', code: flow('a-secret-key', 'io.kestra.core.models.triggers.types.Webhook'), options: { minLength: 8 }, errors: [{ severity: 'medium' }] },
  ],
});
