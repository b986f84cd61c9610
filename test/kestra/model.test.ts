import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildFlow } from '../../server/src/engine/model/kestra.js';
import { parseYaml } from '../../server/src/engine/yaml/parse.js';

const flowText = `id: f
namespace: company.team
inputs:
  - id: a
    type: STRING
  - name: legacy
    type: INT
    dependsOn:
      inputs: [a]
tasks:
  - id: if
    type: io.kestra.plugin.core.flow.If
    condition: "{{ true }}"
    then:
      - id: then1
        type: io.kestra.plugin.core.log.Log
        message: x
    else:
      - id: else1
        type: io.kestra.plugin.core.log.Log
        message: x
    errors:
      - id: ifErr
        type: io.kestra.plugin.core.log.Log
        message: x
  - id: sw
    type: io.kestra.plugin.core.flow.Switch
    value: x
    cases:
      A:
        - id: caseA
          type: io.kestra.plugin.core.log.Log
          message: x
    defaults:
      - id: def1
        type: io.kestra.plugin.core.log.Log
        message: x
  - id: dag
    type: io.kestra.plugin.core.flow.Dag
    tasks:
      - task:
          id: d1
          type: io.kestra.plugin.core.log.Log
          message: x
        dependsOn: [d0]
  - id: seq
    type: io.kestra.plugin.core.flow.Sequential
    tasks:
      - id: inner
        type: io.kestra.plugin.core.log.Log
        message: x
    finally:
      - id: seqFinally
        type: io.kestra.plugin.core.log.Log
        message: x
errors:
  - id: err
    type: io.kestra.plugin.core.log.Log
    message: x
finally:
  - id: fin
    type: io.kestra.plugin.core.log.Log
    message: x
afterExecution:
  - id: after
    type: io.kestra.plugin.core.log.Log
    message: x
listeners:
  - tasks:
      - id: listen
        type: io.kestra.plugin.core.log.Log
        message: x
triggers:
  - id: t
    type: io.kestra.plugin.core.trigger.Schedule
    cron: "@daily"
pluginDefaults:
  - type: io.kestra.plugin.core.log.Log
    values:
      level: INFO
`;

describe('Kestra flow model', () => {
  const file = parseYaml(flowText);
  const flow = buildFlow(file.documents[0])!;
  it('walks every flowable key, depth-first in source order', () => {
    assert.deepEqual(flow.tasks.map((t) => `${t.id?.value}:${t.section}:${t.via ?? ''}:${t.parent?.id?.value ?? ''}`), [
      'if:tasks::', 'then1:tasks:then:if', 'else1:tasks:else:if', 'ifErr:tasks:errors:if',
      'sw:tasks::', 'caseA:tasks:cases.A:sw', 'def1:tasks:defaults:sw',
      'dag:tasks::', 'd1:tasks:tasks[].task:dag',
      'seq:tasks::', 'inner:tasks:tasks:seq', 'seqFinally:tasks:finally:seq',
      'err:errors::', 'fin:finally::', 'after:afterExecution::', 'listen:listeners::',
    ]);
  });
  it('keeps JSON pointers, Dag dependencies, inputs, triggers and plugin defaults', () => {
    const d1 = flow.tasks.find((t) => t.id?.value === 'd1')!;
    assert.equal(d1.pointer, '/tasks/2/tasks/0/task');
    assert.deepEqual(d1.dagDependsOn?.map((d) => d.value), ['d0']);
    assert.equal(flow.tasks.find((t) => t.id?.value === 'caseA')!.pointer, '/tasks/1/cases/A/0');
    assert.deepEqual(flow.inputs.map((i) => [i.id?.value, i.type?.value, i.dependsOn.map((d) => d.value)]), [['a', 'STRING', []], ['legacy', 'INT', ['a']]]);
    assert.deepEqual(flow.triggers.map((t) => t.id?.value), ['t']);
    assert.deepEqual(flow.pluginDefaults.map((p) => p.type?.value), ['io.kestra.plugin.core.log.Log']);
    assert.equal(flow.id?.value, 'f');
    assert.equal(flow.namespace?.value, 'company.team');
  });
  it('ignores `defaults` that are not task lists (input defaults, plugin properties)', () => {
    const f = buildFlow(parseYaml('id: f\nnamespace: n\ntasks:\n  - id: x\n    type: some.plugin.Task\n    defaults:\n      - a\n      - b\n').documents[0])!;
    assert.deepEqual(f.tasks.map((t) => t.id?.value), ['x']);
  });
});
