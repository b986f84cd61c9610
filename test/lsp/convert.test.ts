// The LSP converter and the fix-all logic, in-process: offsets <-> ranges (CRLF, surrogate pairs),
// severity mapping, diagnostics with and without related-information support, minimal edits, and
// safe fix-all over colliding fixes in several passes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { applyEdits, LineIndex, type Finding, type LintResult } from '../../server/src/engine/index.js';
import { kindWanted, safeFixAll } from '../../server/src/lsp/codeActions.js';
import { minimalEdit, toDiagnostic, toLspEdits, toLspSeverity, toRange, toSpan, toWorkspaceEdit } from '../../server/src/lsp/convert.js';

const finding = (over: Partial<Finding>): Finding => ({
  ruleId: 'r',
  message: 'm',
  severity: 'medium',
  confidence: 'high',
  persona: 'regular',
  span: { start: 0, end: 1 },
  ...over,
});

describe('LSP converter', () => {
  it('maps severities: high -> Error, medium/low -> Warning, info -> Information', () => {
    assert.equal(toLspSeverity('high'), DiagnosticSeverity.Error);
    assert.equal(toLspSeverity('medium'), DiagnosticSeverity.Warning);
    assert.equal(toLspSeverity('low'), DiagnosticSeverity.Warning);
    assert.equal(toLspSeverity('info'), DiagnosticSeverity.Information);
  });

  it('converts offsets to ranges and back with CRLF and surrogate pairs (UTF-16 columns)', () => {
    const text = 'a: 1\r\nb: "😀x"\r\nc: 3';
    const lines = new LineIndex(text);
    const x = text.indexOf('x');
    assert.deepEqual(toRange(lines, { start: x, end: x + 1 }), { start: { line: 1, character: 6 }, end: { line: 1, character: 7 } });
    assert.deepEqual(toSpan(lines, { start: { line: 1, character: 6 }, end: { line: 1, character: 7 } }), { start: x, end: x + 1 });
    assert.deepEqual(toRange(lines, { start: text.length, end: text.length + 5 }), { start: { line: 2, character: 4 }, end: { line: 2, character: 4 } });
    // Reversed ranges are normalised; positions past a line end clamp to it.
    assert.deepEqual(toSpan(lines, { start: { line: 1, character: 7 }, end: { line: 1, character: 6 } }), { start: x, end: x + 1 });
    assert.equal(toSpan(lines, { start: { line: 0, character: 99 }, end: { line: 0, character: 99 } }).start, lines.lineStart(1));
  });

  it('builds diagnostics with code, data, related info, or related info folded into the message', () => {
    const text = 'one\ntwo\nthree\n';
    const lines = new LineIndex(text);
    const f = finding({ ruleId: 'x-rule', severity: 'high', span: { start: 4, end: 7 }, related: [{ span: { start: 8, end: 13 }, message: 'see here' }] });
    const d = toDiagnostic(f, 3, lines, { uri: 'file:///a.yml', version: 7, relatedInformation: true, href: () => 'https://docs/x' });
    assert.equal(d.code, 'x-rule');
    assert.equal(d.source, 'flowguard');
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.deepEqual(d.codeDescription, { href: 'https://docs/x' });
    assert.deepEqual(d.data, { ruleId: 'x-rule', version: 7, index: 3 });
    assert.deepEqual(d.relatedInformation, [{ location: { uri: 'file:///a.yml', range: { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } } }, message: 'see here' }]);
    const plain = toDiagnostic(f, 0, lines, { uri: 'file:///a.yml', version: 1, relatedInformation: false });
    assert.equal(plain.relatedInformation, undefined);
    assert.equal(plain.codeDescription, undefined);
    assert.equal(plain.message, 'm\n  3:1: see here');
  });

  it('makes versioned or plain workspace edits', () => {
    const edits = toLspEdits(new LineIndex('ab\ncd'), [{ start: 3, end: 4, newText: 'X' }]);
    assert.deepEqual(edits, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, newText: 'X' }]);
    assert.deepEqual(toWorkspaceEdit('u', 4, edits, true), { documentChanges: [{ textDocument: { uri: 'u', version: 4 }, edits }] });
    assert.deepEqual(toWorkspaceEdit('u', 4, edits, false), { changes: { u: edits } });
  });

  it('computes a minimal edit that reproduces the target and never splits a CRLF or a surrogate pair', () => {
    const cases: [string, string][] = [
      ['abc', 'abc'],
      ['abc', 'abXc'],
      ['hello world', 'hello brave new world'],
      ['a\r\nb', 'a\nb'],
      ['x😀y', 'x😁y'],
      ['aaaa', 'aa'],
      ['', 'new'],
      ['old', ''],
    ];
    for (const [before, after] of cases) {
      const e = minimalEdit(before, after);
      if (before === after) {
        assert.equal(e, undefined);
        continue;
      }
      assert.ok(e);
      assert.equal(applyEdits(before, [e]), after, JSON.stringify([before, after]));
      const cut = (i: number) => (before.charCodeAt(i - 1) === 13 && before.charCodeAt(i) === 10) || (before.charCodeAt(i) >= 0xdc00 && before.charCodeAt(i) <= 0xdfff);
      assert.ok(!cut(e.start) && !cut(e.end), `edit splits a pair: ${JSON.stringify([before, after, e])}`);
    }
    assert.deepEqual(minimalEdit('hello world', 'hello brave new world'), { start: 6, end: 6, newText: 'brave new ' });
  });

  it('matches code action kinds against `only`', () => {
    assert.ok(kindWanted('source.fixAll.flowguard', ['source.fixAll']));
    assert.ok(kindWanted('source.fixAll.flowguard', ['source']));
    assert.ok(kindWanted('quickfix', undefined));
    assert.ok(!kindWanted('quickfix', ['source.fixAll']));
    assert.ok(!kindWanted('source.fixAllX', ['source.fixAll']));
  });
});

describe('safe fix-all', () => {
  it('applies safe fixes only, in several passes when fixes collide, as one edit', () => {
    // Two findings whose safe fixes touch the same text: the second is deferred and re-linted.
    const text = 'value: aaaa\n';
    const lintOf = (t: string): Finding[] => {
      const i = t.indexOf('aa');
      if (i < 0) return [];
      return [
        finding({ span: { start: i, end: i + 2 }, fixes: [{ title: 'aa->b', safe: true, edits: [{ start: i, end: i + 2, newText: 'b' }] }] }),
        finding({ span: { start: i + 1, end: i + 3 }, fixes: [{ title: 'unsafe', safe: false, edits: [{ start: i + 1, end: i + 3, newText: 'ZZ' }] }, { title: 'overlap', safe: true, edits: [{ start: i + 1, end: i + 3, newText: 'c' }] }] }),
      ];
    };
    const result: LintResult = { kind: 'github-workflow', findings: lintOf(text), skipped: false };
    const out = safeFixAll({ text, result }, lintOf);
    assert.ok(out.edit);
    const fixed = applyEdits(text, [out.edit]);
    assert.doesNotMatch(fixed, /ZZ/, 'no unsafe fix');
    assert.equal(fixed, 'value: bb\n');
    assert.equal(out.passes, 2);
    assert.equal(out.fixes, 2);
    assert.deepEqual(safeFixAll({ text: 'nothing', result: { kind: 'unknown', findings: [], skipped: false } }, () => []), { edit: undefined, fixes: 0, passes: 0 });
  });

  it('stops after a bounded number of passes when fixes keep colliding', () => {
    let calls = 0;
    const always = (t: string): Finding[] => {
      calls++;
      return [
        finding({ span: { start: 0, end: 1 }, fixes: [{ title: 'a', safe: true, edits: [{ start: 0, end: 1, newText: t[0] }] }] }),
        finding({ span: { start: 0, end: 1 }, fixes: [{ title: 'b', safe: true, edits: [{ start: 0, end: 1, newText: 'q' }] }] }),
      ];
    };
    const out = safeFixAll({ text: 'xyz', result: { kind: 'github-workflow', findings: always('xyz'), skipped: false } }, always, 5);
    assert.ok(out.passes <= 5 && calls <= 6);
  });
});
