// `--format json`: an array of findings with 1-based ranges, the shape documented in the README.
import { range, type AuditReport } from '../report.js';

export interface JsonFinding {
  ruleId: string;
  severity: string;
  confidence: string;
  message: string;
  file: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
  fixes: { title: string; safe: boolean }[];
}

export function toJson(report: AuditReport): JsonFinding[] {
  return report.files.flatMap((file) =>
    file.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      confidence: f.confidence,
      message: f.message,
      file: file.display,
      range: range(file.lines, f),
      fixes: (f.fixes ?? []).map((x) => ({ title: x.title, safe: x.safe })),
    })),
  );
}

export function formatJson(report: AuditReport): string {
  return JSON.stringify(toJson(report), null, 2) + '\n';
}
