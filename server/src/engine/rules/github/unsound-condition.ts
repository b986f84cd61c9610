import { isScalar } from 'yaml';
import { parseBareExpression } from '../../expressions/github.js';
import { conditionsOf } from '../../github/conditions.js';
import type { ActionMetadata, Workflow } from '../../model/github.js';
import type { Fix } from '../../types.js';
import { defineRule } from '../rule.js';

export default defineRule<Workflow | ActionMetadata>({
  meta: {
    id: 'unsound-condition',
    platform: 'github',
    kinds: ['github-workflow', 'github-action'],
    title: 'if: condition that is always true',
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
    fixable: 'safe',
    equivalents: { zizmor: ['unsound-condition'], actionlint: ['if-cond'] },
  },
  check(ctx) {
    for (const c of conditionsOf(ctx.model, ctx.text)) {
      if (c.bare) continue;
      const value = c.field.value;
      const node = c.field.node;
      // Exactly one `${{ }}` and nothing else: GitHub evaluates the expression.
      const whole = c.expressions.length === 1 && value.startsWith('${{') && value.endsWith('}}');
      if (whole) continue;
      const style = isScalar(node) ? node.type : undefined;
      const block = style === 'BLOCK_LITERAL' || style === 'BLOCK_FOLDED';
      const onlyTrailing = c.expressions.length === 1 && value.startsWith('${{') && value.trimEnd().endsWith('}}') && value.trimEnd() !== value;
      const fixes: Fix[] = [];
      let why: string;
      if (onlyTrailing && block) {
        why = 'the block scalar keeps a trailing newline, so the condition is the text "true\\n" or "false\\n"';
        // `|` -> `|-` (strip the final newline).
        const header = ctx.text.slice(c.field.span.start, ctx.text.indexOf('\n', c.field.span.start));
        const m = /^([|>])([1-9]?)([+-]?)/.exec(header);
        const tail = value.slice(value.trimEnd().length);
        if (m && tail.split('\n').length <= 2) {
          const at = c.field.span.start;
          fixes.push({ title: `Strip the trailing newline (${m[1]}${m[2]}-)`, safe: true, edits: [{ start: at, end: at + m[0].length, newText: `${m[1]}${m[2]}-` }] });
        }
      } else {
        why = c.expressions.length > 1 ? 'several ${{ }} with text between them make one string' : 'text outside ${{ }} makes the whole value a string';
        // `${{ a }} && ${{ b }}` -> `${{ (a) && (b) }}` when that parses as an expression.
        let bare = '';
        let pos = c.field.span.start;
        const src = ctx.text.slice(c.field.span.start, c.field.span.end);
        if (!block && src === value) {
          for (const e of c.expressions) {
            bare += ctx.text.slice(pos, e.span.start) + `(${ctx.text.slice(e.inner.start, e.inner.end).trim()})`;
            pos = e.span.end;
          }
          bare += ctx.text.slice(pos, c.field.span.end);
          const parsed = parseBareExpression(bare, 0, bare.length);
          if (!parsed.error) fixes.push({ title: 'Make the whole condition one expression', safe: false, edits: [{ start: c.field.span.start, end: c.field.span.end, newText: `\${{ ${bare.trim()} }}` }] });
        }
      }
      ctx.report({
        span: c.field.span,
        message: `This if: is always true: ${why}, and any non-empty string is truthy. The ${c.step ? 'step' : 'job'} runs whatever the expression says`,
        fixes,
      });
    }
  },
});
