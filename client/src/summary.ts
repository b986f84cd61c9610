// Text of a workspace audit summary for the output channel and the notification. Pure: no vscode import.
import type { AuditSummary, SeverityName } from '../../server/src/lsp/protocol.js';

const SEVERITY_ORDER: SeverityName[] = ['high', 'medium', 'low', 'info'];

function counts(record: Record<string, number>): string {
  const entries = Object.entries(record).filter(([, n]) => n > 0);
  entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return entries.length ? entries.map(([k, n]) => `${k} ${n}`).join(', ') : 'none';
}

function severities(record: Record<SeverityName, number>): string {
  return SEVERITY_ORDER.map((s) => `${s} ${record[s] ?? 0}`).join(', ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** One line: what a notification shows. */
export function headline(summary: AuditSummary): string {
  const withFindings = summary.perFile.length;
  const state = summary.cancelled ? ' (cancelled, partial results)' : '';
  if (summary.findings === 0) return `No findings in ${plural(summary.files, 'pipeline file')}${state}`;
  return `${plural(summary.findings, 'finding')} in ${withFindings} of ${plural(summary.files, 'pipeline file')}${state}`;
}

/** The full report written to the output channel, one line per entry. */
export function formatSummary(summary: AuditSummary): string[] {
  const lines = [
    `Workspace audit: ${headline(summary)}; ${summary.skipped} other YAML files skipped; ${(summary.durationMs / 1000).toFixed(2)} s`,
    `  by severity: ${severities(summary.bySeverity)}`,
    `  by platform: ${counts(summary.byPlatform)}`,
    `  by rule:     ${counts(summary.byRule)}`,
  ];
  if (summary.perFile.length) {
    lines.push('  files:');
    for (const f of summary.perFile) {
      const sev = SEVERITY_ORDER.filter((s) => f.bySeverity[s]).map((s) => `${s} ${f.bySeverity[s]}`).join(', ');
      lines.push(`    ${f.path} (${f.kind}): ${f.findings} (${sev})`);
    }
  }
  for (const e of summary.errors) lines.push(`  could not read ${e.path}: ${e.message}`);
  return lines;
}
