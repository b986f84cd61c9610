// Test-only rules, enabled by FLOWGUARD_TEST_HOOKS (comma-separated) so the LSP tests can exercise crash
// isolation and fix mechanics deterministically, whatever rules the registry holds. Unset in normal use.
import type { Rule } from '../engine/index.js';

/** Always throws: one internal-error diagnostic, the other rules still report. */
export const THROWING_TEST_RULE: Rule = {
  meta: { id: 'test-throwing-rule', platform: 'github', kinds: ['github-workflow', 'github-action', 'gitlab-ci', 'kestra-flow'], title: 'Test rule that throws', severity: 'high', confidence: 'high', persona: 'regular' },
  check() {
    throw new Error('test-throwing-rule exploded (FLOWGUARD_TEST_HOOKS)');
  },
};

/**
 * Flags the word `fixme` with a related location (the first line) and two fixes: a safe one (`fixed`)
 * and an unsafe one (`removed`).
 */
export const FIXABLE_TEST_RULE: Rule = {
  meta: { id: 'test-fixable-rule', platform: 'github', kinds: ['github-workflow'], title: 'Test rule with fixes', severity: 'medium', confidence: 'high', persona: 'regular', fixable: 'safe' },
  check(ctx) {
    for (const m of ctx.text.matchAll(/\bfixme\b/g)) {
      const start = m.index;
      const end = start + m[0].length;
      ctx.report({
        message: 'fixme found',
        span: { start, end },
        related: [{ span: { start: 0, end: Math.min(ctx.text.length, ctx.text.indexOf('\n') < 0 ? ctx.text.length : ctx.text.indexOf('\n')) }, message: 'the document starts here' }],
        fixes: [
          { title: 'Replace with fixed', safe: true, edits: [{ start, end, newText: 'fixed' }] },
          { title: 'Replace with removed', safe: false, edits: [{ start, end, newText: 'removed' }] },
        ],
      });
    }
  },
};

export function testRules(hooks: string | undefined): Rule[] | undefined {
  const list = (hooks ?? '').split(',').map((s) => s.trim());
  const rules: Rule[] = [];
  if (list.includes('throwing-rule')) rules.push(THROWING_TEST_RULE);
  if (list.includes('fixable-rule')) rules.push(FIXABLE_TEST_RULE);
  return rules.length ? rules : undefined;
}
