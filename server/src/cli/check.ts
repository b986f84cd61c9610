// One file of `flowguard audit`: read, lint with its workspace's config, optionally compute its fixes. The
// same code runs in the main thread (`--jobs 1`, standard input) and in audit worker threads (worker.ts), so
// everything it takes and returns is plain data that a worker can receive and post back. Fixed texts are
// written by the main thread once every file is checked (writeFix): until then no file changes on disk, so
// the rules that read other files (a local action, a reusable workflow) see the same workspace whatever
// order and thread the files are checked in.
import { relative } from 'node:path';
import {
  DEFAULT_MAX_FILE_SIZE,
  RULES,
  LineIndex,
  detectKind,
  kindAssociations,
  lint,
  type Confidence,
  type Finding,
  type FlowGuardConfig,
  type Persona,
  type Severity,
  type WorkspaceView,
} from '../engine/index.js';
import type { OnlineFacts } from '../engine/online/facts.js';
import { fixText } from './fixer.js';
import type { CliIO } from './io.js';
import type { AuditReport, FileError, FileReport } from './report.js';
import { displayPath, errorMessage, toPosix, workspaceView, type Candidate, type Workspace } from './workspace.js';

/** What the command line decided for every file (plain data: it is sent to the workers as is). */
export interface CheckSettings {
  persona?: Persona;
  minSeverity?: Severity;
  minConfidence: Confidence;
  /** `--rule` ids. */
  only?: string[];
  fixMode?: 'safe' | 'all';
  /** `--stdin-filename`, the name printed for standard input. */
  stdinFilename?: string;
  /** Facts from GitHub's API with --online. */
  online?: OnlineFacts;
}

export interface Job {
  candidate: Candidate;
  ws: Workspace;
  /** Text read from standard input (the candidate's path is then only a name). */
  stdin?: string;
}

/** A checked file as it crosses a thread boundary: a FileReport without its line index. */
export type CheckedFile = Omit<FileReport, 'lines'>;

/** Everything checking one file adds to the report, merged in file order by `addOutcome`. */
export interface FileOutcome {
  file?: CheckedFile;
  /** With --fix: the fixed text and what remains in it, for writeFix. */
  fixed?: { abs: string; text: string; applied: number; findings: Finding[] };
  errors: FileError[];
  notes: string[];
  /** The configuration excluded the file (ignore-paths, a disabled platform). */
  excluded: boolean;
  fix: { files: number; applied: number; refused: number };
}

const CONFIDENCES: readonly Confidence[] = ['low', 'medium', 'high'];
const rank = <T extends string>(order: readonly T[], v: T) => order.indexOf(v);

export const MAX_BYTES = DEFAULT_MAX_FILE_SIZE;

/** Reads, lints and (with --fix) fixes one file. Never throws: a crash becomes an error of that file. */
export function checkFile(job: Job, io: CliIO, settings: CheckSettings): FileOutcome {
  const outcome: FileOutcome = { errors: [], notes: [], excluded: false, fix: { files: 0, applied: 0, refused: 0 } };
  try {
    check(job, io, settings, outcome);
  } catch (e) {
    outcome.errors.push({ ...where(job, io, settings), message: `internal error, please report it: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` });
  }
  return outcome;
}

/** How a file is named in messages: its display path and its path relative to the repository root. */
export function where({ candidate, ws, stdin }: Job, io: CliIO, settings: CheckSettings): { display: string; uri: string } {
  return {
    display: stdin !== undefined ? (settings.stdinFilename ?? '-') : displayPath(io, candidate.abs),
    uri: toPosix(relative(ws.gitRoot ?? ws.root, candidate.abs)),
  };
}

function check(job: Job, io: CliIO, settings: CheckSettings, outcome: FileOutcome): void {
  const { candidate, ws, stdin } = job;
  const { only, minConfidence, fixMode } = settings;
  const maxBytes = MAX_BYTES;
  const { display, uri } = where(job, io, settings);
  const fail = (message: string) => outcome.errors.push({ display, uri, message });
  const note = (s: string) => outcome.notes.push(s);
  let text: string;
  if (stdin !== undefined) text = stdin;
  else {
    const size = io.fileSize?.(candidate.abs);
    if (size !== undefined && size > maxBytes) {
      fail(`not checked: ${formatBytes(size)} is over the ${formatBytes(maxBytes)} limit`);
      return;
    }
    try {
      text = io.readFile(candidate.abs);
    } catch (e) {
      fail(`cannot read: ${errorMessage(e)}`);
      return;
    }
  }
  if (text.length > maxBytes) {
    fail(`not checked: ${formatBytes(text.length)} is over the ${formatBytes(maxBytes)} limit`);
    return;
  }
  if (text.includes('\0')) {
    fail('not checked: binary file (it contains NUL bytes)');
    return;
  }
  const config = configFor(ws, settings);
  const kind = detectKind(candidate.rel, text, kindAssociations(config));
  if (kind === 'unknown') {
    if (candidate.explicit) note(`${display}: skipped: not a recognised pipeline file (map it with 'kinds:' in .flowguard.yml)`);
    return;
  }
  const lintOptions = {
    path: candidate.rel,
    kind,
    config,
    settings: {
      persona: settings.persona,
      minSeverity: settings.minSeverity,
      workspace: viewOf(io, ws, maxBytes),
      online: settings.online,
    },
    maxFileSize: maxBytes,
    ...(only ? { rules: RULES.filter((r) => only.includes(r.meta.id)) } : {}),
  };
  const run = (t: string) => {
    const res = lint(t, lintOptions);
    const findings = res.findings.filter((f) => rank(CONFIDENCES, f.confidence) >= rank(CONFIDENCES, minConfidence) && (!only || only.includes(f.ruleId)));
    return { res, findings };
  };
  const { res, findings } = run(text);
  if (res.skipped) {
    outcome.excluded = true;
    if (candidate.explicit) note(`${display}: skipped: excluded by ${ws.configFile ? displayPath(io, ws.configFile) : 'the configuration'} (ignore-paths or a disabled platform)`);
    return;
  }
  if (fixMode) {
    // Parser problems only (no rules): a duplicate key is as fatal to a pipeline as a syntax error.
    const syntax = (t: string) => lint(t, { path: candidate.rel, kind, rules: [], config: {} }).findings.filter((f) => f.ruleId === 'yaml-syntax' || f.ruleId === 'yaml-duplicate-key').length;
    const fixed = fixText(text, (t) => run(t).findings, syntax, (fix) => fixMode === 'all' || fix.safe);
    outcome.fix.refused += fixed.refused.length;
    for (const title of fixed.refused) note(`${display}: fix not applied, the result would not be valid YAML: ${title}`);
    if (fixed.text !== text) outcome.fixed = { abs: candidate.abs, text: fixed.text, applied: fixed.applied, findings: run(fixed.text).findings };
  }
  outcome.file = { display, uri, kind, text, findings };
}

/**
 * Writes a file's fixed text (main thread, after every file was checked) unless the file changed on disk
 * since it was read; the report then shows what remains in the fixed text, or the original findings and an
 * error.
 */
export function writeFix(outcome: FileOutcome, io: CliIO): void {
  const { file, fixed } = outcome;
  outcome.fixed = undefined;
  if (!file || !fixed) return;
  try {
    // Never overwrite an edit made while we were fixing (an editor saving the same file).
    if (io.readFile(fixed.abs) !== file.text) throw new Error('the file changed while it was being fixed');
    io.writeFile!(fixed.abs, fixed.text);
    outcome.file = { ...file, text: fixed.text, findings: fixed.findings };
    outcome.fix.files++;
    outcome.fix.applied += fixed.applied;
  } catch (e) {
    outcome.errors.push({ display: file.display, uri: file.uri, message: `cannot write the fixed file: ${errorMessage(e)} (left unchanged)` });
  }
}

/** Adds one file's outcome to the report (called in file order, so every `--jobs` gives the same report). */
export function addOutcome(report: AuditReport, outcome: FileOutcome, note: (s: string) => void, totals: { excluded: number; fix: FileOutcome['fix'] }): void {
  report.errors.push(...outcome.errors);
  for (const n of outcome.notes) note(n);
  if (outcome.excluded) totals.excluded++;
  totals.fix.files += outcome.fix.files;
  totals.fix.applied += outcome.fix.applied;
  totals.fix.refused += outcome.fix.refused;
  if (outcome.file) {
    report.checked++;
    report.files.push(withLines(outcome.file));
  }
}

/** The line index is built on first use: only files with findings need one. */
function withLines(file: CheckedFile): FileReport {
  let lines: LineIndex | undefined;
  return {
    ...file,
    get lines() {
      return (lines ??= new LineIndex(file.text));
    },
  };
}

const effective = new WeakMap<Workspace, FlowGuardConfig>();
function configFor(ws: Workspace, settings: CheckSettings): FlowGuardConfig {
  let c = effective.get(ws);
  if (!c) effective.set(ws, (c = effectiveConfig(ws.config, settings)));
  return c;
}

/** Command-line persona and minimum severity win over the config file (top level and overrides). */
function effectiveConfig(config: FlowGuardConfig, { persona, minSeverity }: CheckSettings): FlowGuardConfig {
  if (!persona && !minSeverity) return config;
  const strip = <T extends { persona?: Persona; 'min-severity'?: Severity }>(layer: T): T => {
    const copy = { ...layer };
    if (persona) copy.persona = persona;
    if (minSeverity) copy['min-severity'] = minSeverity;
    return copy;
  };
  return { ...strip(config), overrides: config.overrides?.map((o) => strip(o)) };
}

const views = new WeakMap<Workspace, WorkspaceView>();
function viewOf(io: CliIO, ws: Workspace, maxBytes: number): WorkspaceView {
  let view = views.get(ws);
  if (!view) views.set(ws, (view = workspaceView(io, ws.root, maxBytes)));
  return view;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}
