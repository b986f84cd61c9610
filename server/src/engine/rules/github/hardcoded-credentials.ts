import { isScalar } from 'yaml';
import { documentScalars, type ActionMetadata, type Workflow } from '../../model/github.js';
import { asMap, get, pairs, keyString, resolve, spanOf } from '../../yaml/nodes.js';
import { defineRule, type RuleContext } from '../rule.js';
import { shown } from '../../github/persona.js';
import { CREDENTIAL_PATTERNS, credentialHintsIn, credentialNamed, looksLikePlaceholder, shannonEntropy } from '../../secrets.js';

type Ctx = RuleContext<Workflow | ActionMetadata>;

/** Literal `password:` under a job's `container.credentials` or a service's `credentials`. */
function containerCredentials(ctx: Ctx, wf: Workflow) {
  const { doc } = wf;
  for (const job of wf.jobs) {
    const targets: [string, unknown][] = [];
    if (job.container) targets.push([`the container of job '${job.id}'`, job.container]);
    for (const p of pairs(job.services, doc)) targets.push([`service '${keyString(p, doc)}' of job '${job.id}'`, p.value]);
    for (const [what, node] of targets) {
      const creds = asMap(get(node, 'credentials', doc), doc);
      const pw = get(creds, 'password', doc);
      const n = resolve(pw, doc);
      const span = spanOf(pw);
      if (!isScalar(n) || !span || n.value == null || String(n.value) === '') continue;
      if (String(n.value).includes('${{')) continue;
      ctx.report({
        span,
        severity: 'high',
        confidence: 'high',
        message: `Registry password for ${what} is written in the workflow; anyone who can read the repository can use it. Use \${{ secrets.NAME }}`,
      });
    }
  }
}

export default defineRule<Workflow | ActionMetadata>({
  meta: {
    id: 'hardcoded-credentials',
    platform: 'github',
    kinds: ['github-workflow', 'github-action'],
    title: 'Credential written in clear text in the workflow',
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
    equivalents: { zizmor: ['hardcoded-container-credentials'], actionlint: ['credentials'] },
  },
  check(ctx) {
    if ('jobs' in ctx.model) containerCredentials(ctx, ctx.model);
    const reported = new Set<number>();
    const hinted = credentialHintsIn(ctx.text);
    // Literal values of credential-named keys are pedantic or auditor findings.
    const literals = shown(ctx.settings, 'pedantic');
    // Every scalar, through aliases too (the shared walk of the document).
    const scalars = documentScalars(ctx.doc);
    for (let i = 0; i < scalars.nodes.length; i++) {
      const node = scalars.nodes[i];
      if (typeof node.value !== 'string' || !node.range) continue;
      const [start, end] = node.range;
      if (reported.has(start)) continue;
      const value = node.value;
      // 1. Known token formats, anywhere (run scripts included), outside ${{ }}.
      if (hinted(start, end)) {
        const source = ctx.text.slice(start, end);
        let found = false;
        for (const p of CREDENTIAL_PATTERNS) {
          p.pattern.lastIndex = 0;
          const m = p.pattern.exec(source);
          if (!m) continue;
          reported.add(start);
          ctx.report({
            span: { start: start + m.index, end: start + m.index + m[0].length },
            message: `${p.name} written in clear text; revoke it and use a secret (\${{ secrets.NAME }}) instead`,
          });
          found = true;
          break;
        }
        if (found) continue;
      }
      // 2. Literal values of credential-named keys (env, with, inputs defaults): lower confidence.
      if (!literals) continue;
      const parent = scalars.parents[i];
      const key = parent ? keyString(parent) : undefined;
      if (!key || !credentialNamed(key) || value.includes('${{')) continue;
      const path = scalars.path(i);
      if (path.includes('run')) continue;
      const inServiceEnv = path[0] === 'jobs' && path[2] === 'services';
      if (looksLikePlaceholder(value) || value.length < 8 || shannonEntropy(value) < 3) continue;
      reported.add(start);
      ctx.report({
        span: spanOf(node)!,
        severity: inServiceEnv ? 'low' : 'medium',
        confidence: 'low',
        persona: inServiceEnv ? 'auditor' : 'pedantic',
        message: `'${key}' has a literal value that looks like a credential; if it is real, revoke it and use a secret (\${{ secrets.NAME }})`,
      });
    }
  },
});
