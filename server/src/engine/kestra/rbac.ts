// Kestra Enterprise RBAC: managed roles, permissions (resources) and actions, for hover text and the IAM
// rule. Sources: kestra-io/docs enterprise/auth/rbac (2.x action model and the 1.x CRUD permissions
// reference) and kestra-io/plugin-kestra ee/iam tasks; see ../shared/reference/github-permissions.md §5.

export interface RoleInfo {
  name: string;
  summary: string;
}

export const ROLES: Record<string, RoleInfo> = {
  Admin: { name: 'Admin', summary: 'Every action on every resource, IAM (users, groups, roles, bindings) included. The only role Kestra creates by default.' },
  Developer: { name: 'Developer', summary: 'Editor, plus full namespace management (namespace files, plugin-default import), secrets and credentials, and full blueprint management.' },
  Editor: { name: 'Editor', summary: 'Create, update, delete and run flows and executions (restart, kill, replay...), manage triggers, KV, dashboards, apps, test suites and assets. No namespace files, no secrets or credentials, blueprints read-only, no IAM.' },
  Launcher: { name: 'Launcher', summary: 'The "operator" role: executes flows and follows executions (EXECUTE, REPLAY, RESTART, change labels, read logs/outputs/files) without editing flows; read-only triggers, KV, dashboards and assets; no namespace management.' },
  Viewer: { name: 'Viewer', summary: 'Read-only: view, list and export flows, executions, triggers and namespaces, read logs, outputs and files. No state changes.' },
};

export const PERMISSIONS: Record<string, string> = {
  FLOW: 'Flows of the namespace: view, create, update (1.x UPDATE includes executing), delete, validate, import/export.',
  EXECUTION: 'Executions: view, and (update) restart, kill, replay, pause/resume, change labels, force-run.',
  TRIGGER: 'Triggers: unlock, restart, enable/disable, backfill.',
  NAMESPACE: 'The namespace itself, its files (code other flows run) and plugin defaults.',
  KVSTORE: 'The namespace KV store: values are readable by anyone with read access and are not masked.',
  SECRET: 'Namespace secrets: whoever can update them can swap the credentials flows use; read is enforced through UPDATE for creation.',
  CREDENTIAL: 'Managed credentials (2.x), like secrets.',
  USER: 'Users of the tenant (2.x: includes group membership and impersonation actions).',
  GROUP: 'Groups and their members.',
  ROLE: 'Roles: whoever can update roles can grant themselves anything.',
  BINDING: 'Role bindings: whoever can create bindings can give any role to anyone.',
  SERVICE_ACCOUNT: 'Service accounts and their API tokens.',
  SERVICEACCOUNT: 'Service accounts and their API tokens.',
  IMPERSONATE: 'Act as another user (1.x; 2.x: USER IMPERSONATE).',
  AUDITLOG: 'Audit logs: read or export what everyone did.',
  SETTING: 'Instance and tenant settings (2.x: SYSTEM_SETTINGS / TENANT_SETTINGS).',
  SYSTEM_SETTINGS: 'Instance-wide settings.',
  TENANT_SETTINGS: 'Tenant settings.',
  TENANT_ACCESS: 'Access to the tenant (1.x).',
  INVITATION: 'Invitations of new users.',
  BLUEPRINT: 'Custom blueprints.',
  DASHBOARD: 'Dashboards.',
  APP: 'Apps (and 2.x: executing them).',
  APPEXECUTION: 'Executing apps (1.x).',
  TEST: 'Test suites (2.x: TESTSUITE).',
  TESTSUITE: 'Test suites.',
  ASSET: 'Assets.',
  TEMPLATE: 'Templates (deprecated; dropped in 2.x).',
};

/** Actions that change something (1.x CRUD and 2.x action names). */
export const WRITE_ACTIONS = new Set(['CREATE', 'UPDATE', 'DELETE', 'EXECUTE', 'IMPORT', 'MANAGE_FILES', 'IMPORT_PLUGIN_DEFAULTS', 'RESTART', 'KILL', 'REPLAY', 'PAUSE', 'RESUME', 'CHANGE_LABELS', 'UNQUEUE', 'FORCE_RUN', 'UNLOCK', 'ENABLE', 'DISABLE', 'BACKFILL', 'MANAGE_GROUP_MEMBERSHIP', 'MANAGE_MEMBERS', 'IMPERSONATE']);

/** Resources where a write grant is an administrator's power. */
export const SENSITIVE_RESOURCES: Record<string, string> = {
  SECRET: 'it can replace the credentials every flow in scope uses',
  CREDENTIAL: 'it can replace the credentials every flow in scope uses',
  USER: 'it can create users or change their access',
  GROUP: 'it can add anyone, itself included, to any group',
  GROUP_MEMBERSHIP: 'it can add anyone, itself included, to any group',
  ROLE: 'it can grant any permission to any role, its own included',
  BINDING: 'it can bind any role, Admin included, to anyone',
  SERVICE_ACCOUNT: 'it can mint service accounts and API tokens',
  SERVICEACCOUNT: 'it can mint service accounts and API tokens',
  IMPERSONATE: 'it can act as any other user',
  SETTING: 'it can change instance settings',
  SYSTEM_SETTINGS: 'it can change instance settings',
  TENANT_SETTINGS: 'it can change tenant settings',
  TENANT_ACCESS: 'it can give anyone access to the tenant',
  AUDITLOG: 'it can tamper with the record of what happened',
};

/** Group names that usually mean "everyone". */
export const BROAD_GROUP = /^(\*|all|all[-_ ]?users|everyone|everybody|users|default|public|employees|staff|authenticated)$/i;
