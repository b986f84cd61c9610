// `--fix`: apply fixes in passes (lint, pick non-conflicting fixes, apply, lint again) until nothing more
// applies. A pass whose result has new YAML syntax problems is refused (fix by fix, so one bad fix does not
// block the others): a fix never leaves a file that parses worse than before.
import { applyEdits, selectFixes, type Finding, type Fix } from '../engine/index.js';

export const MAX_FIX_PASSES = 10;

export interface FixOutcome {
  text: string;
  /** Fixes applied, over all passes. */
  applied: number;
  passes: number;
  /** Titles of fixes refused because the result did not parse. */
  refused: string[];
}

/**
 * `lintText` lints a candidate text (same path, kind and config); `syntaxProblems` counts its YAML syntax
 * problems; `accept` chooses which fixes may run (safe only, or all).
 */
export function fixText(
  original: string,
  lintText: (text: string) => readonly Finding[],
  syntaxProblems: (text: string) => number,
  accept: (fix: Fix) => boolean,
): FixOutcome {
  let text = original;
  let applied = 0;
  let passes = 0;
  const refused: string[] = [];
  const refusedKeys = new Set<string>();
  const baseline = syntaxProblems(original);
  while (passes < MAX_FIX_PASSES) {
    const findings = lintText(text);
    const selection = selectFixes(findings, (f) => accept(f) && !refusedKeys.has(fixKey(f)));
    if (!selection.fixes.length) break;
    passes++;
    const batch = tryApply(text, selection.fixes.flatMap((f) => f.edits));
    if (batch !== undefined && batch !== text && syntaxProblems(batch) <= baseline) {
      text = batch;
      applied += selection.fixes.length;
      continue;
    }
    // The batch failed: find the fixes that are fine on their own, apply the first, re-lint.
    let progressed = false;
    for (const fix of selection.fixes) {
      const next = tryApply(text, fix.edits);
      if (next !== undefined && next !== text && syntaxProblems(next) <= baseline) {
        text = next;
        applied++;
        progressed = true;
        break;
      }
      refusedKeys.add(fixKey(fix));
      if (next !== text) refused.push(fix.title);
    }
    if (!progressed) break;
  }
  return { text, applied, passes, refused };
}

function tryApply(text: string, edits: Fix['edits']): string | undefined {
  try {
    const out = applyEdits(text, edits);
    // A file with CRLF line ends only keeps them: fixes that insert lines write '\n'.
    return /\r\n/.test(text) && !/(^|[^\r])\n/.test(text) ? out.replace(/\r?\n/g, '\r\n') : out;
  } catch {
    return undefined;
  }
}

function fixKey(fix: Fix): string {
  return `${fix.title}\0${JSON.stringify(fix.edits.map((e) => e.newText))}`;
}
