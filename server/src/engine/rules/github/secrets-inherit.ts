import { isMap } from 'yaml';
import { buildWorkflow, type Workflow } from '../../model/github.js';
import { parseYaml } from '../../yaml/parse.js';
import { getPair, keyString, pairs, spanOf } from '../../yaml/nodes.js';
import { defineRule } from '../rule.js';

/** Secrets a local reusable workflow declares under `on.workflow_call.secrets`, if it can be read. */
function declaredSecrets(text: string): string[] | undefined {
  const file = parseYaml(text);
  const doc = file.documents[0];
  if (!doc) return undefined;
  const wf = buildWorkflow(doc);
  const call = wf?.triggers.find((t) => t.name === 'workflow_call');
  if (!wf || !call) return undefined;
  const secrets = getPair(call.node, 'secrets', doc);
  if (!secrets) return [];
  return isMap(secrets.value) ? pairs(secrets.value, doc).map((p) => keyString(p, doc)).filter((k): k is string => !!k) : [];
}

export default defineRule<Workflow>({
  meta: {
    id: 'secrets-inherit',
    platform: 'github',
    kinds: ['github-workflow'],
    title: 'Reusable workflow called with `secrets: inherit`',
    severity: 'medium',
    confidence: 'high',
    persona: 'regular',
    fixable: 'unsafe',
    equivalents: { zizmor: ['secrets-inherit'] },
  },
  check(ctx) {
    const { doc } = ctx.model;
    for (const job of ctx.model.jobs) {
      if (!job.uses || !job.secrets) continue;
      const pair = getPair(job.node, 'secrets', doc);
      const value = spanOf(job.secrets);
      if (!pair || !value || ctx.text.slice(value.start, value.end).trim() !== 'inherit') continue;
      const fixes = [];
      // For a local reusable workflow we can list exactly the secrets it declares.
      const ref = job.uses.ref;
      const local = ref.kind === 'local' && ref.path ? ref.path.replace(/^\.\//, '') : undefined;
      const callee = local ? ctx.settings.workspace?.readFile(local) : undefined;
      const names = callee !== undefined ? declaredSecrets(callee) : undefined;
      if (names) {
        const indent = ' '.repeat(ctx.lines.position(spanOf(pair.key)!.start).character + 2);
        const eol = ctx.text.includes('\r\n') ? '\r\n' : '\n';
        const newText = names.length ? names.map((n) => `${eol}${indent}${n}: \${{ secrets.${n} }}`).join('') : ' {}';
        // Replace from just after the key's colon, so no trailing space is left behind.
        const colon = ctx.text.indexOf(':', spanOf(pair.key)!.end);
        fixes.push({ title: `Pass only the ${names.length} secret(s) '${local}' declares`, safe: false, edits: [{ start: colon + 1, end: value.end, newText }] });
      }
      ctx.report({
        span: value,
        message: `Job '${job.id}' passes every secret of this repository to '${job.uses.value}'; pass only the secrets it declares`,
        related: [{ span: job.uses.span, message: 'the called workflow' }],
        fixes,
      });
    }
  },
});
