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

/**
 * Parses `# flowguard: ignore[ids] reason` out of one line in linear time (no regex: an unanchored
 * pattern here is polynomial on long lines of '#', which test/robustness/redos.test.ts rejects).
 */
function parseIgnore(t: string): { tool: 'flowguard' | 'zizmor'; ids: string; reason: string; hash: number } | undefined {
  const at = t.indexOf('ignore[');
  if (at < 0) return undefined;
  const close = t.indexOf(']', at + 7);
  if (close < 0) return undefined;
  let i = at - 1;
  const skipBlank = () => {
    while (i >= 0 && (t[i] === ' ' || t[i] === '\t')) i--;
  };
  skipBlank();
  if (t[i] !== ':') return undefined;
  i--;
  skipBlank();
  let tool: 'flowguard' | 'zizmor' | undefined;
  for (const name of ['flowguard', 'zizmor'] as const) {
    if (t.slice(i - name.length + 1, i + 1) === name) {
      tool = name;
      i -= name.length;
      break;
    }
  }
  if (!tool) return undefined;
  skipBlank();
  if (t[i] !== '#' || (i > 0 && t[i - 1] !== ' ' && t[i - 1] !== '\t')) return undefined;
  return { tool, ids: t.slice(at + 7, close), reason: t.slice(close + 1), hash: i };
}

export function findIgnoreComments(lines: LineIndex): IgnoreComment[] {
  const out: IgnoreComment[] = [];
  const text = lines.text;
  // Only the lines that hold `ignore[`, in order, each once.
  for (let at = text.indexOf('ignore['); at >= 0; ) {
    const line = lines.position(at).line;
    at = line + 1 < lines.lineCount ? text.indexOf('ignore[', lines.lineStart(line + 1)) : -1;
    const t = lines.lineText(line);
    const m = parseIgnore(t);
    if (!m) continue;
    out.push({
      line,
      tool: m.tool,
      ids: m.ids.split(',').map((s) => s.trim()).filter(Boolean),
      reason: m.reason.trim() || undefined,
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
