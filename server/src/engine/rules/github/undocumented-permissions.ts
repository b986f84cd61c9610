import type { PermissionsBlock, Workflow } from '../../model/github.js';
import { shown } from '../../github/persona.js';
import { isScope } from '../../permissions/scopes.js';
import { workflowPermissions, type JobPermissions } from '../../permissions/solver.js';
import { defineRule } from '../rule.js';

/** True when the entry has a `# ...` after it on its line or a comment line right above it. */
function documented(text: string, keyStart: number, valueEnd: number): boolean {
  const eol = text.indexOf('\n', valueEnd);
  if (/#\s*\S/.test(text.slice(valueEnd, eol === -1 ? text.length : eol))) return true;
  const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
  const prevStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  return lineStart > 0 && /^\s*#\s*\S/.test(text.slice(prevStart, lineStart - 1));
}

function reasonFor(jobs: JobPermissions[], scope: string): string | undefined {
  for (const jp of jobs) {
    const c = jp.minimal.get(scope as never);
    const n = c?.needs.find((x) => x.level === c.level) ?? c?.needs[0];
    if (n) return `${n.by}${n.why ? ` ${n.why}` : ''}`.replace(/#/g, '').replace(/\s+/g, ' ').slice(0, 100);
  }
  return undefined;
}

export default defineRule<Workflow>({
  meta: {
    id: 'undocumented-permissions',
    platform: 'github',
    kinds: ['github-workflow'],
    title: 'Permission granted without a comment saying why',
    severity: 'low',
    confidence: 'high',
    persona: 'pedantic',
    fixable: 'safe',
    equivalents: { zizmor: ['undocumented-permissions'] },
  },
  check(ctx) {
    // Every finding is pedantic: nothing to build for a caller who will not see it.
    if (!shown(ctx.settings, 'pedantic')) return;
    const wp = workflowPermissions(ctx.model, ctx.text, ctx.settings, ctx.path);
    const check = (block: PermissionsBlock | undefined, jobs: JobPermissions[]) => {
      if (!block || block.shape !== 'map') return;
      const granted = block.entries.filter((e) => e.level !== 'none');
      // `contents: read` alone explains itself (as in zizmor).
      if (granted.length === 1 && granted[0].scope === 'contents' && granted[0].level === 'read') return;
      for (const e of granted) {
        if (!isScope(e.scope) || documented(ctx.text, e.keySpan.start, e.valueSpan.end)) continue;
        const why = reasonFor(jobs, e.scope);
        ctx.report({
          span: { start: e.keySpan.start, end: e.valueSpan.end },
          message: `${e.scope}: ${e.level} has no comment saying which step needs it${why ? ` (FlowGuard finds: ${why})` : ''}`,
          fixes: why ? [{ title: `Add a comment: ${why}`, safe: true, edits: [{ start: e.valueSpan.end, end: e.valueSpan.end, newText: ` # ${why}` }] }] : [],
        });
      }
    };
    check(ctx.model.permissions, wp.jobs.filter((j) => !j.job.permissions));
    for (const jp of wp.jobs) check(jp.job.permissions, [jp]);
  },
});
