import rule from '../../server/src/engine/rules/kestra/kestra-docker-host-network.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const runner = (props: string) => `id: f\nnamespace: company.team\ntasks:\n  - id: s\n    type: io.kestra.plugin.scripts.shell.Commands\n    taskRunner:\n      type: io.kestra.plugin.scripts.runner.docker.Docker\n${props}    commands: [echo]\n`;

ruleTester(rule as Rule, {
  valid: [runner('      networkMode: bridge\n'), runner('')],
  invalid: [
    { code: runner('      networkMode: host\n'), errors: [{ text: 'host', message: /networkMode: host/ }] },
    { name: 'pluginDefaults on script tasks', code: runner('') + 'pluginDefaults:\n  - type: io.kestra.plugin.scripts\n    values:\n      taskRunner:\n        type: io.kestra.plugin.scripts.runner.docker.Docker\n        networkMode: HOST\n', errors: ['HOST'] },
  ],
});
