// A Markdown report from the CLI's JSON findings (`flowguard audit --format json`). Pure: formatting only.

export interface CliFinding {
  ruleId: string;
  severity: string;
  confidence: string;
  message: string;
  file: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
  fixes?: { title: string; safe: boolean }[];
}

const SEVERITIES = ['high', 'medium', 'low', 'info'];

/** Markdown table cells: no pipes or newlines. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function markdownReport(findings: CliFinding[], options: { title: string; generated: string; docsUrl?: (ruleId: string) => string | undefined }): string {
  const bySeverity = new Map(SEVERITIES.map((s) => [s, 0]));
  const byRule = new Map<string, number>();
  const files = new Set<string>();
  for (const f of findings) {
    bySeverity.set(f.severity, (bySeverity.get(f.severity) ?? 0) + 1);
    byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
    files.add(f.file);
  }
  const lines = [
    `# ${options.title}`,
    '',
    `Generated ${options.generated}. ${findings.length} finding${findings.length === 1 ? '' : 's'} in ${files.size} file${files.size === 1 ? '' : 's'}.`,
    '',
    '| severity | findings |',
    '|---|---:|',
    ...SEVERITIES.map((s) => `| ${s} | ${bySeverity.get(s) ?? 0} |`),
    '',
    '| rule | findings |',
    '|---|---:|',
    ...[...byRule].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([id, n]) => {
      const url = options.docsUrl?.(id);
      return `| ${url ? `[\`${id}\`](${url})` : `\`${id}\``} | ${n} |`;
    }),
    '',
    '## Findings',
    '',
  ];
  if (!findings.length) lines.push('No findings.');
  else {
    lines.push('| severity | location | rule | message | fix |', '|---|---|---|---|---|');
    const rank = (s: string) => (SEVERITIES.includes(s) ? SEVERITIES.indexOf(s) : SEVERITIES.length);
    const sorted = [...findings].sort((a, b) => rank(a.severity) - rank(b.severity) || a.file.localeCompare(b.file) || a.range.start.line - b.range.start.line);
    for (const f of sorted) {
      const fix = f.fixes?.length ? cell(f.fixes.map((x) => `${x.title}${x.safe ? '' : ' (review)'}`).join('; ')) : '';
      lines.push(`| ${f.severity} | \`${cell(f.file)}:${f.range.start.line}:${f.range.start.column}\` | \`${f.ruleId}\` | ${cell(f.message)} | ${fix} |`);
    }
  }
  return lines.join('\n') + '\n';
}
