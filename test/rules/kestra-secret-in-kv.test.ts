import rule from '../../server/src/engine/rules/kestra/kestra-secret-in-kv.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const head = 'id: f\nnamespace: company.team\ntasks:\n';

ruleTester(rule as Rule, {
  valid: [
    head + '  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: "{{ kv(\'LAST_RUN_DATE\') }}"\n',
    head + '  - id: s\n    type: io.kestra.plugin.core.kv.Set\n    key: last_offset\n    value: "{{ outputs.x.offset }}"\n',
  ],
  invalid: [
    { code: head + '  - id: q\n    type: io.kestra.plugin.jdbc.postgresql.Query\n    password: "{{ kv(\'DB_PASSWORD\') }}"\n    sql: select 1\n', errors: [{ text: "kv('DB_PASSWORD')", message: /not a secret store/ }] },
    { name: 'copying a secret into KV', code: head + '  - id: s\n    type: io.kestra.plugin.core.kv.Set\n    key: cache\n    value: "{{ secret(\'API_KEY\') }}"\n', errors: [{ text: 'io.kestra.plugin.core.kv.Set', severity: 'high' }] },
    { name: 'credential-named key (current type)', code: head + '  - id: s\n    type: io.kestra.plugin.core.kv.Set\n    key: api_token\n    value: abc\n', errors: [{ text: 'api_token', message: /stores 'api_token'/ }] },
  ],
});
