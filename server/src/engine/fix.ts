// Applying fixes as text edits. Edits never overlap in the output: a fix whose edits collide with an
// already accepted fix is skipped (and can be applied in a second pass), as ESLint does.
import type { Finding, Fix, TextEdit } from './types.js';

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos) throw new Error(`Overlapping edits at offset ${e.start}`);
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  // Two insertions at the same point are fine only if they come from the same fix.
  return a.start < b.end && b.start < a.end || (a.start === b.start && a.start === a.end && b.start === b.end) || (a.start === b.start && (a.start === a.end) !== (b.start === b.end));
}

export interface FixSelection {
  fixes: Fix[];
  edits: TextEdit[];
  /** Findings whose fix could not be applied in this pass because of a conflict. */
  deferred: number;
}

/** Chooses non-conflicting fixes (the first fix of each finding that matches `accept`). */
export function selectFixes(findings: readonly Finding[], accept: (fix: Fix) => boolean): FixSelection {
  const chosen: Fix[] = [];
  const edits: TextEdit[] = [];
  let deferred = 0;
  const seen = new Set<string>();
  for (const f of findings) {
    if (f.suppressed) continue;
    const fix = f.fixes?.find(accept);
    if (!fix) continue;
    const key = JSON.stringify(fix.edits);
    if (seen.has(key)) continue; // the same fix offered by two findings
    if (fix.edits.some((e) => edits.some((x) => overlaps(e, x)))) {
      deferred++;
      continue;
    }
    seen.add(key);
    chosen.push(fix);
    edits.push(...fix.edits);
  }
  return { fixes: chosen, edits, deferred };
}
