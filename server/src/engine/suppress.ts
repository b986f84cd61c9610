// Inline ignores: `# flowguard: ignore[rule-a, rule-b] optional reason`. For rules with a zizmor
// equivalent, `# zizmor: ignore[<zizmor id>]` is honoured too, so users can migrate without edits.
import type { LineIndex } from './text.js';
import type { Finding } from './types.js';

export interface IgnoreComment {
  line: number;
  tool: 'flowguard' | 'zizmor';
  ids: string[];
  reason?: string;
  /** True when the comment is the only thing on its line (it then also covers the next line). */
  ownLine: boolean;
}

const IGNORE = /(^|\s)#\s*(flowguard|zizmor)\s*:\s*ignore\[([^\]]*)\]\s*(.*)$/;

export function findIgnoreComments(lines: LineIndex): IgnoreComment[] {
  const out: IgnoreComment[] = [];
  if (!lines.text.includes('ignore[')) return out;
  for (let line = 0; line < lines.lineCount; line++) {
    const t = lines.lineText(line);
    if (!t.includes('ignore[')) continue;
    const m = IGNORE.exec(t);
    if (!m) continue;
    out.push({
      line,
      tool: m[2] as 'flowguard' | 'zizmor',
      ids: m[3].split(',').map((s) => s.trim()).filter(Boolean),
      reason: m[4].trim() || undefined,
      ownLine: t.trimStart().startsWith('#'),
    });
  }
  return out;
}

/**
 * Marks findings covered by an ignore comment: a comment on any line of the finding's span, or an
 * own-line comment directly above its first line. `zizmorIds` maps a rule id to its zizmor ids.
 */
export function applyIgnoreComments(findings: Finding[], lines: LineIndex, zizmorIds: (ruleId: string) => string[] | undefined): void {
  const comments = findIgnoreComments(lines);
  if (!comments.length) return;
  for (const f of findings) {
    if (f.suppressed) continue;
    const first = lines.position(f.span.start).line;
    const last = lines.position(Math.max(f.span.start, f.span.end - 1)).line;
    for (const c of comments) {
      const covers = (c.line >= first && c.line <= last) || (c.ownLine && c.line === first - 1);
      if (!covers) continue;
      const ids = c.tool === 'flowguard' ? [f.ruleId] : zizmorIds(f.ruleId) ?? [];
      if (c.ids.some((id) => ids.includes(id) || (c.tool === 'flowguard' && id === '*'))) {
        f.suppressed = { by: 'comment', reason: c.reason };
        break;
      }
    }
  }
}

/** The edit that adds an ignore comment for `ruleId` above the line holding `offset`. */
export function ignoreCommentEdit(lines: LineIndex, offset: number, ruleId: string, reason?: string) {
  const line = lines.position(offset).line;
  const start = lines.lineStart(line);
  const indent = /^[ \t]*/.exec(lines.lineText(line))?.[0] ?? '';
  const eol = lines.text.includes('\r\n') ? '\r\n' : '\n';
  return { start, end: start, newText: `${indent}# flowguard: ignore[${ruleId}]${reason ? ' ' + reason : ''}${eol}` };
}
