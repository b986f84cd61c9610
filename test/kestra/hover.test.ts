// Kestra hover through the engine's hoverAt (the provider is registered in HOVER_PROVIDERS).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hoverAt } from '../../server/src/engine/index.js';
import { kestraHover } from '../../server/src/engine/kestra/hover.js';

const flow = `id: f
namespace: company.team
tasks:
  - id: q
    type: io.kestra.core.tasks.log.Log
    message: "{{ secret('DB') }} {{ kv('K') }} {{ render(vars.x) }}"
  - id: role
    type: io.kestra.plugin.kestra.ee.iam.roles.Set
    name: launcher
    permissions:
      EXECUTION: [READ, CREATE]
  - id: bind
    type: io.kestra.plugin.kestra.ee.iam.bindings.Set
    subjectType: GROUP
    externalId: ops
    roleId: admin
    namespace: prod
triggers:
  - id: w
    type: io.kestra.plugin.core.trigger.Webhook
    key: "{{ secret('K') }}"
`;
const at = (needle: string, delta = 1) => {
  const i = flow.indexOf(needle);
  assert.ok(i >= 0, needle);
  const r = hoverAt(flow, i + delta, { path: 'flows/f.yml', providers: [kestraHover], findings: [] });
  return r?.markdown ?? '';
};

describe('Kestra hover', () => {
  it('explains core types, deprecated names and triggers', () => {
    assert.match(at('io.kestra.core.tasks.log.Log'), /Deprecated name.*io\.kestra\.plugin\.core\.log\.Log/s);
    assert.match(at('io.kestra.core.tasks.log.Log'), /Writes a `message`/);
    assert.match(at('io.kestra.plugin.core.trigger.Webhook'), /only protection of the URL/);
  });
  it('explains secret(), kv() and render()', () => {
    assert.match(at("secret('DB')"), /reads a secret.*masked/s);
    assert.match(at("kv('K')"), /not\*\* a secret store/);
    assert.match(at('render(vars'), /server-side template injection/);
    assert.match(at('vars.x', 1), /flow's `variables`/);
  });
  it('explains roles, permissions and namespace bindings in IAM tasks', () => {
    assert.match(at('launcher'), /\*\*Launcher\*\*.*operator.*child namespace/s);
    assert.match(at('admin\n'), /\*\*Admin\*\*/);
    assert.match(at('EXECUTION'), /\*\*EXECUTION\*\* permission/);
    assert.match(at("prod\n"), /every child namespace\*\* \(`prod\.\*`\)/);
  });
  it('is registered for Kestra flows', () => {
    const r = hoverAt(flow, flow.indexOf('io.kestra.plugin.core.trigger.Webhook') + 3, { path: 'flows/f.yml' });
    assert.match(r?.markdown ?? '', /Webhook/);
  });
});
