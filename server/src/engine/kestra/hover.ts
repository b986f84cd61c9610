// Hover for Kestra flows: core task/trigger types (purpose and security notes, deprecated names), the
// Pebble functions that touch secrets and templates (secret, kv, render, read), and, in the IAM tasks
// that manage roles and bindings as code, Kestra's roles, permissions and namespace scoping.
import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { findPebble } from '../expressions/pebble.js';
import type { HoverContent, HoverContext, HoverProvider } from '../hover.js';
import type { KestraFlow } from '../model/kestra.js';
import type { Span } from '../types.js';
import { keyString, pairs, resolve, scalarString } from '../yaml/nodes.js';
import { PERMISSIONS, ROLES } from './rbac.js';
import { CORE_TYPES, DEPRECATED_ALIASES, REMOVED_TYPES } from './types.js';

const FUNCTIONS: Record<string, string> = {
  secret: "**`secret('NAME')`**: reads a secret. OSS: the server's `SECRET_NAME` environment variable (base64-encoded value); Enterprise: the namespace's secrets or an external secret manager. Values are masked in execution logs and never shown in the UI. Use it for every credential.",
  kv: "**`kv('KEY'[, namespace, errorOnMissing])`**: reads a value from the namespace KV store. The KV store is **not** a secret store: values are readable by anyone with KVSTORE read access on the namespace and are not masked in logs. Reading another namespace's KV requires that namespace to allow it (checked since 0.20).",
  render: '**`render(x)`**: evaluates `x` as a Pebble template (expressions are otherwise rendered only once since 0.14). Never apply it to inputs, trigger data or outputs: `{{ secret(...) }}` in such text would be executed with the flow\'s access (server-side template injection).',
  read: "**`read('path')`**: inlines a namespace file or an internal-storage file. Namespace files are code: whoever can write the namespace's files controls what this reads.",
  credential: "**`credential('NAME')`**: reads a managed credential (Enterprise 2.x): a short-lived token Kestra obtains for the flow, masked like secrets.",
};

const ROOTS: Record<string, string> = {
  inputs: '**`inputs`**: values chosen by whoever starts the execution (UI, API, Subflow, trigger `inputs`). Free-text types (STRING, JSON, URI...) are untrusted: pass them to scripts through `env:`, never interpolate them into code or SQL.',
  trigger: '**`trigger`**: data of the trigger that started the execution. Webhook `body`, `headers` and `parameters` come from anyone who knows the URL; polling triggers carry messages, rows or object keys from outside; `trigger.date` of a Schedule is set by Kestra.',
  outputs: "**`outputs`**: outputs of earlier tasks (`outputs.<taskId>.<name>`). HTTP bodies, query rows and script outputs are data from outside the flow; storage `uri`s and counters are Kestra's.",
  execution: '**`execution`**: the current execution (`id`, `startDate`, `state`, `originalId`); its labels can be set by whoever starts it.',
  vars: '**`vars`**: the flow\'s `variables`, written by the flow author (not rendered again unless passed to `render()`).',
  envs: '**`envs`**: environment variables the Kestra server exposes to flows (`ENV_` prefix). They are not secrets: not masked, readable by every flow.',
  taskrun: '**`taskrun`**: the current task run; `taskrun.value` is the current item of a ForEach loop (as trusted as the loop\'s `values`).',
  labels: '**`labels`**: the execution labels, which whoever starts the execution can set.',
};

interface Hit {
  node: Node;
  pair?: Pair<unknown, unknown>;
  isKey: boolean;
  path: (string | number)[];
}

/** The scalar (key or value) under the offset, with its path. */
function scalarAt(root: unknown, offset: number, ctx: HoverContext): Hit | undefined {
  let found: Hit | undefined;
  const inside = (n: unknown) => {
    const r = (n as Node | null)?.range;
    return !!r && r[0] <= offset && offset <= r[1];
  };
  const rec = (raw: unknown, path: (string | number)[], depth: number) => {
    if (depth > 200) return;
    const n = resolve(raw, ctx.doc);
    if (!n) return;
    if (isMap(n)) {
      for (const p of pairs(n, ctx.doc)) {
        const k = keyString(p, ctx.doc) ?? '?';
        if (isScalar(p.key) && inside(p.key)) found = { node: p.key, pair: p, isKey: true, path: [...path, k] };
        else if (isScalar(p.value) && inside(p.value)) found = { node: p.value, pair: p, isKey: false, path: [...path, k] };
        else if (inside(p.value)) rec(p.value, [...path, k], depth + 1);
      }
    } else if (isSeq(n)) {
      n.items.forEach((it, i) => {
        if (isScalar(it) && inside(it)) found = { node: it, isKey: false, path: [...path, i] };
        else if (inside(it)) rec(it, [...path, i], depth + 1);
      });
    }
  };
  rec(root, [], 0);
  return found;
}

function typeHover(type: string): string | undefined {
  const current = DEPRECATED_ALIASES.get(type.toLowerCase());
  const name = current ?? type;
  const info = CORE_TYPES[name];
  const parts: string[] = [];
  if (current) parts.push(`**Deprecated name** of \`${current}\` (Kestra still resolves it).`);
  const removed = REMOVED_TYPES[type.toLowerCase()];
  if (removed) parts.push(`**Deprecated since 0.11** (moved out of core): use ${removed}. These tasks run as processes on the worker host by default.`);
  if (info) {
    parts.unshift(`**${name.split('.').pop()}** (\`${name}\`, core ${info.kind})`);
    parts.push(info.purpose);
    if (info.security) parts.push(`Security: ${info.security}`);
  } else if (/^io\.kestra\.plugin\.scripts\.runner\.docker\.Docker$/.test(name)) {
    parts.push('**Docker task runner**: runs the script task in a container (the default for `io.kestra.plugin.scripts.*`). Security: avoid `privileged`, `networkMode: host` and host `volumes` such as the Docker socket.');
  } else if (name.startsWith('io.kestra.plugin.kestra.ee.iam.')) {
    parts.push(`**Kestra IAM task** (Enterprise): manages ${name.split('.').slice(-2, -1)[0]} as code through the API, with the \`auth\` of a principal holding the IAM permissions. Bindings without \`namespace\` apply to the whole tenant; a namespace binding covers its child namespaces.`);
  } else if (/\.(Script|Commands)$/.test(name) && name.startsWith('io.kestra.plugin.scripts.')) {
    parts.push('**Script task**: runs `script`/`commands` (in a Docker container by default). Security: never interpolate inputs or trigger data into the code; pass them through `env:` or `inputFiles`.');
  }
  return parts.length ? parts.join('\n\n') : undefined;
}

function roleHover(value: string): string | undefined {
  const role = Object.values(ROLES).find((r) => new RegExp(`(^|[^a-z])${r.name}([^a-z]|$)`, 'i').test(value));
  if (!role) return undefined;
  return `**${role.name}** (Kestra managed role): ${role.summary}\n\nA role grants nothing by itself: a **binding** attaches it to a user, group or service account, optionally limited to a namespace, and a namespace binding also covers every child namespace (\`prod\` covers \`prod.engineering\`).`;
}

export const kestraHover: HoverProvider = {
  kinds: ['kestra-flow'],
  provide(ctx: HoverContext): HoverContent | undefined {
    const flow = ctx.model as KestraFlow | undefined;
    if (!flow?.root) return undefined;
    const hit = scalarAt(flow.root, ctx.offset, ctx);
    if (!hit || !hit.node.range) return undefined;
    const span: Span = { start: hit.node.range[0], end: hit.node.range[1] };
    const value = scalarString(hit.node, ctx.doc) ?? '';
    const key = hit.pair ? keyString(hit.pair, ctx.doc) : undefined;
    // Pebble functions inside a string.
    if (!hit.isKey && value.includes('(')) {
      for (const tag of findPebble(ctx.text, span.start, span.end)) {
        for (const call of tag.calls) {
          const nameEnd = call.span.start + call.name.length;
          if (FUNCTIONS[call.name] && call.span.start <= ctx.offset && ctx.offset <= nameEnd) return { markdown: FUNCTIONS[call.name], span: { start: call.span.start, end: nameEnd } };
        }
      }
    }
    if (!hit.isKey && value.includes('{{')) {
      for (const tag of findPebble(ctx.text, span.start, span.end)) {
        for (const ref of tag.refs) {
          const rootEnd = ref.span.start + ref.root.length;
          if (ROOTS[ref.root] && ref.span.start <= ctx.offset && ctx.offset <= rootEnd) return { markdown: ROOTS[ref.root], span: { start: ref.span.start, end: rootEnd } };
        }
      }
    }
    if (!hit.isKey && key === 'type') {
      const md = typeHover(value);
      if (md) return { markdown: md, span };
    }
    // IAM tasks: roles, permissions, namespace scoping.
    const taskIndex = hit.path.findIndex((p) => typeof p === 'number');
    const task = taskIndex >= 0 ? flow.tasks.find((t) => t.span.start <= span.start && span.end <= t.span.end && t.type?.value.startsWith('io.kestra.plugin.kestra.ee.iam.')) : undefined;
    if (task) {
      const parentKey = hit.path[hit.path.length - 2];
      if (hit.isKey && parentKey === 'permissions') {
        const perm = PERMISSIONS[value.toUpperCase()];
        if (perm) return { markdown: `**${value.toUpperCase()}** permission: ${perm}\n\n1.x actions: CREATE, READ, UPDATE, DELETE; 2.x adds per-resource actions (VIEW, LIST, EXECUTE...).`, span };
      }
      if (!hit.isKey && (key === 'roleId' || key === 'name')) {
        const md = roleHover(value);
        if (md) return { markdown: md, span };
      }
      if (key === 'namespace') return { markdown: `**Binding namespace**: the role applies in \`${value}\` **and every child namespace** (\`${value}.*\`). Without \`namespace\`, the binding applies to the whole tenant.`, span };
    }
    return undefined;
  },
};
