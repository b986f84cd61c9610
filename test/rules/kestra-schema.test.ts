import rule from '../../server/src/engine/rules/kestra/kestra-schema.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const flow = (tasks: string, head = 'id: f\nnamespace: company.team\n') => `${head}tasks:\n${tasks}`;
const log = '  - id: hello\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n';

ruleTester(rule as Rule, {
  valid: [
    flow(log),
    { name: 'unknown plugin types are accepted', code: flow('  - id: q\n    type: io.kestra.plugin.jdbc.postgresql.Query\n    sql: select 1\n    anything: goes\n') },
    { name: 'deprecated alias uses the current definition', code: flow('  - id: r\n    type: io.kestra.core.tasks.debugs.Return\n    format: x\n') },
    { name: 'numeric task id (Jackson coerces it)', code: flow('  - id: 1\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n') },
    { name: 'nested flowables, Dag, Switch', code: flow('  - id: p\n    type: io.kestra.plugin.core.flow.Parallel\n    tasks:\n      - id: s\n        type: io.kestra.plugin.core.flow.Switch\n        value: "{{ inputs.x }}"\n        cases:\n          A:\n' + '            - id: a\n              type: io.kestra.plugin.core.log.Log\n              message: a\n  - id: d\n    type: io.kestra.plugin.core.flow.Dag\n    tasks:\n      - task:\n          id: t1\n          type: io.kestra.plugin.core.log.Log\n          message: x\n        dependsOn: []\n') },
    { name: 'templated boolean', code: flow('  - id: hello\n    type: io.kestra.plugin.core.log.Log\n    message: hi\n    disabled: "{{ inputs.off }}"\n') },
    { name: 'afterExecution and finally', code: 'id: f\nnamespace: n\ntasks:\n' + log + 'finally:\n' + log.replace('hello', 'bye') + 'afterExecution:\n' + log.replace('hello', 'after') },
    { name: 'valid cron forms', code: flow(log) + 'triggers:\n  - id: a\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: "*/15 9-17 * * MON-FRI"\n  - id: b\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: "@daily"\n  - id: c\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: "0 0 12 ? * 2#1"\n    withSeconds: true\n' },
    { name: 'a self-referencing alias does not crash the check', code: flow('  - &a {id: x, type: io.kestra.plugin.core.flow.Sequential, tasks: [*a]}\n') },
    { name: 'inputs', code: 'id: f\nnamespace: n\ninputs:\n  - id: a.b\n    type: STRING\n    validator: ^[a-z]+$\n  - id: f\n    type: FILE\n    defaults: nsfile:///data.csv\n  - id: arr\n    type: ARRAY\n    itemType: INT\ntasks:\n' + log },
  ],
  invalid: [
    { name: 'envelope ids', code: flow(log, 'id: my#flow\nnamespace: MY$NS\n'), errors: [{ text: 'my#flow', message: /\/id: must match pattern/ }, { text: 'MY$NS', message: /\/namespace/ }] },
    { name: 'unknown top-level key', code: flow(log) + 'pluginsDefaults: []\n', errors: [{ text: 'pluginsDefaults', message: "/: unknown property 'pluginsDefaults' (the Kestra flow schema)" }] },
    { name: 'task id with spaces and missing id', code: flow('  - id: echo it\n    type: io.kestra.plugin.core.log.Log\n    message: x\n  - type: io.kestra.plugin.core.log.Log\n    message: y\n'), errors: ['echo it', { text: 'type', message: /missing required property 'id'/ }] },
    { name: 'unknown property on a closed core task', code: flow('  - id: r\n    type: io.kestra.plugin.core.debug.Return\n    invalid: x\n'), errors: [{ text: 'invalid', message: /unknown property 'invalid'/ }] },
    { name: 'missing required child list', code: flow('  - id: p\n    type: io.kestra.plugin.core.flow.Parallel\n'), errors: [{ text: 'id', message: /missing required property 'tasks'/ }] },
    { name: 'switch without branches', code: flow('  - id: s\n    type: io.kestra.plugin.core.flow.Switch\n    value: x\n    cases: {}\n'), errors: [{ text: 'id', message: /neither `cases` nor `defaults`/ }] },
    { name: 'misspelt core type', code: flow('  - id: l\n    type: io.kestra.plugin.core.log.Logg\n    message: x\n'), errors: [{ text: 'io.kestra.plugin.core.log.Logg', message: /not a type of Kestra's core plugin/ }] },
    { name: 'flowable inside WorkingDirectory', code: flow('  - id: w\n    type: io.kestra.plugin.core.flow.WorkingDirectory\n    tasks:\n      - id: p\n        type: io.kestra.plugin.core.flow.Parallel\n        tasks:\n' + log.replace(/^ {2}/gm, '          ') + '      - id: l\n        type: io.kestra.plugin.core.log.Log\n        message: x\n        workerGroup:\n          key: gpu\n'), errors: ['io.kestra.plugin.core.flow.Parallel', 'workerGroup'] },
    { name: 'inputs', code: 'id: f\nnamespace: n\ninputs:\n  - id: "wrong one"\n    type: FOO\n  - id: v\n    type: STRING\n    validator: \\\n  - id: f\n    type: FILE\n    defaults: something\n  - id: a\n    type: ARRAY\n    itemType: ARRAY\ntasks:\n' + log, errors: ['"wrong one"', 'FOO', { text: '\\', message: /not a valid regular expression/ }, { text: 'something', message: /file URI/ }, { text: 'ARRAY', message: /cannot be `ARRAY`/ }] },
    { name: 'cron expressions', code: flow(log) + 'triggers:\n  - id: a\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: "0 2 * *"\n  - id: b\n    type: io.kestra.core.models.triggers.types.Schedule\n    cron: "@fortnightly"\n  - id: c\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: "*/5 * * * * *"\n', errors: [{ text: '"0 2 * *"', message: /4 field\(s\), expected 5/ }, { text: '"@fortnightly"', message: /unknown macro/ }, { text: '"*/5 * * * * *"', message: /withSeconds: true/ }] },
    { name: 'instance schema unusable: reported, falls back', code: flow('  - id: a b\n    type: io.kestra.plugin.core.log.Log\n    message: x\n'), settings: { kestraSchema: 'not json' }, errors: [{ text: 'f', severity: 'info', message: /could not be used/ }, 'a b'] },
  ],
});
