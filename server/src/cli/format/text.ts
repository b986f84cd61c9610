// Human output: `path:line:col: severity [rule-id] message`, one line per finding, then a summary line.
import { SEVERITIES, type Severity } from '../../engine/index.js';
import { range, type AuditReport } from '../report.js';

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  severity(sev: Severity, s: string): string;
}

const ansi = (code: string) => (s: string) => `\x1b[${code}m${s}\x1b[0m`;
const SEVERITY_COLOR: Record<Severity, (s: string) => string> = { high: ansi('31;1'), medium: ansi('33'), low: ansi('36'), info: ansi('34') };
export const COLOR: Style = { bold: ansi('1'), dim: ansi('2'), severity: (sev, s) => SEVERITY_COLOR[sev](s) };
export const PLAIN: Style = { bold: (s) => s, dim: (s) => s, severity: (_sev, s) => s };

export function formatFindings(report: AuditReport, style: Style): string {
  let out = '';
  for (const file of report.files) {
    for (const f of file.findings) {
      const { start } = range(file.lines, f);
      out += `${style.bold(`${file.display}:${start.line}:${start.column}`)}: ${style.severity(f.severity, f.severity)} ${style.dim(`[${f.ruleId}]`)} ${f.message.replace(/\s*[\r\n]+\s*/g, ' ')}\n`;
    }
  }
  return out;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : /(x|s|sh|ch)$/.test(word) ? 'es' : 's'}`;

export function formatSummary(report: AuditReport, style: Style): string {
  const findings = report.files.flatMap((f) => f.findings);
  const lines: string[] = [];
  if (report.fix) {
    const what = report.fix.mode === 'safe' ? 'safe fix' : 'fix';
    let line = report.fix.applied ? `Applied ${plural(report.fix.applied, what)} in ${plural(report.fix.files, 'file')}.` : `No ${what}es to apply.`;
    if (report.fix.refused) line += ` ${plural(report.fix.refused, 'fix')} not applied: the result would not have been valid YAML.`;
    lines.push(line);
  }
  const checked = `${plural(report.checked, 'file')} checked`;
  if (!findings.length) {
    lines.push(`No findings in ${checked}.`);
  } else {
    const bySeverity = [...SEVERITIES]
      .reverse()
      .map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
      .filter(([, n]) => n)
      .map(([s, n]) => style.severity(s, `${n} ${s}`));
    const inFiles = report.files.filter((f) => f.findings.length).length;
    let line = `${plural(findings.length, 'finding')} (${bySeverity.join(', ')}) in ${plural(inFiles, 'file')}, ${checked}.`;
    const safe = findings.filter((f) => f.fixes?.some((x) => x.safe)).length;
    const unsafe = findings.filter((f) => f.fixes?.length && !f.fixes.some((x) => x.safe)).length;
    if (safe) line += ` ${safe} fixable with --fix.`;
    if (unsafe) line += ` ${unsafe} ${safe ? 'more ' : ''}with --fix=all (review those changes).`;
    lines.push(line);
  }
  if (report.errors.length) lines.push(`${plural(report.errors.length, 'file')} could not be checked (see above).`);
  return lines.join('\n') + '\n';
}
