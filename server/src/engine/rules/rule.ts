// The rule framework: a rule is metadata plus a `check` over one parsed document of the kinds it names.
// Everything users see about a rule (diagnostic code, docs link, hover, CLI listing, SARIF entry) is
// derived from this metadata.
import type { YamlDocument, YamlFile } from '../yaml/parse.js';
import type { LineIndex } from '../text.js';
import type { OnlineFacts } from '../online/facts.js';
import type {
  Confidence,
  DocumentKind,
  Equivalents,
  Finding,
  Fix,
  Persona,
  Platform,
  RelatedLocation,
  Severity,
  Span,
} from '../types.js';

export interface RuleMeta {
  /** Kebab-case id; equals the rule's file name. */
  id: string;
  platform: Platform;
  /** Document kinds the rule runs on. */
  kinds: readonly DocumentKind[];
  /** One line, sentence case, no trailing period. */
  title: string;
  /** Default severity of the rule's findings (a finding may override it). */
  severity: Severity;
  confidence: Confidence;
  /** Lowest persona that sees the rule's findings by default. */
  persona: Persona;
  /** Whether the rule offers fixes and whether they are safe for fix-all. */
  fixable?: 'safe' | 'unsafe';
  /** The same check in peer tools. */
  equivalents?: Equivalents;
  /** Default rule options; config `rules.<id>.options` is merged over them. */
  defaultOptions?: Record<string, unknown>;
  /** JSON Schema of the options object (merged into the config schema's documentation). */
  optionsSchema?: Record<string, unknown>;
}

export interface LintSettings {
  persona: Persona;
  minSeverity: Severity;
  /** Repository default for GITHUB_TOKEN when a workflow declares nothing. */
  defaultPermissions: 'unknown' | 'restricted' | 'permissive';
  /** `policy:` section of `.flowguard.yml` (allowed actions, pinning, permission ceilings...). */
  policy: Record<string, unknown>;
  /** Facts from GitHub's API, gathered by an online-enabled caller; online rules are silent without them. */
  online?: OnlineFacts;
  /** Data that editors/CLIs know but the engine cannot read itself (e.g. other files). */
  workspace?: WorkspaceView;
  /** Kestra instance mode: the JSON text of a server's flow schema (`/api/v1/plugins/schemas/flow`), fetched by the editor. */
  kestraSchema?: string;
}

/** Read-only view of other files, supplied by the caller (the engine never touches the disk). */
export interface WorkspaceView {
  /** Text of a file given its workspace-relative path (forward slashes), or undefined. */
  readFile(relativePath: string): string | undefined;
}

export interface ReportInput {
  message: string;
  span: Span;
  severity?: Severity;
  confidence?: Confidence;
  persona?: Persona;
  related?: RelatedLocation[];
  fixes?: Fix[];
}

export interface RuleContext<M = unknown> {
  /** Workspace-relative path with forward slashes ('' for untitled documents). */
  path: string;
  kind: DocumentKind;
  text: string;
  lines: LineIndex;
  file: YamlFile;
  doc: YamlDocument;
  /** The platform's typed model of this document. */
  model: M;
  options: Record<string, unknown>;
  settings: LintSettings;
  report(finding: ReportInput): void;
}

export interface Rule<M = unknown> {
  meta: RuleMeta;
  check(ctx: RuleContext<M>): void;
}

export function defineRule<M = unknown>(rule: Rule<M>): Rule<M> {
  return rule;
}

/** Builds the finding a rule reports, filling in the rule's defaults. */
export function toFinding(meta: RuleMeta, input: ReportInput): Finding {
  const f: Finding = {
    ruleId: meta.id,
    message: input.message,
    severity: input.severity ?? meta.severity,
    confidence: input.confidence ?? meta.confidence,
    persona: input.persona ?? meta.persona,
    span: input.span,
  };
  if (input.related?.length) f.related = input.related;
  if (input.fixes?.length) f.fixes = input.fixes;
  return f;
}
