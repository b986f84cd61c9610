import { documentExpressions, type Workflow } from '../../model/github.js';
import { defineRule } from '../rule.js';
import type { RelatedLocation } from '../../types.js';
import { shown } from '../../github/persona.js';

const SECRETS = /secrets/i;

export default defineRule<Workflow>({
  meta: {
    id: 'secrets-outside-env',
    platform: 'github',
    kinds: ['github-workflow'],
    title: 'Secrets used in a job without a deployment environment',
    severity: 'low',
    confidence: 'medium',
    persona: 'auditor',
    equivalents: { zizmor: ['secrets-outside-env'] },
    defaultOptions: { allow: ['GITHUB_TOKEN'] },
    optionsSchema: { type: 'object', properties: { allow: { type: 'array', items: { type: 'string' }, description: 'Secret names that may be used outside an environment.' } } },
  },
  check(ctx) {
    // Every finding of this rule is auditor-level: nothing to do for a caller who will not see them.
    if (!shown(ctx.settings, 'auditor')) return;
    const allow = new Set(((ctx.options.allow as string[]) ?? []).map((s) => s.toUpperCase()));
    const byJob = new Map<string, { names: Set<string>; related: RelatedLocation[] }>();
    for (const { expr, path } of documentExpressions(ctx.doc, ctx.text)) {
      // Only `secrets.*` references count: expressions without the word need not be parsed.
      if (path[0] !== 'jobs' || typeof path[1] !== 'string' || !SECRETS.test(expr.source)) continue;
      for (const ref of expr.contexts) {
        const [root, name] = ref.path.split('.');
        if (root.toLowerCase() !== 'secrets' || !name || name === '*' || allow.has(name.toUpperCase())) continue;
        const entry = byJob.get(path[1]) ?? { names: new Set(), related: [] };
        entry.names.add(name);
        entry.related.push({ span: ref.span, message: `secrets.${name}` });
        byJob.set(path[1], entry);
      }
    }
    for (const job of ctx.model.jobs) {
      const used = byJob.get(job.id);
      if (!used || job.environment) continue;
      // A reusable-workflow call passes secrets on; the called workflow's jobs are judged where they are defined.
      if (job.uses) continue;
      const names = [...used.names];
      ctx.report({
        span: job.idSpan,
        message: `Job '${job.id}' uses ${names.length === 1 ? `the secret ${names[0]}` : `${names.length} secrets (${names.slice(0, 4).join(', ')}${names.length > 4 ? ', ...' : ''})`} without an \`environment:\`, so no environment protection rule (reviewers, branch policy) guards them`,
        related: used.related,
      });
    }
  },
});
