import type { Expression } from '../../expressions/github.js';
import { conditionsOf } from '../../github/conditions.js';
import { documentExpressions, type ActionMetadata, type Workflow } from '../../model/github.js';
import type { Fix } from '../../types.js';
import { defineRule, type RuleContext } from '../rule.js';

type Node = Record<string, unknown>;
const isLogical = (e: Node, op: string) => 'args' in e && 'operator' in e && (e.operator as { lexeme?: string }).lexeme === op;
const ungroup = (e: Node): Node => ('group' in e ? ungroup(e.group as Node) : e);
const falsyLiteral = (e: Node): string | undefined => {
  if (!('literal' in e) || !('token' in e)) return undefined;
  const v = (e.literal as { value?: unknown }).value;
  return v === '' || v === 0 || v === false || v === null ? (e.token as { lexeme: string }).lexeme : undefined;
};

export default defineRule<Workflow | ActionMetadata>({
  meta: {
    id: 'unsound-ternary',
    platform: 'github',
    kinds: ['github-workflow', 'github-action'],
    title: "Pseudo-ternary `a && '' || b` whose true branch is falsy",
    severity: 'low',
    confidence: 'high',
    persona: 'regular',
    fixable: 'unsafe',
    equivalents: { zizmor: ['unsound-ternary'] },
  },
  check(ctx) {
    const seen = new Set<number>();
    const check = (e: Expression) => {
      // `x && '' || y` needs both operators in the text: other expressions need not be parsed.
      if (!e.source.includes('&&') || !e.source.includes('||')) return;
      if (!e.ast || seen.has(e.span.start)) return;
      seen.add(e.span.start);
      const falsy = findFalsyBranch(e.ast as unknown as Node);
      if (!falsy) return;
      ctx.report({
        span: e.span,
        message: `'cond && ${falsy} || other' never yields ${falsy}: when cond is true, ${falsy} is falsy and the expression falls through to 'other'. Invert the condition so the falsy value is the fallback`,
        fixes: fixFor(ctx, e, falsy),
      });
    };
    // Every ${{ }} in a string value (comments are not values) and every bare if:.
    for (const { expr } of documentExpressions(ctx.doc, ctx.text)) if (ctx.text.startsWith('${{', expr.span.start)) check(expr);
    for (const c of conditionsOf(ctx.model, ctx.text)) if (c.bare) c.expressions.forEach(check);
  },
});

/** The falsy literal of an `x && <falsy> || y` anywhere in the expression. */
function findFalsyBranch(e: Node): string | undefined {
  const n = ungroup(e);
  if (isLogical(n, '||')) {
    const args = n.args as Node[];
    for (const a of args.slice(0, -1)) {
      const inner = ungroup(a);
      if (isLogical(inner, '&&')) {
        const parts = inner.args as Node[];
        const lit = falsyLiteral(ungroup(parts[parts.length - 1]));
        if (lit !== undefined) return lit;
      }
    }
  }
  for (const v of Object.values(n)) {
    if (Array.isArray(v)) {
      for (const x of v) if (x && typeof x === 'object') {
        const r = findFalsyBranch(x as Node);
        if (r) return r;
      }
    } else if (v && typeof v === 'object' && !('lexeme' in (v as object)) && !('value' in (v as object) && 'kind' in (v as object))) {
      const r = findFalsyBranch(v as Node);
      if (r) return r;
    }
  }
  return undefined;
}

/** `a && '' || b` -> `!(a) && (b) || ''` for the whole expression of that exact shape. */
function fixFor(ctx: RuleContext<Workflow | ActionMetadata>, e: Expression, falsy: string): Fix[] {
  const src = ctx.text.slice(e.inner.start, e.inner.end);
  const m = new RegExp(String.raw`^(\s*)(.+?)\s*&&\s*${falsy.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\s*\|\|\s*([\s\S]+?)(\s*)$`).exec(src);
  if (!m || /\n/.test(src)) return [];
  return [{ title: `Rewrite as !(cond) && other || ${falsy}`, safe: false, edits: [{ start: e.inner.start, end: e.inner.end, newText: `${m[1]}!(${m[2]}) && (${m[3]}) || ${falsy}${m[4]}` }] }];
}
