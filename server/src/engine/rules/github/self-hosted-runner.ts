import { isMap, isScalar } from 'yaml';
import type { Workflow } from '../../model/github.js';
import { expressionsIn } from '../../expressions/github.js';
import { asMap, get, getPair, items, pairs, keyString, resolve, scalarString, spanOf, walk } from '../../yaml/nodes.js';
import { defineRule } from '../rule.js';
import { shown } from '../../github/persona.js';

export default defineRule<Workflow>({
  meta: {
    id: 'self-hosted-runner',
    platform: 'github',
    kinds: ['github-workflow'],
    title: 'Job runs on a self-hosted runner',
    severity: 'medium',
    confidence: 'high',
    persona: 'auditor',
    equivalents: { zizmor: ['self-hosted-runner'] },
  },
  check(ctx) {
    // Every finding of this rule is auditor-level: nothing to do for a caller who will not see them.
    if (!shown(ctx.settings, 'auditor')) return;
    const { doc } = ctx.model;
    for (const job of ctx.model.jobs) {
      const runsOn = job.runsOn;
      const node = resolve(runsOn, doc);
      const span = spanOf(runsOn);
      if (!node || !span) continue;
      const labels = isMap(node) ? items(get(node, 'labels', doc), doc).map((n) => scalarString(n, doc)) : isScalar(node) ? [scalarString(node, doc)] : items(node, doc).map((n) => scalarString(n, doc));
      if (isMap(node) && getPair(node, 'group', doc)) {
        ctx.report({ span, message: `Job '${job.id}' runs in the runner group '${scalarString(get(node, 'group', doc), doc)}': self-hosted runners keep state between jobs and sit inside your network; never run untrusted code (e.g. fork pull requests) on them` });
        continue;
      }
      if (labels.some((l) => l?.toLowerCase() === 'self-hosted')) {
        ctx.report({ span, message: `Job '${job.id}' runs on a self-hosted runner: it keeps state between jobs and sits inside your network; never run untrusted code (e.g. fork pull requests) on it` });
        continue;
      }
      // `runs-on: ${{ matrix.os }}` with a matrix that lists self-hosted labels.
      const src = ctx.text.slice(span.start, span.end);
      if (!src.includes('${{')) continue;
      const matrixKeys = expressionsIn(ctx.text, span.start, span.end).flatMap((e) => e.contexts.filter((c) => c.path.startsWith('matrix.')).map((c) => c.path.split('.')[1]));
      const matrix = asMap(get(job.strategy, 'matrix', doc), doc);
      if (!matrix || !matrixKeys.length) continue;
      let selfHosted = false;
      for (const p of pairs(matrix, doc)) {
        const k = keyString(p, doc);
        const inKey = matrixKeys.includes(k ?? '') || k === 'include';
        if (!inKey) continue;
        walk(p.value, (n) => {
          if (isScalar(n) && String(n.value).toLowerCase() === 'self-hosted') selfHosted = true;
        }, doc);
      }
      if (selfHosted) ctx.report({ span, confidence: 'medium', message: `Job '${job.id}' runs on a self-hosted runner for some matrix entries: such runners keep state between jobs and sit inside your network` });
    }
  },
});
