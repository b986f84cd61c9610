// The bundled schema (schemas/kestra-flow.json) is a real draft-07 JSON Schema usable by other tools
// (no FlowGuard keyword is needed to validate with it), and stays in step with the alias table.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import schema from '../../schemas/kestra-flow.json' with { type: 'json' };
import { ALIASES, CORE_TYPES } from '../../server/src/engine/kestra/types.js';
import { getBundledSchema } from '../../server/src/engine/kestra/schema.js';

const defs = schema.definitions as Record<string, { properties?: { type?: { const?: string; enum?: string[] } } }>;

describe('bundled Kestra flow schema', () => {
  it('validates with a plain draft-07 validator', () => {
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    const ok = { id: 'f', namespace: 'company.team', tasks: [{ id: 'a', type: 'io.kestra.plugin.core.log.Log', message: 'hi' }, { id: 'q', type: 'io.kestra.plugin.jdbc.postgresql.Query', sql: 'select 1' }] };
    assert.equal(validate(ok), true, JSON.stringify(validate.errors));
    assert.equal(validate({ ...ok, tasks: [{ id: 'a', type: 'io.kestra.plugin.core.log.Log' }] }), false, 'Log without message');
    assert.equal(validate({ ...ok, namespace: 'Company' }), false, 'upper-case namespace');
  });

  it('lists every deprecated alias of a defined type in that definition', () => {
    const missing: string[] = [];
    for (const [alias, current] of ALIASES) {
      const def = defs[current];
      if (def && !def.properties?.type?.enum?.includes(alias)) missing.push(`${alias} -> ${current}`);
    }
    assert.deepEqual(missing, []);
  });

  it('knows every core task and trigger of the knowledge base', () => {
    const s = getBundledSchema();
    const unknown = Object.entries(CORE_TYPES).filter(([name, t]) => (t.kind === 'task' || t.kind === 'trigger') && !s.knows(name)).map(([n]) => n);
    assert.deepEqual(unknown, []);
  });
});
