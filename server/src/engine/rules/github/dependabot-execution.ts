import type { YAMLMap } from 'yaml';
import { asMap, get, getPair, items, scalarString, spanOf } from '../../yaml/nodes.js';
import { defineRule } from '../rule.js';

export default defineRule<YAMLMap<unknown, unknown>>({
  meta: {
    id: 'dependabot-execution',
    platform: 'github',
    kinds: ['github-dependabot'],
    title: 'Dependabot allowed to execute external code',
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
    fixable: 'unsafe',
    equivalents: { zizmor: ['dependabot-execution'] },
  },
  check(ctx) {
    const { doc } = ctx;
    for (const raw of items(get(ctx.model, 'updates', doc), doc)) {
      const entry = asMap(raw, doc);
      const pair = getPair(entry, 'insecure-external-code-execution', doc);
      if (!entry || !pair || scalarString(pair.value, doc) !== 'allow') continue;
      const span = spanOf(pair.value)!;
      const eco = scalarString(get(entry, 'package-ecosystem', doc), doc) ?? 'this ecosystem';
      ctx.report({
        span,
        message: `Dependabot may run code from ${eco} packages (install scripts, build files) while resolving updates, with access to the registry credentials configured for it`,
        fixes: [{ title: 'Set insecure-external-code-execution: deny', safe: false, edits: [{ start: span.start, end: span.end, newText: 'deny' }] }],
      });
    }
  },
});
