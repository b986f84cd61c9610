// `--format github`: GitHub Actions workflow commands, so findings show as annotations on the run and on
// the pull request's diff without uploading SARIF. Paths are relative to the repository root.
import type { Severity } from '../../engine/index.js';
import { range, type AuditReport } from '../report.js';

const COMMAND: Record<Severity, string> = { high: 'error', medium: 'warning', low: 'warning', info: 'notice' };

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatGithub(report: AuditReport): string {
  let out = '';
  for (const file of report.files) {
    for (const f of file.findings) {
      const r = range(file.lines, f);
      const props = [
        `file=${escapeProperty(file.uri)}`,
        `line=${r.start.line}`,
        `col=${r.start.column}`,
        `endLine=${r.end.line}`,
        ...(r.end.line === r.start.line ? [`endColumn=${r.end.column}`] : []),
        `title=${escapeProperty(`FlowGuard ${f.ruleId} (${f.severity})`)}`,
      ];
      out += `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.message)}\n`;
    }
  }
  for (const e of report.errors) out += `::error ${e.uri ? `file=${escapeProperty(e.uri)},` : ''}title=FlowGuard::${escapeData(`${e.display}: ${e.message}`)}\n`;
  return out;
}
