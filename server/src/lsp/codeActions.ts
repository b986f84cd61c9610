// Code actions from a cached lint result: each finding's fixes as quick fixes (the safe one preferred),
// "ignore this finding here" (an inline ignore comment), and `source.fixAll.flowguard` (safe fixes only,
// several passes when fixes collide). Edits carry the document version they were computed on.
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import { applyEdits, ignoreCommentEdit, selectFixes, type Finding, type Span, type TextEdit as EngineEdit } from '../engine/index.js';
import { minimalEdit, toLspEdits, toWorkspaceEdit, type DiagnosticData } from './convert.js';
import type { LintEntry } from './documents.js';
import { FIX_ALL_CODE_ACTION_KIND } from './protocol.js';

/** Data attached to every FlowGuard code action: the version its edit applies to. */
export interface CodeActionData {
  uri: string;
  version: number;
}

/** Whether an action of `kind` is wanted by a request's `only` filter. */
export function kindWanted(kind: string, only: readonly string[] | undefined): boolean {
  if (!only?.length) return true;
  return only.some((o) => kind === o || kind.startsWith(o + '.'));
}

const overlaps = (a: Span, b: Span) => a.start <= b.end && b.start <= a.end;

export interface FixAllOutcome {
  /** One edit over the original text (undefined when nothing changes). */
  edit?: EngineEdit;
  fixes: number;
  passes: number;
}

/**
 * Applies safe fixes until none are left to apply or collisions are resolved (at most `maxPasses`).
 * Returns a single minimal edit against the entry's text, so the client applies one consistent change.
 */
export function safeFixAll(entry: Pick<LintEntry, 'text' | 'result'>, relint: (text: string) => readonly Finding[], maxPasses = 10): FixAllOutcome {
  let text = entry.text;
  let findings: readonly Finding[] = entry.result.findings;
  let fixes = 0;
  let passes = 0;
  while (passes < maxPasses) {
    const sel = selectFixes(findings, (f) => f.safe);
    if (!sel.edits.length) break;
    let next: string;
    try {
      next = applyEdits(text, sel.edits);
    } catch {
      break;
    }
    passes++;
    fixes += sel.fixes.length;
    text = next;
    if (!sel.deferred) break;
    findings = relint(text);
  }
  return { edit: minimalEdit(entry.text, text), fixes, passes };
}

export interface CodeActionRequest {
  uri: string;
  entry: LintEntry;
  span: Span;
  only?: readonly string[];
  /** Diagnostics the client sent with the request (matched to findings by data or by rule and range). */
  diagnostics: readonly Diagnostic[];
  documentChanges: boolean;
  relint(text: string): readonly Finding[];
}

export function codeActions(req: CodeActionRequest): CodeAction[] {
  const { uri, entry } = req;
  const data: CodeActionData = { uri, version: entry.version };
  const edit = (edits: EngineEdit[]) => toWorkspaceEdit(uri, entry.version, toLspEdits(entry.lines, edits), req.documentChanges);
  const out: CodeAction[] = [];

  if (kindWanted(CodeActionKind.QuickFix, req.only)) {
    const ignored = new Set<string>();
    entry.result.findings.forEach((f, index) => {
      if (f.suppressed || !overlaps(f.span, req.span)) return;
      const diag = matchDiagnostic(req.diagnostics, f, index, entry);
      const diagnostics = diag ? [diag] : undefined;
      const fixes = f.fixes ?? [];
      const firstSafe = fixes.findIndex((x) => x.safe);
      fixes.forEach((fix, i) => {
        out.push({
          title: fix.safe ? fix.title : `${fix.title} (review: changes behaviour)`,
          kind: CodeActionKind.QuickFix,
          diagnostics,
          isPreferred: i === firstSafe ? true : undefined,
          edit: edit(fix.edits),
          data,
        });
      });
      const line = entry.lines.position(f.span.start).line;
      const key = `${f.ruleId}:${line}`;
      if (ignored.has(key) || f.ruleId === 'internal-error' || f.ruleId === 'yaml-syntax') return;
      ignored.add(key);
      out.push({
        title: `Ignore ${f.ruleId} here (add a flowguard: ignore comment)`,
        kind: CodeActionKind.QuickFix,
        diagnostics,
        edit: edit([ignoreCommentEdit(entry.lines, f.span.start, f.ruleId)]),
        data,
      });
    });
  }

  const wantsFixAll = req.only?.length ? kindWanted(FIX_ALL_CODE_ACTION_KIND, req.only) : false;
  const offerFixAllInMenu = !req.only?.length && entry.result.findings.filter((f) => !f.suppressed && f.fixes?.some((x) => x.safe)).length > 1;
  if (wantsFixAll || offerFixAllInMenu) {
    const all = safeFixAll(entry, req.relint);
    if (all.edit) {
      out.push({
        title: `Fix all safe FlowGuard problems (${all.fixes})`,
        // In the lightbulb menu (no `only`) it is a quick fix, as ESLint does; on save it is the source action.
        kind: wantsFixAll ? FIX_ALL_CODE_ACTION_KIND : CodeActionKind.QuickFix,
        edit: edit([all.edit]),
        data,
      });
    }
  }
  return out;
}

function matchDiagnostic(diagnostics: readonly Diagnostic[], f: Finding, index: number, entry: LintEntry): Diagnostic | undefined {
  for (const d of diagnostics) {
    const data = d.data as Partial<DiagnosticData> | undefined;
    if (data && data.version === entry.version && data.index === index && data.ruleId === f.ruleId) return d;
  }
  return index < entry.result.findings.length ? entry.diagnostic(index) : undefined;
}
