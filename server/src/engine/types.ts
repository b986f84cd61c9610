// Core data types of the engine. Offsets everywhere: line/column exist only at the edges (see text.ts).

/** Half-open UTF-16 offset range [start, end) into the document text. */
export interface Span {
  start: number;
  end: number;
}

export type Severity = 'high' | 'medium' | 'low' | 'info';
export const SEVERITIES: readonly Severity[] = ['info', 'low', 'medium', 'high'];
export type Confidence = 'high' | 'medium' | 'low';
/** How much a user wants to see, as in zizmor: regular < pedantic < auditor. */
export type Persona = 'regular' | 'pedantic' | 'auditor';
export const PERSONAS: readonly Persona[] = ['regular', 'pedantic', 'auditor'];

export type Platform = 'github' | 'gitlab' | 'kestra' | 'core';

/** What a file is. `unknown` files are not linted. */
export type DocumentKind =
  | 'github-workflow'
  | 'github-action'
  | 'github-dependabot'
  | 'gitlab-ci'
  | 'kestra-flow'
  | 'unknown';
export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  'github-workflow',
  'github-action',
  'github-dependabot',
  'gitlab-ci',
  'kestra-flow',
  'unknown',
];

/** One text replacement; offsets refer to the text the finding was computed on. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** A fix is data. `safe` fixes never change what the pipeline does beyond the finding. */
export interface Fix {
  title: string;
  safe: boolean;
  edits: TextEdit[];
}

export interface RelatedLocation {
  span: Span;
  message: string;
}

export interface Finding {
  ruleId: string;
  message: string;
  severity: Severity;
  confidence: Confidence;
  persona: Persona;
  span: Span;
  related?: RelatedLocation[];
  fixes?: Fix[];
  /** Set when an inline comment or the config suppressed it; suppressed findings are dropped by default. */
  suppressed?: { by: 'comment' | 'config'; reason?: string };
}

/** Names of the same check in peer tools, so users can map and migrate. */
export interface Equivalents {
  zizmor?: string[];
  actionlint?: string[];
  poutine?: string[];
  glsec?: string[];
  kics?: string[];
}
