import type { Workflow } from '../../model/github.js';
import { get, getString } from '../../yaml/nodes.js';
import { defineRule } from '../rule.js';
import { shown } from '../../github/persona.js';

/** Event-driven runs that pile up when nobody cancels the previous one. */
const PILING_TRIGGERS = ['push', 'pull_request', 'pull_request_target', 'issue_comment', 'issues', 'workflow_run', 'merge_group'];

export default defineRule<Workflow>({
  meta: {
    id: 'concurrency-limits',
    platform: 'github',
    kinds: ['github-workflow'],
    title: 'No concurrency limit on a frequently triggered workflow',
    severity: 'low',
    confidence: 'high',
    persona: 'pedantic',
    equivalents: { zizmor: ['concurrency-limits'] },
  },
  check(ctx) {
    // Every finding of this rule is pedantic-level: nothing to do for a caller who will not see them.
    if (!shown(ctx.settings, 'pedantic')) return;
    const wf = ctx.model;
    if (!wf.triggers.some((t) => PILING_TRIGGERS.includes(t.name))) return;
    if (wf.concurrency) {
      // `concurrency: group-name` (a plain string) queues runs but never cancels them.
      if (getString(wf.concurrency, 'cancel-in-progress', wf.doc) === undefined && get(wf.concurrency, 'group', wf.doc) === undefined) {
        ctx.report({ span: { start: (wf.concurrency.range ?? [0, 1])[0], end: (wf.concurrency.range ?? [0, 1])[1] }, message: 'This concurrency group queues runs but never cancels a superseded one; add `cancel-in-progress: true` where that is safe' });
      }
      return;
    }
    if (wf.jobs.length && wf.jobs.every((j) => j.concurrency)) return;
    const span = wf.onPair?.key && (wf.onPair.key as { range?: number[] }).range ? { start: (wf.onPair.key as { range: number[] }).range[0], end: (wf.onPair.key as { range: number[] }).range[1] } : { start: 0, end: 1 };
    ctx.report({
      span,
      message: 'No `concurrency:` limit: every push starts another run alongside the previous ones; add a group (e.g. `${{ github.workflow }}-${{ github.ref }}`) with `cancel-in-progress: true`',
    });
  },
});
