import { isScalar, Scalar, type Node, type Pair } from 'yaml';
import { findPebble } from '../../expressions/pebble.js';
import type { KestraFlow } from '../../model/kestra.js';
import { keyString, spanOf, walk } from '../../yaml/nodes.js';
import type { Fix, Span } from '../../types.js';
import { defineRule } from '../rule.js';

/** Property names (lower-cased, `_`/`-` removed) that hold a credential in Kestra plugins. */
const CREDENTIAL_KEYS = new Set([
  'password', 'passwd', 'apikey', 'apitoken', 'token', 'accesstoken', 'authtoken', 'bearertoken', 'refreshtoken', 'sessiontoken', 'oauthtoken',
  'secret', 'secretkey', 'clientsecret', 'privatekey', 'privatekeypassword', 'privatekeypassphrase', 'passphrase', 'secretkeyid', 'secretaccesskey',
  'accesskeyid', 'jwttoken', 'githubtoken', 'serviceaccount', 'connectionstring', 'sastoken', 'accountkey', 'sharedaccesskey', 'masterkey', 'keystorepassword', 'truststorepassword', 'jsonkey',
]);
/** Values that stand for "fill me in", not a credential. */
const PLACEHOLDER = /^(\s*|x+|\*+|\.+|<[^>]*>|\$\{[^}]+\}|\$[A-Z_][A-Z0-9_]*|your[_-]?\w*|changeme|change[_-]me|todo|tbd|null|none|redacted|dummy|\?+)$/i;
/** Webhook URLs that are themselves the secret, and URLs with a password. */
const SECRET_URL = /^https:\/\/(hooks\.slack\.com\/services\/|discord(app)?\.com\/api\/webhooks\/|[\w-]+\.webhook\.office\.com\/|outlook\.office\.com\/webhook\/|chat\.googleapis\.com\/v1\/spaces\/[^?]+\?key=)/i;
const URL_PASSWORD = /^(?:jdbc:)?[a-z][a-z0-9+.-]*:\/\/[^/\s:@{}]+:([^/\s@{}]+)@/i;
/** `jdbc:...?user=x&password=y`, `...;Password=y;` connection strings. */
const PARAM_PASSWORD = /(?:^|[?&;])(?:password|pwd|passwd|accountkey|sharedaccesskey)=([^&;{}\s]+)/i;
/** Pebble roots that are not secret stores: values read from them are shown and logged unmasked. */
const NON_SECRET_ROOTS: Record<string, string> = { envs: 'environment variables Kestra exposes to flows unmasked', namespace: 'namespace variables, visible to every reader of the namespace', vars: 'flow variables, visible in the flow source', globals: 'global variables from the server configuration' };

const norm = (k: string) => k.toLowerCase().replace(/[_-]/g, '');

/** `batch_load` + `password` -> `BATCH_LOAD_PASSWORD`. */
export function secretName(...parts: (string | undefined)[]): string {
  return parts
    .filter((p): p is string => !!p)
    .map((p) => p.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_'))
    .join('_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '')
    .toUpperCase();
}

function replaceFix(span: Span, name: string, what: string): Fix {
  return { title: `Read ${what} from the secret '${name}' (create the secret first)`, safe: false, edits: [{ start: span.start, end: span.end, newText: `"{{ secret('${name}') }}"` }] };
}

export default defineRule<KestraFlow>({
  meta: {
    id: 'kestra-plaintext-credential',
    platform: 'kestra',
    kinds: ['kestra-flow'],
    title: "Credential written in the flow instead of read with secret()",
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
    fixable: 'unsafe',
  },
  check(ctx) {
    const doc = ctx.doc;
    // The nearest task (or trigger) id above a node names the secret.
    const ownerAt = new Map<number, string>();
    for (const t of [...ctx.model.tasks, ...ctx.model.triggers]) if (t.id) ownerAt.set(t.span.start, t.id.value);
    const ownerOf = (offset: number) => {
      let best: { start: number; id: string } | undefined;
      for (const [start, id] of ownerAt) if (start <= offset && (!best || start > best.start)) best = { start, id };
      return best?.id;
    };
    walk(
      ctx.model.root,
      (node: Node, path: (string | number)[], parent: Pair<unknown, unknown> | undefined) => {
        // Input definitions describe values, they do not hold them (except a SECRET input's default).
        if (path[0] === 'description' || path.includes('description') || path[0] === 'labels') return false;
        if (!isScalar(node) || !parent) return;
        const key = keyString(parent, doc);
        const raw = (node as Scalar).value;
        if (key === undefined || raw === null || typeof raw === 'boolean') return;
        const value = String(raw);
        const span = spanOf(parent.value as Node) ?? spanOf(node);
        if (!span) return;
        // `password`, `connection.uri`... relative to the nearest list item, plus the task that owns it.
        const lastIndex = path.map((p) => typeof p).lastIndexOf('number');
        const owner = ownerOf(span.start);
        const where = `\`${path.slice(lastIndex + 1).join('.')}\`${owner ? ` of '${owner}'` : ''}`;
        // Whole-value URLs that embed a secret, under any key.
        const urlPw = URL_PASSWORD.exec(value) ?? PARAM_PASSWORD.exec(value);
        if (!value.includes('{{') && (SECRET_URL.test(value) || (urlPw && !PLACEHOLDER.test(urlPw[1])))) {
          const name = secretName(ownerOf(span.start), key);
          ctx.report({
            span,
            message: SECRET_URL.test(value)
              ? `${where} is an incoming-webhook URL: the URL itself is the credential (anyone holding it can post); read it with {{ secret('${name}') }}`
              : `${where} embeds a password in a URL or connection string; keep it in a secret ({{ secret('${name}') }})`,
            fixes: [replaceFix(span, name, 'the URL')],
          });
          return;
        }
        const isInputDefault = path[0] === 'inputs' && key === 'defaults';
        if (path[0] === 'inputs' && !isInputDefault) return;
        if (isInputDefault) {
          const input = ctx.model.inputs.find((i) => path[1] === ctx.model.inputs.indexOf(i));
          if (input?.type?.value.toUpperCase() !== 'SECRET' || value.includes('{{') || PLACEHOLDER.test(value)) return;
          ctx.report({ span, message: `The SECRET input '${input.id?.value ?? '?'}' has a literal default: the value is stored in the flow source, readable by everyone who can read the flow`, fixes: [replaceFix(span, secretName(input.id?.value), 'the default')] });
          return;
        }
        if (!CREDENTIAL_KEYS.has(norm(key))) return;
        if (value.includes('{{')) {
          // Templated: fine when it comes from secret()/credential(); flagged (pedantic) when from a store that is not secret.
          for (const tag of findPebble(ctx.text, span.start, span.end)) {
            if (tag.calls.some((c) => c.name === 'secret' || c.name === 'credential')) continue;
            const ref = tag.refs.find((r) => r.root in NON_SECRET_ROOTS);
            if (!ref) continue;
            const name = secretName(...ref.path.split('.').slice(1));
            const whole = tag.span.start === span.start + (ctx.text[span.start] === '"' || ctx.text[span.start] === "'" ? 1 : 0) && tag.refs.length === 1 && !tag.calls.length;
            ctx.report({
              span: tag.span,
              severity: 'low',
              persona: 'pedantic',
              message: `${where} reads a credential from ${ref.path} (${NON_SECRET_ROOTS[ref.root]}); secret() values are masked in logs and access-controlled: use {{ secret('${name}') }}`,
              fixes: whole ? [{ title: `Read it from the secret '${name}'`, safe: false, edits: [{ start: ref.span.start, end: ref.span.end, newText: `secret('${name}')` }] }] : undefined,
            });
          }
          return;
        }
        if (PLACEHOLDER.test(value.trim()) || /^(true|false)$/i.test(value)) return;
        if (typeof raw === 'number' && key.toLowerCase() === 'token') return; // counts, not credentials
        const name = secretName(ownerOf(span.start), key);
        ctx.report({
          span: trimmed(ctx.text, span),
          message: `${where} holds a literal credential: it is stored in the flow source and its revisions, readable by everyone who can read the flow; read it with {{ secret('${name}') }}`,
          fixes: [replaceFix(trimmed(ctx.text, span), name, 'the credential')],
        });
      },
      doc,
    );

  },
});

/** A block scalar's span without its trailing line breaks (so a fix keeps the next line). */
function trimmed(text: string, span: Span): Span {
  let end = span.end;
  while (end > span.start && /\s/.test(text[end - 1])) end--;
  return { start: span.start, end };
}
