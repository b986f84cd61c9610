import rule from '../../server/src/engine/rules/kestra/kestra-plaintext-credential.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const head = 'id: f\nnamespace: company.team\ntasks:\n';
const query = (props: string) => `${head}  - id: load_pg\n    type: io.kestra.plugin.jdbc.postgresql.Query\n    url: jdbc:postgresql://db:5432/app\n    sql: select 1\n${props}`;

ruleTester(rule as Rule, {
  valid: [
    query('    username: app\n    password: "{{ secret(\'PG_PASSWORD\') }}"\n'),
    { name: 'placeholders are not credentials', code: query('    password: <your-password>\n    token: xxxx\n    apiKey: "${API_KEY}"\n') },
    { name: 'booleans and unrelated keys', code: query('    token: true\n    passwordField: pw\n    tokenUrl: https://auth.example.com/token\n') },
    { name: 'input definitions describe, not hold', code: 'id: f\nnamespace: n\ninputs:\n  - id: password\n    type: SECRET\n    description: "the password: hunter2"\n' + 'tasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: x\n' },
    { name: 'credential() function', code: query('    password: "{{ credential(\'pg\') }}"\n') },
    { name: 'templated URL password', code: query('').replace('url: jdbc:postgresql://db:5432/app', 'url: "jdbc:postgresql://db:5432/app?user=app&password={{ secret(\'PG\') }}"') },
    { name: 'envs read is only pedantic', code: query('    password: "{{ envs.db_password }}"\n'), settings: { persona: 'regular' } },
  ],
  invalid: [
    {
      name: 'literal password (the corpus batchLoad case)',
      code: query('    username: postgres\n    password: pg_passwd # TODO\n'),
      errors: [{ text: 'pg_passwd', severity: 'high', message: /`password` of 'load_pg' holds a literal credential.*secret\('LOAD_PG_PASSWORD'\)/ }],
      output: null,
      outputAll: query('    username: postgres\n    password: "{{ secret(\'LOAD_PG_PASSWORD\') }}" # TODO\n'),
    },
    { name: 'nested auth and plugin defaults', code: head + '  - id: call\n    type: io.kestra.plugin.core.http.Request\n    uri: https://api.example.com\n    options:\n      auth:\n        type: BEARER\n        token: ghp_abcdefghijklmnopqrstuvwxyz0123456789\npluginDefaults:\n  - type: io.kestra.plugin.aws\n    values:\n      accessKeyId: AKIAIOSFODNN7EXAMPLE\n      secretKeyId: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n', errors: ['ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'] },
    { name: 'slack webhook and password in a URL', code: head + '  - id: notify\n    type: io.kestra.plugin.notifications.slack.SlackIncomingWebhook\n    url: https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX\n  - id: m\n    type: io.kestra.plugin.mongodb.Find\n    connection:\n      uri: "mongodb://root:example@mongo:27017/"\n', errors: [{ text: 'https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX', message: /incoming-webhook URL/ }, { text: '"mongodb://root:example@mongo:27017/"', message: /password in a URL/ }] },
    { name: 'JDBC URL and connection-string passwords', code: query('').replace('url: jdbc:postgresql://db:5432/app', 'url: jdbc:postgresql://db:5432/app?user=app&password=hunter22') + '  - id: az\n    type: io.kestra.plugin.azure.storage.blob.Upload\n    connectionString: DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=abc123==;EndpointSuffix=core.windows.net\n', errors: [{ text: 'jdbc:postgresql://db:5432/app?user=app&password=hunter22', message: /connection string/ }, { message: /`connectionString` of 'az'/ }] },
    { name: 'SECRET input with a literal default', code: 'id: f\nnamespace: n\ninputs:\n  - id: api_token\n    type: SECRET\n    defaults: s3cr3t-value\ntasks:\n  - id: l\n    type: io.kestra.plugin.core.log.Log\n    message: x\n', errors: [{ text: 's3cr3t-value', message: /SECRET input 'api_token'/ }] },
    {
      name: 'credential from envs (pedantic), fix names the secret',
      code: query('    password: "{{ envs.db_password }}"\n'),
      settings: { persona: 'pedantic' },
      errors: [{ text: '{{ envs.db_password }}', severity: 'low', message: /secret\('DB_PASSWORD'\)/ }],
      outputAll: query('    password: "{{ secret(\'DB_PASSWORD\') }}"\n'),
    },
    { name: 'block scalar service account keeps the next line', code: head + '  - id: bq\n    type: io.kestra.plugin.gcp.bigquery.Query\n    serviceAccount: |\n      {"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----"}\n    sql: select 1\n', errors: [{ message: /`serviceAccount` of 'bq'/ }], outputAll: head + '  - id: bq\n    type: io.kestra.plugin.gcp.bigquery.Query\n    serviceAccount: "{{ secret(\'BQ_SERVICE_ACCOUNT\') }}"\n    sql: select 1\n' },
  ],
});
