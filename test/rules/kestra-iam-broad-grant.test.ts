import rule from '../../server/src/engine/rules/kestra/kestra-iam-broad-grant.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const head = 'id: iam\nnamespace: company.team\ntasks:\n';
const binding = (props: string) => `${head}  - id: bind\n    type: io.kestra.plugin.kestra.ee.iam.bindings.Set\n    subjectType: GROUP\n${props}`;

ruleTester(rule as Rule, {
  valid: [
    binding('    externalId: data-engineers\n    roleId: launcher\n    namespace: company.team\n'),
    head + '  - id: role\n    type: io.kestra.plugin.kestra.ee.iam.roles.Set\n    name: reader\n    isDefault: true\n    permissions:\n      FLOW: [READ]\n      SECRET: [READ]\n',
  ],
  invalid: [
    {
      name: 'tenant-wide binding, fix scopes it to the flow namespace',
      code: binding('    externalId: data-engineers\n    roleId: editor\n'),
      errors: [{ text: 'editor', severity: 'medium', message: /without a namespace.*child namespaces/ }],
      output: null,
      outputAll: binding('    externalId: data-engineers\n    roleId: editor\n    namespace: company.team\n'),
    },
    { name: 'Admin on the tenant, to everyone', code: binding('    externalId: everyone\n    roleId: admin\n'), errors: [{ text: 'everyone', message: /looks like it holds everyone/ }, { text: 'admin', severity: 'high', message: /Admin role/ }] },
    { name: 'role id from the roles.Set output', code: head + '  - id: admins\n    type: io.kestra.plugin.kestra.ee.iam.roles.Set\n    name: platform-admin\n    permissions:\n      FLOW: [READ]\n  - id: bind\n    type: io.kestra.plugin.kestra.ee.iam.bindings.Set\n    subjectType: USER\n    externalId: alice\n    roleId: "{{ outputs.admins.id }}"\n', errors: [{ text: '"{{ outputs.admins.id }}"', message: /Admin role to user 'alice' on the whole tenant/ }] },
    { name: 'Admin on a root namespace', code: binding('    externalId: ops\n    roleId: Admin\n    namespace: prod\n'), errors: [{ text: 'Admin', message: /root namespace 'prod'/ }] },
    {
      name: 'roles: IAM writes, everything, default with writes',
      code: head + '  - id: role\n    type: io.kestra.plugin.kestra.ee.iam.roles.Set\n    name: ops\n    isDefault: true\n    permissions:\n      FLOW: [READ, CREATE]\n      BINDING: [CREATE]\n      "*": [READ]\n',
      errors: [{ text: 'true', message: /default role for every new user/ }, { text: 'BINDING', message: /bind any role/ }, { text: '"*"', message: /every resource/ }],
    },
  ],
});
