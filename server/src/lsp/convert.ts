// The one converter between the engine's world (UTF-16 offsets, Finding, Fix) and LSP's (0-based
// line/character ranges, Diagnostic, TextEdit, WorkspaceEdit). Positions go through the engine's LineIndex;
// nothing else in the server computes lines.
import {
  DiagnosticSeverity,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type Position,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { Finding, LineIndex, Severity, Span, TextEdit as EngineEdit } from '../engine/index.js';
import { DIAGNOSTIC_SOURCE } from './protocol.js';

/** high -> Error, medium/low -> Warning, info -> Information. */
export function toLspSeverity(severity: Severity): DiagnosticSeverity {
  switch (severity) {
    case 'high':
      return DiagnosticSeverity.Error;
    case 'medium':
    case 'low':
      return DiagnosticSeverity.Warning;
    default:
      return DiagnosticSeverity.Information;
  }
}

export function toRange(lines: LineIndex, span: Span): Range {
  return { start: lines.position(span.start), end: lines.position(Math.max(span.start, span.end)) };
}

export function toOffset(lines: LineIndex, position: Position): number {
  return lines.offset(position);
}

export function toSpan(lines: LineIndex, range: Range): Span {
  const a = lines.offset(range.start);
  const b = lines.offset(range.end);
  return a <= b ? { start: a, end: b } : { start: b, end: a };
}

export function toLspEdits(lines: LineIndex, edits: readonly EngineEdit[]): TextEdit[] {
  return edits.map((e) => ({ range: toRange(lines, e), newText: e.newText }));
}

/** What a diagnostic carries back to the server in code action requests. */
export interface DiagnosticData {
  ruleId: string;
  /** Document version the finding was computed on. */
  version: number;
  /** Index of the finding in the cached lint result of that version. */
  index: number;
}

export interface DiagnosticOptions {
  uri: string;
  version: number;
  /** Link for `codeDescription.href`; undefined leaves it out. */
  href?(finding: Finding): string | undefined;
  /** Whether the client shows relatedInformation (otherwise related locations go into the message). */
  relatedInformation: boolean;
}

export function toDiagnostic(finding: Finding, index: number, lines: LineIndex, options: DiagnosticOptions): Diagnostic {
  const d: Diagnostic = {
    range: toRange(lines, finding.span),
    severity: toLspSeverity(finding.severity),
    code: finding.ruleId,
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    data: { ruleId: finding.ruleId, version: options.version, index } satisfies DiagnosticData,
  };
  const href = options.href?.(finding);
  if (href) d.codeDescription = { href };
  if (finding.related?.length) {
    if (options.relatedInformation) {
      d.relatedInformation = finding.related.map(
        (r): DiagnosticRelatedInformation => ({ location: { uri: options.uri, range: toRange(lines, r.span) }, message: r.message }),
      );
    } else {
      d.message += finding.related.map((r) => `\n  ${lines.position(r.span.start).line + 1}:${lines.position(r.span.start).character + 1}: ${r.message}`).join('');
    }
  }
  return d;
}

/**
 * A WorkspaceEdit for one document. With `documentChanges` the edit names the version it was computed
 * on, so the client refuses it if the document has changed since.
 */
export function toWorkspaceEdit(uri: string, version: number, edits: TextEdit[], documentChanges: boolean): WorkspaceEdit {
  return documentChanges ? { documentChanges: [{ textDocument: { uri, version }, edits }] } : { changes: { [uri]: edits } };
}

/** The smallest single edit turning `before` into `after` (common prefix and suffix kept). */
export function minimalEdit(before: string, after: string): EngineEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  // Never split a surrogate pair or a CRLF (clients handle a range inside them badly).
  if (start > 0 && (isLow(before.charCodeAt(start)) || (before.charCodeAt(start - 1) === 13 && before.charCodeAt(start) === 10))) start--;
  if (endB < before.length && (isHigh(before.charCodeAt(endB - 1)) || (before.charCodeAt(endB - 1) === 13 && before.charCodeAt(endB) === 10))) {
    endB++;
    endA++;
  }
  return { start, end: endB, newText: after.slice(start, endA) };
}

const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
