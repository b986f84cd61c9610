// One table-driven tester for every rule (the ESLint RuleTester idea). `valid` cases must produce no
// finding of the rule; `invalid` cases list the exact flagged text of each finding, in order, and
// optionally the text after applying the rule's safe fixes (which must then be finding-free for it).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, lint, selectFixes, type Finding, type LintOptions, type Rule } from '../../server/src/engine/index.js';
import type { FlowGuardConfig } from '../../server/src/engine/config.js';

export interface Case {
  name?: string;
  code: string;
  /** Defaults by kind: a workflow path for GitHub rules. */
  path?: string;
  options?: Record<string, unknown>;
  settings?: LintOptions['settings'];
  config?: FlowGuardConfig;
}

export interface ExpectedFinding {
  /** The exact source text the finding underlines. */
  text?: string;
  message?: string | RegExp;
  severity?: Finding['severity'];
}

export interface InvalidCase extends Case {
  errors: (ExpectedFinding | string)[];
  /** Expected text after applying the rule's safe fixes (null: no safe fix offered). */
  output?: string | null;
  /** Expected text after applying the first fix of each finding, safe or not. */
  outputAll?: string;
}

const DEFAULT_PATH: Record<string, string> = {
  'github-workflow': '.github/workflows/test.yml',
  'github-action': 'action.yml',
  'github-dependabot': '.github/dependabot.yml',
  'gitlab-ci': '.gitlab-ci.yml',
  'kestra-flow': 'flows/test.yml',
};

export function runRule(rule: Rule, c: Case): Finding[] {
  const path = c.path ?? DEFAULT_PATH[rule.meta.kinds[0]] ?? 'test.yml';
  const config: FlowGuardConfig = { ...(c.config ?? {}), rules: { ...(c.config?.rules ?? {}), ...(c.options ? { [rule.meta.id]: { options: c.options } } : {}) } };
  const res = lint(c.code, { path, config, settings: { persona: 'auditor', ...(c.settings ?? {}) } });
  return res.findings.filter((f) => f.ruleId === rule.meta.id);
}

export function ruleTester(rule: Rule, cases: { valid: (Case | string)[]; invalid: InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    cases.valid.forEach((raw, i) => {
      const c = typeof raw === 'string' ? { code: raw } : raw;
      it(`valid #${i + 1}${c.name ? ': ' + c.name : ''}`, () => {
        const found = runRule(rule, c);
        assert.deepEqual(found.map((f) => `${f.message} @ ${JSON.stringify(c.code.slice(f.span.start, f.span.end))}`), []);
      });
    });
    cases.invalid.forEach((c, i) => {
      it(`invalid #${i + 1}${c.name ? ': ' + c.name : ''}`, () => {
        const found = runRule(rule, c);
        assert.equal(found.length, c.errors.length, `expected ${c.errors.length} finding(s), got:\n${found.map((f) => `  ${f.message} @ ${JSON.stringify(c.code.slice(f.span.start, f.span.end))}`).join('\n')}`);
        c.errors.forEach((raw, k) => {
          const e = typeof raw === 'string' ? { text: raw } : raw;
          const f = found[k];
          if (e.text !== undefined) assert.equal(c.code.slice(f.span.start, f.span.end), e.text, `finding ${k + 1}: flagged text`);
          if (e.message instanceof RegExp) assert.match(f.message, e.message);
          else if (e.message !== undefined) assert.equal(f.message, e.message);
          if (e.severity) assert.equal(f.severity, e.severity);
        });
        if (c.output !== undefined) {
          const sel = selectFixes(found, (fx) => fx.safe);
          if (c.output === null) {
            assert.equal(sel.fixes.length, 0, 'no safe fix expected');
          } else {
            const fixed = applyEdits(c.code, sel.edits);
            assert.equal(fixed, c.output);
            const again = runRule(rule, { ...c, code: fixed });
            assert.deepEqual(again.map((f) => f.message), [], 'the fixed text must be clean for this rule');
          }
        }
        if (c.outputAll !== undefined) {
          const sel = selectFixes(found, () => true);
          assert.equal(applyEdits(c.code, sel.edits), c.outputAll);
        }
      });
    });
  });
}
