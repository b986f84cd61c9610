import rule from '../../server/src/engine/rules/kestra/kestra-docker-privileged.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const head = 'id: f\nnamespace: company.team\ntasks:\n';
const runner = (props: string) => `${head}  - id: s\n    type: io.kestra.plugin.scripts.shell.Commands\n    taskRunner:\n      type: io.kestra.plugin.scripts.runner.docker.Docker\n${props}    commands: [echo]\n`;

ruleTester(rule as Rule, {
  valid: [runner('      privileged: false\n'), runner(''), { name: 'privileged on a non-Docker plugin', code: head + '  - id: k\n    type: io.kestra.plugin.kubernetes.PodCreate\n    privileged: true\n' }],
  invalid: [
    { code: runner('      privileged: true\n'), errors: [{ text: 'privileged: true', message: /task 's' \(Docker task runner\) runs its container with --privileged/ }] },
    { name: 'docker.Run', code: head + '  - id: r\n    type: io.kestra.plugin.docker.Run\n    containerImage: alpine:3\n    privileged: true\n', errors: [{ message: /task 'r' runs/ }] },
    { name: 'legacy dockerOptions and pluginDefaults', code: head + '  - id: p\n    type: io.kestra.plugin.scripts.python.Script\n    dockerOptions:\n      image: python:3.12\n      privileged: true\n    script: print(1)\npluginDefaults:\n  - type: io.kestra.plugin.scripts.runner.docker.Docker\n    values:\n      privileged: true\n', errors: [{ message: /dockerOptions/ }, { message: /pluginDefaults for 'io.kestra.plugin.scripts.runner.docker.Docker'/ }] },
  ],
});
