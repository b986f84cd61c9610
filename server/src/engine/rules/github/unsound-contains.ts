import { conditionsOf } from '../../github/conditions.js';
import { gradeContext, type Scope } from '../../github/contexts.js';
import type { ActionMetadata, Workflow } from '../../model/github.js';
import type { Fix } from '../../types.js';
import { defineRule } from '../rule.js';

/** `contains('literal', context)`: a substring test of the context against a string. */
const CONTAINS = /\bcontains\s*\(\s*'((?:[^']|'')*)'\s*,\s*([A-Za-z_][\w.\-*]*(?:\[[^\]]*\][\w.\-*]*)*)\s*\)/gi;
/** Values their owner picks freely even when they cannot carry code (a login is a chosen name). */
const CHOSEN = /(^github\.(actor|triggering_actor|head_ref)$|\.login$|\.name$|\.ref$|\.label$|head_branch$)/i;

export default defineRule<Workflow | ActionMetadata>({
  meta: {
    id: 'unsound-contains',
    platform: 'github',
    kinds: ['github-workflow', 'github-action'],
    title: 'contains() on a string literal used as an allow-list',
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
    fixable: 'unsafe',
    equivalents: { zizmor: ['unsound-contains'] },
  },
  check(ctx) {
    const model = ctx.model;
    const workflow = 'jobs' in model ? model : undefined;
    const action = 'jobs' in model ? undefined : model;
    for (const c of conditionsOf(model, ctx.text)) {
      const scope: Scope = { doc: ctx.doc, text: ctx.text, workflow, action, job: c.job, step: c.step, steps: c.job ? c.job.steps : action?.steps ?? [] };
      for (const e of c.expressions) {
        const src = ctx.text.slice(e.inner.start, e.inner.end);
        for (const m of src.matchAll(CONTAINS)) {
          const literal = m[1].replace(/''/g, "'");
          const path = m[2];
          const start = e.inner.start + m.index!;
          const span = { start, end: start + m[0].length };
          const g = gradeContext({ path: path.replace(/\[\*\]/g, '.*') }, scope);
          const chosen = g.capability === 'arbitrary' || CHOSEN.test(path);
          const level = chosen ? { severity: 'high' as const, persona: 'regular' as const } : g.capability === 'writer' || g.capability === 'caller' ? { severity: 'medium' as const, persona: 'pedantic' as const } : { severity: 'info' as const, persona: 'auditor' as const };
          const items = literal.split(/[\s,;|]+/).filter(Boolean);
          const fixes: Fix[] = [];
          if (items.length > 1 && items.every((i) => !/["\\]/.test(i))) {
            const list = JSON.stringify(items).replace(/'/g, "''");
            fixes.push({ title: `Compare against the list ${items.join(', ')}`, safe: false, edits: [{ start, end: span.end, newText: `contains(fromJSON('${list}'), ${path})` }] });
          }
          ctx.report({
            span,
            severity: level.severity,
            persona: level.persona,
            message: `contains('${literal}', ${path}) tests whether ${path} is a substring of '${literal}', so values such as '${example(literal)}' pass too${chosen ? `, and ${path} is a value someone else chooses` : ''}. Compare against a list: contains(fromJSON('["a","b"]'), ${path})`,
            fixes,
          });
        }
      }
    }
  },
});

/** A short substring that is not one of the items, to make the bypass concrete. */
function example(literal: string): string {
  const first = literal.split(/[\s,;|]+/).filter(Boolean)[0] ?? literal;
  return first.length > 1 ? first.slice(0, Math.max(1, first.length - 1)) : first;
}
