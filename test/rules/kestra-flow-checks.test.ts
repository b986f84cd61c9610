// Kestra's own semantic checks (FlowValidator and FlowService warnings), one table per rule.
import dag from '../../server/src/engine/rules/kestra/kestra-dag-dependency.js';
import dup from '../../server/src/engine/rules/kestra/kestra-duplicate-id.js';
import flowTrigger from '../../server/src/engine/rules/kestra/kestra-flow-trigger-unscoped.js';
import inputCycle from '../../server/src/engine/rules/kestra/kestra-input-cycle.js';
import recursion from '../../server/src/engine/rules/kestra/kestra-subflow-recursion.js';
import systemLabel from '../../server/src/engine/rules/kestra/kestra-system-label.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const head = 'id: f\nnamespace: company.team\n';
const task = (id: string, indent = '  ') => `${indent}- id: ${id}\n${indent}  type: io.kestra.plugin.core.log.Log\n${indent}  message: x\n`;

ruleTester(dup as Rule, {
  valid: [head + 'tasks:\n' + task('a') + task('b'), head + 'tasks:\n' + task('a') + 'triggers:\n  - id: a\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: "@daily"\n'],
  invalid: [
    { name: 'nested and errors', code: head + 'tasks:\n' + task('a') + '  - id: s\n    type: io.kestra.plugin.core.flow.Sequential\n    tasks:\n' + task('a', '      ') + 'errors:\n' + task('a'), errors: [{ text: 'a', message: /Duplicate task id 'a'/ }, 'a'] },
    { name: 'if/switch/dag branches', code: head + 'tasks:\n  - id: i\n    type: io.kestra.plugin.core.flow.If\n    condition: "{{ true }}"\n    then:\n' + task('x', '      ') + '    else:\n' + task('x', '      ') + '  - id: d\n    type: io.kestra.plugin.core.flow.Dag\n    tasks:\n      - task:\n          id: x\n          type: io.kestra.plugin.core.log.Log\n          message: y\n', errors: ['x', 'x'] },
    { name: 'triggers, inputs, outputs', code: head + 'inputs:\n  - id: i\n    type: STRING\n  - id: i\n    type: INT\ntasks:\n' + task('a') + 'outputs:\n  - id: o\n    type: STRING\n    value: x\n  - id: o\n    type: STRING\n    value: y\ntriggers:\n  - id: t\n    type: io.kestra.plugin.core.trigger.Schedule\n    cron: "@daily"\n  - id: t\n    type: io.kestra.plugin.core.trigger.Webhook\n    key: k\n', errors: [{ text: 'i', message: /input id/ }, { text: 'o', message: /output id/ }, { text: 't', message: /trigger id/ }] },
    { name: 'finally, afterExecution and listeners count too', code: head + 'listeners:\n  - tasks:\n' + task('a', '      ') + 'tasks:\n' + task('a') + 'finally:\n' + task('b') + 'afterExecution:\n' + task('b'), errors: ['a', 'b'] },
  ],
});

ruleTester(recursion as Rule, {
  valid: [
    head + 'tasks:\n  - id: s\n    type: io.kestra.plugin.core.flow.Subflow\n    namespace: company.team\n    flowId: other\n',
    head + 'tasks:\n  - id: s\n    type: io.kestra.plugin.core.flow.Subflow\n    namespace: company.other\n    flowId: f\n',
  ],
  invalid: [
    { code: head + 'tasks:\n  - id: s\n    type: io.kestra.plugin.core.flow.Subflow\n    namespace: company.team\n    flowId: f\n', errors: [{ text: 'f', message: /Recursive call to flow 'company.team.f'/ }] },
    { name: 'deprecated alias, nested', code: head + 'tasks:\n  - id: p\n    type: io.kestra.plugin.core.flow.Parallel\n    tasks:\n      - id: s\n        type: io.kestra.core.tasks.flows.Subflow\n        namespace: company.team\n        flowId: f\n', errors: ['f'] },
  ],
});

const inputs = (body: string) => head + 'inputs:\n' + body + 'tasks:\n' + task('a');
ruleTester(inputCycle as Rule, {
  valid: [inputs('  - id: a\n    type: STRING\n  - id: b\n    type: STRING\n    dependsOn:\n      inputs: [a]\n  - id: c\n    type: STRING\n    dependsOn:\n      inputs: [a, b]\n')],
  invalid: [
    { name: 'missing', code: inputs('  - id: a\n    type: STRING\n    dependsOn:\n      inputs: [zz]\n'), errors: [{ text: 'zz', message: /not an input/ }] },
    { name: 'self', code: inputs('  - id: a\n    type: STRING\n    dependsOn:\n      inputs: [a]\n'), errors: [{ text: 'a', message: /itself/ }] },
    { name: 'cycle of three', code: inputs('  - id: a\n    type: STRING\n    dependsOn:\n      inputs: [b]\n  - id: b\n    type: STRING\n    dependsOn:\n      inputs: [c]\n  - id: c\n    type: STRING\n    dependsOn:\n      inputs: [a]\n'), errors: [{ text: 'a', message: /a -> b -> c -> a/ }] },
  ],
});

ruleTester(systemLabel as Rule, {
  valid: [head + 'labels:\n  team: data\n  system.readOnly: "true"\ntasks:\n' + task('a'), head + 'labels:\n  - key: systemx\n    value: y\ntasks:\n' + task('a')],
  invalid: [
    { code: head + 'labels:\n  system.id: x\n  ok: y\ntasks:\n' + task('a'), errors: [{ text: 'system.id', message: /reserved/ }] },
    { name: 'list form', code: head + 'labels:\n  - key: system.correlationId\n    value: y\ntasks:\n' + task('a'), errors: ['system.correlationId'] },
  ],
});

const dagFlow = (children: string) => head + 'tasks:\n  - id: d\n    type: io.kestra.plugin.core.flow.Dag\n    tasks:\n' + children;
const child = (id: string, deps?: string) => `      - task:\n          id: ${id}\n          type: io.kestra.plugin.core.log.Log\n          message: x\n${deps ? `        dependsOn: [${deps}]\n` : ''}`;
ruleTester(dag as Rule, {
  valid: [dagFlow(child('a') + child('b', 'a') + child('c', 'a, b'))],
  invalid: [
    { name: 'missing', code: dagFlow(child('a') + child('b', 'x')), errors: [{ text: 'x', message: /'x', which is not a task of the Dag 'd'/ }] },
    { name: 'cycle', code: dagFlow(child('a', 'b') + child('b', 'a') + child('c', 'b')), errors: [{ text: 'a', message: /a -> b -> a/ }] },
    { name: 'a task outside the Dag does not count', code: head + 'tasks:\n' + task('outside') + '  - id: d\n    type: io.kestra.core.tasks.flows.Dag\n    tasks:\n' + child('a', 'outside'), errors: ['outside'] },
  ],
});

const trig = (body: string) => head + 'tasks:\n' + task('a') + 'triggers:\n  - id: t\n' + body;
ruleTester(flowTrigger as Rule, {
  valid: [
    trig('    type: io.kestra.plugin.core.trigger.Flow\n    conditions:\n      - type: io.kestra.plugin.core.condition.ExecutionFlow\n        namespace: company.team\n        flowId: up\n'),
    trig('    type: io.kestra.plugin.core.trigger.Flow\n    preconditions:\n      id: p\n      flows:\n        - namespace: company.team\n          flowId: up\n'),
    trig('    type: io.kestra.plugin.core.trigger.Schedule\n    cron: "@daily"\n'),
  ],
  invalid: [
    { code: trig('    type: io.kestra.plugin.core.trigger.Flow\n'), errors: [{ text: 't', message: /EVERY execution of EVERY flow/ }] },
    { name: 'deprecated type, empty conditions', code: trig('    type: io.kestra.core.models.triggers.types.Flow\n    conditions: []\n'), errors: ['conditions'] },
  ],
});
