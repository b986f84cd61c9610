// The client's pure formatting: the audit summary for the output channel and the Markdown export.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markdownReport, type CliFinding } from '../../client/src/reportMarkdown.js';
import { formatSummary, headline } from '../../client/src/summary.js';
import type { AuditSummary } from '../../server/src/lsp/protocol.js';

const summary: AuditSummary = {
  files: 3,
  skipped: 1,
  findings: 3,
  bySeverity: { high: 1, medium: 2, low: 0, info: 0 },
  byRule: { 'unpinned-uses': 2, 'template-injection': 1 },
  byPlatform: { github: 3 },
  perFile: [
    { uri: 'file:///w/.github/workflows/a.yml', path: '.github/workflows/a.yml', kind: 'github-workflow', findings: 2, bySeverity: { high: 1, medium: 1, low: 0, info: 0 } },
    { uri: 'file:///w/.github/workflows/b.yml', path: '.github/workflows/b.yml', kind: 'github-workflow', findings: 1, bySeverity: { high: 0, medium: 1, low: 0, info: 0 } },
  ],
  errors: [{ path: 'broken.yml', message: 'EACCES' }],
  cancelled: false,
  durationMs: 1234,
};

test('headline counts findings and files', () => {
  assert.equal(headline(summary), '3 findings in 2 of 3 pipeline files');
  assert.equal(headline({ ...summary, findings: 0, perFile: [], files: 1 }), 'No findings in 1 pipeline file');
  assert.equal(headline({ ...summary, cancelled: true }), '3 findings in 2 of 3 pipeline files (cancelled, partial results)');
});

test('formatSummary lists severities in order, rules by count, files and read errors', () => {
  assert.deepEqual(formatSummary(summary), [
    'Workspace audit: 3 findings in 2 of 3 pipeline files; 1 other YAML files skipped; 1.23 s',
    '  by severity: high 1, medium 2, low 0, info 0',
    '  by platform: github 3',
    '  by rule:     unpinned-uses 2, template-injection 1',
    '  files:',
    '    .github/workflows/a.yml (github-workflow): 2 (high 1, medium 1)',
    '    .github/workflows/b.yml (github-workflow): 1 (medium 1)',
    '  could not read broken.yml: EACCES',
  ]);
});

test('markdownReport: totals, rules with doc links, findings sorted by severity, cells escaped', () => {
  const finding = (ruleId: string, severity: string, file: string, line: number, message: string, fixes?: CliFinding['fixes']): CliFinding => ({
    ruleId, severity, confidence: 'high', message, file, range: { start: { line, column: 3 }, end: { line, column: 9 } }, fixes,
  });
  const md = markdownReport(
    [
      finding('unpinned-uses', 'medium', 'b.yml', 4, "'x/y' is pinned to 'v1'"),
      finding('template-injection', 'high', 'a.yml', 9, 'a | b\nc', [{ title: 'Move to env', safe: true }, { title: 'Quote', safe: false }]),
    ],
    { title: 'FlowGuard report: w', generated: '2026-01-01T00:00:00Z', docsUrl: (id) => (id === 'unpinned-uses' ? 'https://d/unpinned-uses' : undefined) },
  );
  assert.equal(
    md,
    [
      '# FlowGuard report: w',
      '',
      'Generated 2026-01-01T00:00:00Z. 2 findings in 2 files.',
      '',
      '| severity | findings |',
      '|---|---:|',
      '| high | 1 |',
      '| medium | 1 |',
      '| low | 0 |',
      '| info | 0 |',
      '',
      '| rule | findings |',
      '|---|---:|',
      '| `template-injection` | 1 |',
      '| [`unpinned-uses`](https://d/unpinned-uses) | 1 |',
      '',
      '## Findings',
      '',
      '| severity | location | rule | message | fix |',
      '|---|---|---|---|---|',
      '| high | `a.yml:9:3` | `template-injection` | a \\| b c | Move to env; Quote (review) |',
      "| medium | `b.yml:4:3` | `unpinned-uses` | 'x/y' is pinned to 'v1' |  |",
      '',
    ].join('\n'),
  );
  assert.match(markdownReport([], { title: 't', generated: 'g' }), /## Findings\n\nNo findings\.\n$/);
});
