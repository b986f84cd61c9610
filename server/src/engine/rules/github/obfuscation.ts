import type { Expression } from '../../expressions/github.js';
import { documentExpressions, usesOf, type ActionMetadata, type ScalarField, type Workflow } from '../../model/github.js';
import type { Fix, Span } from '../../types.js';
import { defineRule, type RuleContext } from '../rule.js';

type Node = Record<string, unknown>;
interface Token { lexeme: string; range: { start: { line: number; column: number }; end: { line: number; column: number } } }

export default defineRule<Workflow | ActionMetadata>({
  meta: {
    id: 'obfuscation',
    platform: 'github',
    kinds: ['github-workflow', 'github-action'],
    title: 'Obfuscated uses: path or no-op expression',
    severity: 'low',
    confidence: 'high',
    persona: 'regular',
    fixable: 'safe',
    equivalents: { zizmor: ['obfuscation'] },
  },
  check(ctx) {
    const model = ctx.model;
    const uses = usesOf(model);
    for (const u of uses) checkUses(ctx, u);
    // Every `${{ }}` of the document (shared, computed once per document); bare `if:` conditions are not checked here.
    // Only calls named fromJSON or format are reported: other expressions need not be parsed.
    for (const { expr } of documentExpressions(ctx.doc, ctx.text)) if (ctx.text.startsWith('${{', expr.span.start) && NOOP_CALL.test(expr.source) && expr.ast) checkExpression(ctx, expr);
  },
});

const NOOP_CALL = /fromjson|format/i;

/** `owner/repo/./x@v1`, `owner/repo//x@v1`, `./a/../b`, a trailing `/`: the path GitHub resolves is another one. */
function checkUses(ctx: RuleContext<Workflow | ActionMetadata>, u: ScalarField) {
  const raw = u.value;
  if (raw.startsWith('docker://') || raw.includes('${{')) return;
  const at = raw.lastIndexOf('@');
  const target = at > 0 ? raw.slice(0, at) : raw;
  const local = target.startsWith('./') || target.startsWith('../');
  const parts = target.split('/');
  // Local paths may start by leaving the workspace (`../action/init` after a checkout to a sibling
  // directory) and may end with `/`; only `.`, `..` and `//` after a real segment disguise the path.
  let body = local ? parts.slice(1) : parts;
  let lead = '';
  if (local) {
    while (body[0] === '..' || body[0] === '.') {
      if (body[0] === '..') lead += '../';
      body = body.slice(1);
    }
    if (body[body.length - 1] === '') body = body.slice(0, -1);
  }
  const suspicious = body.some((p, i) => p === '.' || p === '..' || (p === '' && i > 0)) || (!local && parts.length > 2 && target.endsWith('/'));
  if (!suspicious) return;
  const out: string[] = [];
  for (const p of body) {
    if (p === '' || p === '.') continue;
    if (p === '..') {
      if (out.length <= (local ? 0 : 2)) return report(ctx, u.span, `'${raw}' climbs back out of ${local ? 'the directory it names' : 'the action repository'} with '..'`, []);
      out.pop();
    } else out.push(p);
  }
  const normal = (local ? (lead || './') : '') + out.join('/') + (at > 0 ? raw.slice(at) : '');
  const src = ctx.text.slice(u.span.start, u.span.end);
  const idx = src.indexOf(raw);
  const fixes: Fix[] = idx >= 0 ? [{ title: `Use the plain path '${normal}'`, safe: true, edits: [{ start: u.span.start + idx, end: u.span.start + idx + raw.length, newText: normal }] }] : [];
  report(ctx, u.span, `'${raw}' is an obfuscated spelling of '${normal}': reviewers and tools that match action names miss it`, fixes);
}

function report(ctx: RuleContext<Workflow | ActionMetadata>, span: Span, message: string, fixes: Fix[], severity?: 'low' | 'info', persona?: 'regular' | 'pedantic') {
  ctx.report({ span, message, fixes, severity, persona });
}

/** No-op wrappers: `fromJSON(toJSON(x))`, `format()` of literals only, `toJSON` of a literal string. */
function checkExpression(ctx: RuleContext<Workflow | ActionMetadata>, e: Expression) {
  const source = ctx.text.slice(e.inner.start, e.inner.end);
  const lineStarts = [0];
  for (let k = 0; k < source.length; k++) if (source[k] === '\n') lineStarts.push(k + 1);
  const off = (p: { line: number; column: number }) => e.inner.start + (lineStarts[p.line] ?? 0) + p.column;
  const callSpan = (n: Node): Span => {
    const start = off((n.functionName as Token).range.start);
    return { start, end: closeParen(ctx.text, off((n.functionName as Token).range.end)) };
  };
  const argsText = (n: Node): Span => {
    const s = callSpan(n);
    const open = ctx.text.indexOf('(', off((n.functionName as Token).range.end));
    return { start: open + 1, end: s.end - 1 };
  };
  const visit = (raw: unknown) => {
    if (!raw || typeof raw !== 'object') return;
    const n = raw as Node;
    if ('functionName' in n) {
      const name = (n.functionName as Token).lexeme.toLowerCase();
      const args = n.args as Node[];
      if (name === 'fromjson' && args.length === 1 && 'functionName' in args[0] && (args[0].functionName as Token).lexeme.toLowerCase() === 'tojson') {
        const outer = callSpan(n);
        const inner = argsText(args[0]);
        const innerText = ctx.text.slice(inner.start, inner.end).trim();
        report(ctx, outer, `fromJSON(toJSON(${innerText})) is just ${innerText}: the round trip only hides the value from readers and scanners`, [{ title: `Replace with ${innerText}`, safe: true, edits: [{ start: outer.start, end: outer.end, newText: innerText }] }]);
        return;
      }
      if (name === 'format' && args.length >= 1 && args.every((a) => 'literal' in a)) {
        const values = args.map((a) => (a.literal as { value: unknown }).value);
        if (typeof values[0] === 'string') {
          const result = values[0].replace(/\{\{|\}\}|\{(\d+)\}/g, (m, i) => (m === '{{' ? '{' : m === '}}' ? '}' : String(values[Number(i) + 1] ?? m)));
          const span = callSpan(n);
          const literal = `'${result.replace(/'/g, "''")}'`;
          const whole = source.trim() === ctx.text.slice(span.start, span.end);
          // The whole ${{ }} is constant: write the text itself when it is plain enough for any YAML position.
          const plain = whole && /^[\w./@:+-]+$/.test(result);
          const edit = plain ? { start: e.span.start, end: e.span.end, newText: result } : { start: span.start, end: span.end, newText: literal };
          report(ctx, span, `format() of literals only is the constant '${result}': writing it through format() only obscures it`, [{ title: `Replace with ${plain ? result : literal}`, safe: true, edits: [edit] }], 'info', 'pedantic');
          return;
        }
      }
    }
    for (const [k, v] of Object.entries(n)) {
      if (k === 'token' || k === 'functionName' || k === 'name' || k === 'operator') continue;
      if (Array.isArray(v)) v.forEach(visit);
      else if (v && typeof v === 'object') visit(v);
    }
  };
  visit(e.ast);
}

/** Offset after the `)` that closes the call whose name ends at `from`. */
function closeParen(text: string, from: number): number {
  let i = text.indexOf('(', from);
  let level = 0;
  let inString = false;
  for (; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "'") {
        if (text[i + 1] === "'") i++;
        else inString = false;
      }
    } else if (c === "'") inString = true;
    else if (c === '(') level++;
    else if (c === ')' && --level === 0) return i + 1;
  }
  return text.length;
}
