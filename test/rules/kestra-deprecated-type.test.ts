import rule from '../../server/src/engine/rules/kestra/kestra-deprecated-type.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const head = 'id: f\nnamespace: company.team\n';

ruleTester(rule as Rule, {
  valid: [
    head + 'tasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: x\n',
    { name: 'test plugins and third-party types are not aliases', code: head + 'tasks:\n  - id: t\n    type: io.kestra.core.tasks.test.Read\n  - id: q\n    type: io.kestra.plugin.jdbc.postgresql.Query\n    sql: select 1\n' },
  ],
  invalid: [
    {
      name: 'task, trigger and condition aliases, safe renames keep quotes',
      code: head + 'tasks:\n  - id: l\n    type: "io.kestra.core.tasks.log.Log"\n    message: x\ntriggers:\n  - id: f\n    type: io.kestra.core.models.triggers.types.Flow\n    conditions:\n      - type: io.kestra.core.models.conditions.types.ExecutionStatusCondition\n        in: [FAILED]\n',
      errors: [{ text: '"io.kestra.core.tasks.log.Log"', message: /deprecated name of 'io.kestra.plugin.core.log.Log'/ }, 'io.kestra.core.models.triggers.types.Flow', { text: 'io.kestra.core.models.conditions.types.ExecutionStatusCondition', message: /io.kestra.plugin.core.condition.ExecutionStatus'/ }],
      output: head + 'tasks:\n  - id: l\n    type: "io.kestra.plugin.core.log.Log"\n    message: x\ntriggers:\n  - id: f\n    type: io.kestra.plugin.core.trigger.Flow\n    conditions:\n      - type: io.kestra.plugin.core.condition.ExecutionStatus\n        in: [FAILED]\n',
    },
    { name: 'aliases resolve case-insensitively', code: head + 'tasks:\n  - id: r\n    type: io.kestra.core.tasks.debugs.return\n    format: x\n', errors: ['io.kestra.core.tasks.debugs.return'], output: head + 'tasks:\n  - id: r\n    type: io.kestra.plugin.core.debug.Return\n    format: x\n' },
    { name: 'core script tasks: no automatic rename', code: head + 'tasks:\n  - id: b\n    type: io.kestra.core.tasks.scripts.Bash\n    commands: [echo hi]\n', errors: [{ text: 'io.kestra.core.tasks.scripts.Bash', message: /deprecated since Kestra 0.11/ }], output: null },
    {
      name: 'deprecated properties',
      code: head + 'listeners:\n  - tasks:\n      - id: x\n        type: io.kestra.plugin.core.log.Log\n        message: x\ntasks:\n  - id: p\n    type: io.kestra.plugin.scripts.python.Script\n    runner: PROCESS\n    script: print(1)\ntaskDefaults:\n  - type: io.kestra.plugin.core.log.Log\n    values:\n      level: INFO\ntriggers:\n  - id: s\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: "@daily"\n    scheduleConditions: []\n',
      errors: [{ text: 'listeners', message: /disabled by default/ }, { text: 'runner', message: /taskRunner/ }, { text: 'taskDefaults', message: /pluginDefaults/ }, 'scheduleConditions'],
    },
  ],
});
