import type { Workflow } from '../../model/github.js';
import { defineRule } from '../rule.js';
import { shown } from '../../github/persona.js';

export default defineRule<Workflow>({
  meta: {
    id: 'anonymous-definition',
    platform: 'github',
    kinds: ['github-workflow'],
    title: 'Workflow or job without a name',
    severity: 'low',
    confidence: 'high',
    persona: 'pedantic',
    equivalents: { zizmor: ['anonymous-definition'] },
  },
  check(ctx) {
    // Every finding of this rule is pedantic-level: nothing to do for a caller who will not see them.
    if (!shown(ctx.settings, 'pedantic')) return;
    const wf = ctx.model;
    if (!wf.name) {
      const span = wf.onPair?.key && (wf.onPair.key as { range?: number[] }).range ? { start: (wf.onPair.key as { range: number[] }).range[0], end: (wf.onPair.key as { range: number[] }).range[1] } : { start: 0, end: Math.min(1, ctx.text.length) };
      ctx.report({ span, message: "The workflow has no 'name:', so GitHub lists it by its file path in the Actions tab and in required checks" });
    }
    for (const job of wf.jobs) {
      if (!job.name) ctx.report({ span: job.idSpan, severity: 'info', message: `Job '${job.id}' has no 'name:'; its id is shown instead` });
    }
  },
});
