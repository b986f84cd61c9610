import { isMap } from 'yaml';
import { BROAD_GROUP, SENSITIVE_RESOURCES, WRITE_ACTIONS } from '../../kestra/rbac.js';
import { fieldOf, stringList, type KestraFlow, type KestraTask } from '../../model/kestra.js';
import { getPair, keySpan, keyString, pairs, resolve, spanOf } from '../../yaml/nodes.js';
import type { Fix } from '../../types.js';
import { defineRule, type RuleContext } from '../rule.js';

const IAM = 'io.kestra.plugin.kestra.ee.iam.';

function endOfTaskFix(ctx: RuleContext<KestraFlow>, task: KestraTask, key: string, value: string, title: string): Fix | undefined {
  const first = pairs(task.node, ctx.doc)[0];
  const firstKey = first && keySpan(first);
  const end = spanOf(task.node)?.end;
  if (!firstKey || end === undefined) return undefined;
  let o = end;
  while (o > 0 && /\s/.test(ctx.text[o - 1])) o--;
  const line = ctx.lines.position(o - 1).line;
  const at = ctx.lines.lineStart(line) + ctx.lines.lineText(line).length;
  const eol = ctx.text.includes('\r\n') ? '\r\n' : '\n';
  return { title, safe: false, edits: [{ start: at, end: at, newText: `${eol}${' '.repeat(ctx.lines.position(firstKey.start).character)}${key}: ${value}` }] };
}

export default defineRule<KestraFlow>({
  meta: {
    id: 'kestra-iam-broad-grant',
    platform: 'kestra',
    kinds: ['kestra-flow'],
    title: 'Role or binding managed in a flow grants more than it should',
    severity: 'high',
    confidence: 'medium',
    persona: 'regular',
    fixable: 'unsafe',
  },
  check(ctx) {
    const flowNs = ctx.model.namespace?.value;
    for (const task of ctx.model.tasks) {
      const type = task.type?.value ?? '';
      if (!type.startsWith(IAM)) continue;
      const id = task.id?.value ?? '?';
      if (type === `${IAM}roles.Set`) {
        const name = fieldOf(task.node, 'name', ctx.doc)?.value ?? '?';
        const perms = resolve(getPair(task.node, 'permissions', ctx.doc)?.value, ctx.doc);
        const isDefault = fieldOf(task.node, 'isDefault', ctx.doc);
        let writes = 0;
        if (isMap(perms)) {
          for (const p of pairs(perms, ctx.doc)) {
            const resource = keyString(p, ctx.doc)?.toUpperCase();
            if (!resource) continue;
            const actions = stringList(p.value, ctx.doc).map((a) => a.value.toUpperCase());
            const write = actions.filter((a) => WRITE_ACTIONS.has(a) || a === '*' || a === 'ALL');
            if (write.length) writes++;
            if (resource === '*' || resource === 'ALL') {
              ctx.report({ span: keySpan(p)!, message: `Role '${name}' (task '${id}') grants ${actions.join(', ')} on every resource: that is the Admin role under another name` });
            } else if (write.length && SENSITIVE_RESOURCES[resource]) {
              ctx.report({ span: keySpan(p)!, message: `Role '${name}' (task '${id}') grants ${write.join(', ')} on ${resource}: ${SENSITIVE_RESOURCES[resource]}; grant it only to an administrators' role` });
            }
          }
        }
        if (isDefault?.value === 'true' && writes) {
          ctx.report({ span: isDefault.span, message: `Role '${name}' is made the default role for every new user while it grants write actions: new SSO users get them without anyone deciding; keep the default role read-only (Viewer-like)` });
        }
      } else if (type === `${IAM}bindings.Set`) {
        const role = fieldOf(task.node, 'roleId', ctx.doc);
        // `roleId: "{{ outputs.<roles.Set task>.id }}"`: judge the role by the name that task gives it.
        const producer = /^\{\{\s*outputs\.([\w-]+)\.id\s*\}\}$/.exec(role?.value.trim() ?? '')?.[1];
        const roleTask = producer ? ctx.model.tasks.find((t) => t.id?.value === producer && t.type?.value === `${IAM}roles.Set`) : undefined;
        const roleName = (roleTask && fieldOf(roleTask.node, 'name', ctx.doc)?.value) ?? role?.value;
        const ns = fieldOf(task.node, 'namespace', ctx.doc);
        const subjectType = fieldOf(task.node, 'subjectType', ctx.doc)?.value.toUpperCase();
        const external = fieldOf(task.node, 'externalId', ctx.doc);
        const admin = !!roleName && /(^|[^a-z])admin([^a-z]|$)/i.test(roleName);
        const tenantWide = !ns || ns.value.trim() === '' || ns.value.trim() === '*';
        const target = `${subjectType === 'GROUP' ? 'group' : 'user'} '${external?.value ?? '?'}'`;
        const roleLabel = roleName ?? '?';
        if (admin && tenantWide) {
          ctx.report({ span: role!.span, message: `Task '${id}' binds the Admin role to ${target} on the whole tenant: every action on every namespace, secret and IAM object` });
        } else if (tenantWide) {
          const fix = !ns && flowNs ? endOfTaskFix(ctx, task, 'namespace', flowNs, `Limit the binding to the namespace ${flowNs} (and its children)`) : undefined;
          ctx.report({
            span: (ns?.span ?? role?.span ?? task.type!.span),
            severity: 'medium',
            message: `Task '${id}' binds role '${roleLabel}' to ${target} without a namespace: the binding applies to every namespace of the tenant. A namespace binding also covers its child namespaces, so bind to the narrowest namespace that is enough${flowNs ? ` (e.g. ${flowNs})` : ''}`,
            fixes: fix ? [fix] : undefined,
          });
        } else if (admin && ns && !ns.value.includes('.')) {
          ctx.report({ span: role!.span, severity: 'medium', message: `Task '${id}' binds the Admin role on the root namespace '${ns.value}', which covers all of its child namespaces (${ns.value}.*)` });
        }
        if (subjectType === 'GROUP' && external && BROAD_GROUP.test(external.value)) {
          ctx.report({ span: external.span, severity: 'medium', message: `Task '${id}' binds role '${roleLabel}' to the group '${external.value}', which looks like it holds everyone: bind roles to groups of the people who need them` });
        }
      }
    }
  },
});
