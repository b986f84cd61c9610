import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint } from '../../server/src/engine/index.js';
import { findIgnoreComments, ignoreCommentEdit } from '../../server/src/engine/suppress.js';
import { applyEdits, LineIndex } from '../../server/src/engine/index.js';

const wf = (step: string) => `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${step}`;
const ids = (text: string, includeSuppressed = false) =>
  lint(text, { path: '.github/workflows/x.yml', includeSuppressed }).findings.filter((f) => f.ruleId === 'unpinned-uses').map((f) => (f.suppressed ? `suppressed:${f.suppressed.reason ?? ''}` : 'active'));

describe('inline ignores', () => {
  it('parses ids, tool and reason', () => {
    const c = findIgnoreComments(new LineIndex('a: 1 # flowguard: ignore[x, y] vendored action\n  # zizmor: ignore[unpinned-uses]\nb: "#flowguard:ignore[z]"\n'));
    assert.deepEqual(c.map((x) => [x.line, x.tool, x.ids, x.reason ?? null, x.ownLine]), [
      [0, 'flowguard', ['x', 'y'], 'vendored action', false],
      [1, 'zizmor', ['unpinned-uses'], null, true],
    ]);
  });
  it('suppresses on the same line, with the reason kept', () => {
    assert.deepEqual(ids(wf('      - uses: foo/bar@v1 # flowguard: ignore[unpinned-uses] vetted\n'), true), ['suppressed:vetted']);
    assert.deepEqual(ids(wf('      - uses: foo/bar@v1 # flowguard: ignore[unpinned-uses] vetted\n')), []);
  });
  it('suppresses from an own-line comment directly above', () => {
    assert.deepEqual(ids(wf('      # flowguard: ignore[unpinned-uses]\n      - uses: foo/bar@v1\n')), []);
  });
  it('honours zizmor ignores for rules with a zizmor equivalent', () => {
    assert.deepEqual(ids(wf('      - uses: foo/bar@v1 # zizmor: ignore[unpinned-uses]\n')), []);
  });
  it('does not suppress other rules or distant lines', () => {
    assert.deepEqual(ids(wf('      - uses: foo/bar@v1 # flowguard: ignore[template-injection]\n')), ['active']);
    assert.deepEqual(ids(wf('      # flowguard: ignore[unpinned-uses]\n      - run: echo\n      - uses: foo/bar@v1\n')), ['active']);
  });
  it('the ignore edit adds a comment that suppresses the finding', () => {
    const text = wf('      - uses: foo/bar@v1\n');
    const f = lint(text, { path: '.github/workflows/x.yml' }).findings.find((x) => x.ruleId === 'unpinned-uses')!;
    const fixed = applyEdits(text, [ignoreCommentEdit(new LineIndex(text), f.span.start, f.ruleId, 'reviewed')]);
    assert.match(fixed, /\n      # flowguard: ignore\[unpinned-uses\] reviewed\n      - uses: foo\/bar@v1\n/);
    assert.deepEqual(ids(fixed), []);
  });
});
