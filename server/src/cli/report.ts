// What an audit produced, in the shape every output format reads.
import type { DocumentKind, Finding, LineIndex } from '../engine/index.js';

export interface FileReport {
  /** Path as printed: relative to the cwd, forward slashes. */
  display: string;
  /** Path relative to the repository root (SARIF `%SRCROOT%`), forward slashes. */
  uri: string;
  kind: DocumentKind;
  text: string;
  lines: LineIndex;
  findings: Finding[];
}

export interface FileError {
  display: string;
  /** Relative to the repository root, when the file is inside one. */
  uri?: string;
  message: string;
}

export interface AuditReport {
  files: FileReport[];
  /** Files that were linted (recognised pipeline files). */
  checked: number;
  errors: FileError[];
  /** Set when `--fix` ran. */
  fix?: { mode: 'safe' | 'all'; applied: number; files: number; refused: number };
}

/** 1-based line/column range of a finding (columns in UTF-16 code units, as SARIF's default). */
export function range(lines: LineIndex, f: Finding) {
  const s = lines.position(f.span.start);
  const e = lines.position(Math.max(f.span.start, f.span.end));
  return { start: { line: s.line + 1, column: s.character + 1 }, end: { line: e.line + 1, column: e.character + 1 } };
}
