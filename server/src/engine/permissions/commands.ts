// A `run:` script split into simple commands for the token analysis in run.ts. Lines are read once:
// continuations joined, heredoc bodies skipped, a quote left open continues on the next line, comments
// dropped, then each line is cut at `&&`, `||`, `;`, `|` and `$( )`. A command's span is found by looking
// for its line's first words in the scalar's source text (YAML indentation, folding and escapes make it
// differ from the script), from where the previous line was found. Every step is linear in the script,
// including very long lines and unclosed quotes.
//
// Most commands need neither their span nor all their words (the analysis only reports a few), so both
// are worked out when first asked for: a command is read to its program name, and the lines of a script
// are located in the source, in order, up to the line whose span is wanted.
import type { Span } from '../types.js';
import { firstIndexes, HeadSearch, isSpace } from './search.js';

export interface ScriptText {
  /** The script as YAML resolves it. */
  script: string;
  /** The scalar's source text and where it starts in the document (for exact spans). */
  source: string;
  sourceStart: number;
}

export class Command {
  /** The program it runs: its first word after assignments, `sudo`, `if`... ('' when it runs none). */
  readonly program: string;
  private allWords: string[] | undefined;

  constructor(
    readonly text: string,
    /** Text of the command piping into this one. */
    readonly pipedFrom: string | undefined,
    private readonly line: LineSpans,
    private readonly part: number,
  ) {
    this.program = commandProgram(text);
  }

  /** Its words from the program on (quotes removed from quoted words); none when it runs no program. */
  get words(): string[] {
    return (this.allWords ??= commandWords(this.text));
  }

  /** Where it is in the document. */
  get span(): Span {
    return this.line.span(this.part);
  }
}

const HEREDOC = /<<-?\s*(['"]?)([A-Za-z_][\w-]*)\1/;
/** What makes a line more than one plain command: quotes, `\`, `#`, `$`, `<<`, operators. */
const LINE_SPECIAL = /[#"'\\$&|;)`<]/;

export function splitCommands(input: ScriptText): Command[] {
  const locator = new Locator(input);
  const out: Command[] = [];
  forEachLine(input.script, (first, line) => {
    const parts = splitOperators(line);
    const spans = locator.add(first, parts);
    let prev = '';
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      out.push(new Command(part.text, part.piped ? prev : undefined, spans, i));
      prev = part.text;
    }
  });
  return out;
}

/**
 * Finds script lines in the source, in order: each search starts after where the previous line was
 * found, so line n is located only once lines 0..n-1 are.
 */
class Locator {
  private readonly lines: LineSpans[] = [];
  private located = 0;
  private cursor = 0;
  private readonly heads: HeadSearch;

  constructor(private readonly input: ScriptText) {
    const { script, source } = input;
    this.heads = new HeadSearch(source, () => {
      const all: string[][] = [];
      forEachLine(script, (first) => all.push(firstWords(first, 3)));
      return all;
    });
  }

  add(first: string, parts: { text: string }[]): LineSpans {
    const line = new LineSpans(this, this.lines.length, first, parts);
    this.lines.push(line);
    return line;
  }

  /** Where line `index` starts in the source (-1 when it is not found), locating the lines before it first. */
  at(index: number): number {
    for (; this.located <= index; this.located++) {
      const line = this.lines[this.located];
      // The command's first words, after the previous line's.
      const head = firstWords(line.first, 3);
      line.at = head.length ? this.heads.find(head, this.cursor) : -1;
      if (line.at >= 0) this.cursor = line.at + 1;
    }
    return this.lines[index].at;
  }

  get source(): ScriptText {
    return this.input;
  }
}

/** The spans of the commands of one script line, worked out together when one is first asked for. */
class LineSpans {
  at = -1;
  private spans: Span[] | undefined;

  constructor(
    private readonly locator: Locator,
    private readonly index: number,
    readonly first: string,
    private readonly parts: { text: string }[],
  ) {}

  span(part: number): Span {
    return (this.spans ??= this.compute())[part];
  }

  /**
   * Exact when a command is written on its source line: the first place its text appears there; else
   * from the first place its first word appears to the end of that line (without a `\` continuation);
   * when the line itself was not found, the rest of the scalar.
   */
  private compute(): Span[] {
    const { source, sourceStart } = this.locator.source;
    const at = this.locator.at(this.index);
    if (at < 0) return this.parts.map(() => ({ start: sourceStart, end: sourceStart + source.length }));
    const eol = source.indexOf('\n', at);
    const srcLine = source.slice(at, eol === -1 ? source.length : eol);
    const lineEnd = sourceStart + at + withoutContinuation(srcLine);
    const pieces = this.parts.map((p) => p.text.trim());
    const inLine = firstIndexes(srcLine, pieces);
    const wordAt = inLine.includes(-1) ? firstIndexes(srcLine, pieces.map((p, i) => (inLine[i] < 0 ? firstWord(p) : ''))) : [];
    return pieces.map((piece, i) => {
      const from = sourceStart + at;
      if (inLine[i] >= 0) return { start: from + inLine[i], end: from + inLine[i] + piece.length };
      return { start: from + Math.max(wordAt[i], 0), end: lineEnd };
    });
  }
}

/**
 * Calls `fn` for each line of the script that holds commands, in order: `first` is its first script
 * line as written, `line` the whole (several script lines when a quote spans them) with comments
 * removed, `${{ }}` without blanks and line breaks as spaces. Heredoc bodies and blank or comment-only
 * lines are left out.
 */
function forEachLine(script: string, fn: (first: string, line: string) => void): void {
  const lines = splitLines(script.includes('\\') ? script.replace(/\\\r?\n/g, ' ') : script);
  const quotes = new QuoteScan();
  let heredoc: string | undefined;
  for (let li = 0; li < lines.length; li++) {
    const first = lines[li];
    // Heredoc bodies are data, not commands.
    if (heredoc !== undefined) {
      if (first.trim() === heredoc) heredoc = undefined;
      continue;
    }
    // Most lines have no quote, escape, comment, expression, heredoc or operator: the line is the command.
    if (!LINE_SPECIAL.test(first)) {
      if (!isBlank(first)) fn(first, first);
      continue;
    }
    // A quoted string spanning lines is one command: join until the quotes balance.
    const from = li;
    quotes.start(first);
    while (quotes.open() && li + 1 < lines.length) quotes.add(lines[++li]);
    const raw = li === from ? first : lines.slice(from, li + 1).join('\n');
    const doc = raw.includes('<<') ? HEREDOC.exec(raw) : null;
    if (doc) heredoc = doc[2];
    const line = normalise(raw);
    if (!isBlank(line)) fn(first, line);
  }
}

/** `s.split(/\r?\n/)` without the regex. */
function splitLines(s: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let eol = s.indexOf('\n'); eol !== -1; eol = s.indexOf('\n', from)) {
    out.push(s.slice(from, eol > from && s.charCodeAt(eol - 1) === 13 ? eol - 1 : eol));
    from = eol + 1;
  }
  out.push(s.slice(from));
  return out;
}

/** Index of the next match of a global character-class regex from `i`, -1 when none (no match array built). */
function nextOf(re: RegExp, s: string, i: number): number {
  re.lastIndex = i;
  return re.test(s) ? re.lastIndex - 1 : -1;
}

const QUOTE_SPECIAL = /[#"'\\]/g;
const IN_DOUBLE_QUOTES = /["\\]/g;

/**
 * Whether a line leaves a quote open (so the command continues on the next line), fed line by line so
 * that joining n lines costs n, not n². A `#` after a blank outside quotes ends the question: the rest is
 * a comment and the quotes count as balanced. A `\` escapes the next character (the line break when it
 * ends a line).
 */
class QuoteScan {
  private quote = 0;
  private comment = false;

  start(line: string): void {
    this.quote = 0;
    this.comment = false;
    this.read(line);
  }

  /** Continues with a line break and the next line. */
  add(line: string): void {
    this.read(line);
  }

  open(): boolean {
    return !this.comment && this.quote !== 0;
  }

  private read(text: string): void {
    for (let i = 0; !this.comment; ) {
      if (this.quote === 39) {
        const j = text.indexOf("'", i);
        if (j === -1) return;
        this.quote = 0;
        i = j + 1;
        continue;
      }
      const j = nextOf(this.quote === 34 ? IN_DOUBLE_QUOTES : QUOTE_SPECIAL, text, i);
      if (j === -1) return;
      const ch = text.charCodeAt(j);
      if (ch === 92) i = j + 2;
      else if (this.quote === 34 || ch !== 35) {
        this.quote = this.quote === 34 ? 0 : ch;
        i = j + 1;
      } else if (j === 0 || isSpace(text.charCodeAt(j - 1))) this.comment = true;
      else i = j + 1;
    }
  }
}

/** Comments removed, `${{ a.b }}` written as one word (the runner substitutes it first), line breaks as spaces. */
function normalise(raw: string): string {
  let s = raw.includes('#') ? raw.replace(/(^|\s)#.*$/gm, '') : raw;
  if (s.includes('${{')) s = compactExpressions(s);
  return s.includes('\n') ? s.replace(/\n/g, ' ') : s;
}

/** `s.replace(/\$\{\{[^}]*\}\}/g, (m) => m.replace(/\s+/g, ''))` in one pass (the regex rescans to the next `}` from every `${{`). */
function compactExpressions(s: string): string {
  let out = '';
  let done = 0;
  let brace = -1;
  for (let p = s.indexOf('${{'); p !== -1; ) {
    if (brace < p + 3) brace = s.indexOf('}', p + 3);
    if (brace === -1) break;
    if (s.charCodeAt(brace + 1) === 125) {
      out += s.slice(done, p) + s.slice(p, brace + 2).replace(/\s+/g, '');
      done = brace + 2;
      p = s.indexOf('${{', done);
    } else p = s.indexOf('${{', p + 1);
  }
  return done ? out + s.slice(done) : s;
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isSpace(s.charCodeAt(i))) return false;
  return true;
}

/** The first `max` blank-separated words of a line (what `line.trim().split(/\s+/).slice(0, max)` gives, none for a blank line). */
function firstWords(line: string, max: number): string[] {
  const words: string[] = [];
  for (let i = 0; i < line.length && words.length < max; ) {
    while (i < line.length && isSpace(line.charCodeAt(i))) i++;
    const from = i;
    while (i < line.length && !isSpace(line.charCodeAt(i))) i++;
    if (i > from) words.push(line.slice(from, i));
  }
  return words;
}

const firstWord = (piece: string): string => firstWords(piece, 1)[0] ?? '';

const blank = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';

/** Length of a source line without a trailing `\` line continuation and the blanks around it (linear). */
function withoutContinuation(line: string): number {
  let e = line.length;
  while (e > 0 && blank(line[e - 1])) e--;
  if (e > 0 && line[e - 1] === '\\') e--;
  while (e > 0 && blank(line[e - 1])) e--;
  return e;
}

const WRAPPERS = new Set(['sudo', 'time', 'exec', 'nohup', 'then', 'do', 'else', '!', '{', '(']);
const LOOPS = new Set(['if', 'while', 'until']);
const TEST_OPERATORS = new Set(['==', '=', '!=', '=~', '-eq', '-ne', '-lt', '-gt', '-le', '-ge']);

const isAssignment = (w: string) => w.includes('=') && /^[A-Za-z_][A-Za-z0-9_]*=/.test(w);
/** Not a program name (case patterns, closing brackets, arithmetic, stray text): nothing to run. */
const isProgram = (w: string) => /^(\.{0,2}\/|~\/)?[A-Za-z_.][\w.+@\/-]*$/.test(w) || /^\$\{?\w+\}?$/.test(w);
/** The rest of a `[[ a == b || c == d ]]` test after `||` (or any command ending with `]`): nothing to run. */
const isTestRest = (text: string, second: string | undefined) => TEST_OPERATORS.has(second!) || lastNonBlank(text) === 93;

/** A command's words, without leading assignments, wrappers and keywords; none when it runs no program. */
function commandWords(text: string): string[] {
  const words = shellWords(text);
  let i = 0;
  while (i < words.length && isAssignment(words[i])) i++;
  while (i < words.length && WRAPPERS.has(words[i])) i++;
  if (i < words.length && LOOPS.has(words[i])) i++;
  if (i) words.splice(0, i);
  if (words.length && !isProgram(words[0])) words.length = 0;
  if (isTestRest(text, words[1])) words.length = 0;
  return words;
}

/** `commandWords(text)[0] ?? ''`, reading only the words up to the one after the program. */
function commandProgram(text: string): string {
  const r = PROGRAM_READER.reset(text);
  let w = r.next();
  while (w !== undefined && isAssignment(w)) w = r.next();
  while (w !== undefined && WRAPPERS.has(w)) w = r.next();
  if (w !== undefined && LOOPS.has(w)) w = r.next();
  if (w === undefined || !isProgram(w) || isTestRest(text, r.next())) return '';
  return w;
}

function lastNonBlank(s: string): number {
  let e = s.length - 1;
  while (e >= 0 && isSpace(s.charCodeAt(e))) e--;
  return e >= 0 ? s.charCodeAt(e) : -1;
}

const OPERATOR_OR_QUOTE = /[$"'&|;)`]/;
const UNQUOTED_SPECIAL = /[$"'&|;)`]/g;
const DOUBLE_QUOTED_SPECIAL = /["\\$]/g;

/**
 * Cuts a line at `&&`, `||`, `;`, `|`, `)` and backticks outside quotes and at `$(` outside single
 * quotes; `piped` marks a part that reads the previous one's output.
 */
function splitOperators(line: string): { text: string; piped: boolean }[] {
  if (!OPERATOR_OR_QUOTE.test(line)) return isBlank(line) ? [] : [{ text: line, piped: false }];
  const parts: { text: string; piped: boolean }[] = [];
  let quote = 0;
  let piped = false;
  // The current part is line.slice(from, i): every character is kept except the operators cut at.
  let from = 0;
  // Quote state to return to when a `$( ... )` inside double quotes closes.
  const outer: number[] = [];
  for (let i = 0; i < line.length; ) {
    if (quote === 39) {
      const j = line.indexOf("'", i);
      if (j === -1) break;
      quote = 0;
      i = j + 1;
      continue;
    }
    const j = nextOf(quote === 34 ? DOUBLE_QUOTED_SPECIAL : UNQUOTED_SPECIAL, line, i);
    if (j === -1) break;
    const ch = line.charCodeAt(j);
    const next = line.charCodeAt(j + 1);
    i = j + 1;
    if (ch === 36) {
      // Command substitution (not `$((` arithmetic), also inside double quotes: its command is analysed on its own.
      if (next === 40 && line.charCodeAt(j + 2) !== 40) {
        addPart(parts, line.slice(from, j), piped);
        piped = false;
        outer.push(quote);
        quote = 0;
        from = i = j + 2;
      }
    } else if (quote === 34) {
      if (ch === 92) i = j + 2;
      else quote = 0;
    } else if (ch === 34 || ch === 39) quote = ch;
    else if (ch === 41 || ch === 96) {
      addPart(parts, line.slice(from, j), piped);
      if (ch === 41 && outer.length) quote = outer.pop()!;
      from = i;
    } else if (ch !== 38 || next === 38) {
      // `&&`, `||`, `;`, `|` (a lone `&` runs in the background and is kept).
      const andOr = (ch === 38 || ch === 124) && next === ch;
      addPart(parts, line.slice(from, j), piped);
      piped = ch === 124 && !andOr;
      from = i = j + (andOr ? 2 : 1);
    }
  }
  addPart(parts, line.slice(from, line.length), piped);
  return parts;
}

function addPart(parts: { text: string; piped: boolean }[], text: string, piped: boolean): void {
  if (!isBlank(text)) parts.push({ text, piped });
}

/**
 * Words as `/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g` reads them: a closed quoted string gives its
 * content (escapes kept), anything else runs to the next blank.
 */
class WordReader {
  private pos = 0;

  constructor(private s = '') {}

  /** Reads `s` from its start. */
  reset(s: string): this {
    this.s = s;
    this.pos = 0;
    return this;
  }

  next(): string | undefined {
    const s = this.s;
    for (let p = this.pos; p < s.length; p++) {
      const c = s.charCodeAt(p);
      const close = c === 34 ? closingDoubleQuote(s, p + 1) : c === 39 ? s.indexOf("'", p + 1) : -1;
      if (close !== -1) {
        this.pos = close + 1;
        return s.slice(p + 1, close);
      }
      if (!isSpace(c)) {
        let e = p + 1;
        while (e < s.length && !isSpace(s.charCodeAt(e))) e++;
        this.pos = e;
        return s.slice(p, e);
      }
    }
    this.pos = s.length;
    return undefined;
  }
}

/** The reader `commandProgram` uses (it never runs inside itself, so one instance serves every call). */
const PROGRAM_READER = new WordReader();

function shellWords(s: string): string[] {
  const words: string[] = [];
  const r = new WordReader(s);
  for (let w = r.next(); w !== undefined; w = r.next()) words.push(w);
  return words;
}

/** Index of the `"` closing a double-quoted string whose content starts at `i`; -1 when none (a `\\` before a line break or at the end stops it). */
function closingDoubleQuote(s: string, i: number): number {
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34) return i;
    if (c === 92) {
      const d = s.charCodeAt(++i);
      if (i >= s.length || d === 10 || d === 13 || d === 0x2028 || d === 0x2029) return -1;
    }
  }
  return -1;
}
