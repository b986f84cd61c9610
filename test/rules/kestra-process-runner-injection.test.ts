import rule from '../../server/src/engine/rules/kestra/kestra-process-runner-injection.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const head = 'id: f\nnamespace: company.team\ninputs:\n  - id: path\n    type: STRING\ntasks:\n';

ruleTester(rule as Rule, {
  valid: [
    { name: 'Docker runner (default)', code: head + '  - id: s\n    type: io.kestra.plugin.scripts.shell.Commands\n    commands:\n      - ls {{ inputs.path }}\n' },
    { name: 'Process runner without injection', code: head + '  - id: s\n    type: io.kestra.plugin.scripts.shell.Commands\n    taskRunner:\n      type: io.kestra.plugin.core.runner.Process\n    env:\n      P: "{{ inputs.path }}"\n    commands:\n      - ls "$P"\n' },
    { name: 'legacy task with runner: DOCKER', code: head + '  - id: b\n    type: io.kestra.core.tasks.scripts.Bash\n    runner: DOCKER\n    commands:\n      - ls {{ inputs.path }}\n' },
  ],
  invalid: [
    { code: head + '  - id: s\n    type: io.kestra.plugin.scripts.shell.Commands\n    taskRunner:\n      type: io.kestra.plugin.core.runner.Process\n    commands:\n      - ls {{ inputs.path }}\n      - cat {{ inputs.path }}\n', errors: [{ text: 'io.kestra.plugin.core.runner.Process', message: /Task 's' runs on the Kestra worker host/ }] },
    { name: 'runner: PROCESS', code: head + '  - id: s\n    type: io.kestra.plugin.scripts.python.Script\n    runner: PROCESS\n    script: |\n      open("{{ inputs.path }}")\n', errors: ['PROCESS'] },
    { name: 'legacy core script task (host process by default)', code: head + '  - id: b\n    type: io.kestra.core.tasks.scripts.Bash\n    commands:\n      - ls {{ inputs.path }}\n', errors: ['io.kestra.core.tasks.scripts.Bash'] },
  ],
});
