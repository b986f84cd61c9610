// splitCommands (commands.ts) against the straightforward implementation it replaced, kept here as
// the reference: one regex compiled per line to find it in the source, quotes re-scanned from the
// start of each joined line, spans searched from the start of the source line for every command.
// Same commands, words and spans on generated scripts and sources (block scalars, escaped quoted
// scalars, unrelated text); plus the search helpers against indexOf and the regex they stand for.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { splitCommands, type Command } from '../../server/src/engine/permissions/commands.js';
import { firstIndexes, HeadSearch, isSpace } from '../../server/src/engine/permissions/search.js';
import type { Span } from '../../server/src/engine/types.js';

const RUNS = Number(process.env.FLOWGUARD_FUZZ_RUNS ?? 300);

// ---- reference implementation (FlowGuard 0.1.0 run.ts, verbatim apart from the probe cache) ----

interface Input {
  script: string;
  source: string;
  sourceStart: number;
}

interface RefCommand {
  words: string[];
  text: string;
  span: Span;
  pipedFrom?: string;
}

/** Length of a source line without a trailing `\` line continuation and the blanks around it (linear). */
function withoutContinuation(line: string): number {
  let e = line.length;
  const blank = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
  while (e > 0 && blank(line[e - 1])) e--;
  if (e > 0 && line[e - 1] === '\\') e--;
  while (e > 0 && blank(line[e - 1])) e--;
  return e;
}

function referenceSplit(input: Input): RefCommand[] {
  const out: RefCommand[] = [];
  const lines = input.script.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  let cursor = 0;
  let heredoc: string | undefined;
  for (let li = 0; li < lines.length; li++) {
    let raw = lines[li];
    // Heredoc bodies are data, not commands.
    if (heredoc !== undefined) {
      if (raw.trim() === heredoc) heredoc = undefined;
      continue;
    }
    // A quoted string spanning lines is one command: join until the quotes balance.
    while (unbalanced(raw) && li + 1 < lines.length) raw += '\n' + lines[++li];
    const doc = /<<-?\s*(['"]?)([A-Za-z_][\w-]*)\1/.exec(raw);
    if (doc) heredoc = doc[2];
    // `${{ a.b }}` is one word for the shell (the runner substitutes it first).
    const line = raw.replace(/(^|\s)#.*$/gm, '').replace(/\$\{\{[^}]*\}\}/g, (m) => m.replace(/\s+/g, '')).replace(/\n/g, ' ');
    if (!line.trim()) continue;
    // Locate the line in the source text for its span (falls back to the whole scalar).
    const firstLine = raw.split('\n')[0];
    // Find the command's first words in the source (YAML indentation and `\` continuations differ).
    const head = firstLine.trim().split(/\s+/).slice(0, 3);
    const probeRe = head.length && head[0] ? new RegExp(head.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('(?:\\s|\\\\\\r?\\n)+'), 'g') : undefined;
    let at = -1;
    if (probeRe) {
      probeRe.lastIndex = cursor;
      const m = probeRe.exec(input.source);
      if (m) at = m.index;
    }
    const start = at >= 0 ? input.sourceStart + at : input.sourceStart;
    if (at >= 0) cursor = at + 1;
    let prev = '';
    for (const part of splitOperators(line)) {
      const words = shellWords(part.text);
      while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) words.shift();
      while (words.length && /^(sudo|time|exec|nohup|then|do|else|!|\{|\()$/.test(words[0])) words.shift();
      if (words.length && /^(if|while|until)$/.test(words[0])) words.shift();
      // Not a program name (case patterns, closing brackets, arithmetic, stray text): nothing to run.
      if (words.length && !/^(\.{0,2}\/|~\/)?[A-Za-z_.][\w.+@\/-]*$/.test(words[0]) && !/^\$\{?\w+\}?$/.test(words[0])) words.length = 0;
      // The rest of a `[[ a == b || c == d ]]` test after `||`.
      if (/^(==|=|!=|=~|-eq|-ne|-lt|-gt|-le|-ge)$/.test(words[1] ?? '') || /\]\]?\s*$/.test(part.text)) words.length = 0;
      // Exact span when the command is written on one line of the source; else its first line.
      const srcLineEnd = at >= 0 ? (input.source.indexOf('\n', at) + 1 || input.source.length + 1) - 1 : -1;
      const srcLine = at >= 0 ? input.source.slice(at, srcLineEnd) : '';
      const piece = part.text.trim();
      const inLine = at >= 0 ? srcLine.indexOf(piece) : -1;
      let span: Span;
      if (inLine >= 0) span = { start: input.sourceStart + at + inLine, end: input.sourceStart + at + inLine + piece.length };
      else if (at >= 0) {
        const firstWord = piece.split(/\s+/)[0];
        const w0 = srcLine.indexOf(firstWord);
        const from = w0 >= 0 ? w0 : 0;
        span = { start: input.sourceStart + at + from, end: input.sourceStart + at + withoutContinuation(srcLine) };
      } else span = { start, end: input.sourceStart + input.source.length };
      out.push({ words, text: part.text, span, pipedFrom: part.piped ? prev : undefined });
      prev = part.text;
    }
  }
  return out;
}

/** True when a line leaves a quote open (so the command continues on the next line). */
function unbalanced(line: string): boolean {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]))) return false;
    else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '\\') i++;
  }
  return quote !== undefined;
}

function splitOperators(line: string): { text: string; piped: boolean }[] {
  const parts: { text: string; piped: boolean }[] = [];
  let cur = '';
  let quote: string | undefined;
  let piped = false;
  // Quote state to return to when a `$( ... )` inside double quotes closes.
  const outer: (string | undefined)[] = [];
  const flush = () => {
    if (cur.trim()) parts.push({ text: cur, piped });
    cur = '';
  };
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote === "'") {
      if (ch === quote) quote = undefined;
      cur += ch;
      continue;
    }
    if (ch === '$' && line[i + 1] === '(' && line[i + 2] !== '(') {
      // Command substitution, also inside double quotes: its command is analysed on its own.
      flush();
      piped = false;
      outer.push(quote);
      quote = undefined;
      i++;
      continue;
    }
    if (quote === '"') {
      if (ch === '\\') {
        cur += ch + (line[i + 1] ?? '');
        i++;
      } else {
        if (ch === quote) quote = undefined;
        cur += ch;
      }
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      cur += ch;
      continue;
    }
    const two = line.slice(i, i + 2);
    if (two === '&&' || two === '||' || ch === ';' || ch === '|') {
      flush();
      piped = ch === '|' && two !== '||';
      if (two === '&&' || two === '||') i++;
      continue;
    }
    if (ch === ')' || ch === '`') {
      flush();
      if (ch === ')' && outer.length) quote = outer.pop();
      continue;
    }
    cur += ch;
  }
  flush();
  return parts;
}

function shellWords(s: string): string[] {
  const words: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) words.push(m[1] ?? m[2] ?? m[3]);
  return words;
}

// ---- generated inputs ----

const TOKENS = [
  'echo', 'gh', 'pr', 'create', 'git', 'push', 'curl', 'a', 'b', 'x1', '--flag', 'FOO=bar', '"', "'", '\\', '\\\n', '#', ' #', '${{ github.token }}',
  '${{', '}}', '}', '&&', '||', '|', ';', '&', '$(', '$((', ')', '`', '<<EOF', 'EOF', "<<-'END'", 'END', ' ', '  ', '\t', '\r', '\u00a0', '\u2028',
  '[[', ']]', ']', '==', '=', 'sudo', 'if', 'then', '\\\u2028', '\n', '\n', '\n', '\r\n',
];
const script = fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((t) => t.join(''));

/** How YAML could have written the script: a block scalar, an escaped double-quoted scalar, itself, or unrelated text. */
const sourced = fc.tuple(script, fc.nat(6), fc.boolean(), fc.constantFrom('block', 'quoted', 'same', 'other'), script, fc.nat(500)).map(([s, indent, crlf, how, other, start]) => {
  const pad = ' '.repeat(indent);
  const eol = crlf ? '\r\n' : '\n';
  const source =
    how === 'block' ? '|' + eol + s.split('\n').map((l) => pad + l).join(eol)
    : how === 'quoted' ? JSON.stringify(s)
    : how === 'same' ? s
    : other + s.slice(0, s.length >> 1);
  return { script: s, source, sourceStart: start };
});

// Spans are read last, and in reverse order, so that lines are located on demand (as the analysis asks) and not in order.
const show = (cs: (Command | RefCommand)[]) => {
  const out = cs.map((c) => ({ words: c.words, text: c.text, span: undefined as Span | undefined, pipedFrom: c.pipedFrom }));
  for (let i = cs.length - 1; i >= 0; i--) out[i].span = cs[i].span;
  for (const c of cs) if (c instanceof Object && 'program' in c) assert.equal(c.program, c.words[0] ?? '', `program of ${JSON.stringify(c.text)}`);
  return out;
};

describe('permissions: splitting run scripts into commands', () => {
  it('gives the reference implementation\'s commands, words and spans', () => {
    const examples = ['echo "a\\\u2028b" c && gh pr view', "x='a\\' y; z", 'a "$(gh pr list)" | b', 'cat <<-EOF\n gh pr view\nEOF\ngh pr view 1', 'if [[ a == b || c == d ]]; then git push; fi'];
    for (const s of examples) for (const source of [s, JSON.stringify(s), '|\n  ' + s.replace(/\n/g, '\n  ')]) {
      const input = { script: s, source, sourceStart: 1 };
      assert.deepEqual(show(splitCommands(input)), show(referenceSplit(input)));
    }
    fc.assert(fc.property(sourced, (input) => assert.deepEqual(show(splitCommands(input)), show(referenceSplit(input)))), { numRuns: RUNS * 10 });
  });

  it('still does on long scripts whose lines are not found in the source (the head index takes over)', () => {
    fc.assert(
      fc.property(script, fc.integer({ min: 20, max: 60 }), (s, times) => {
        const long = Array.from({ length: times }, (_, i) => `${s}\necho "${i}" && gh pr view ${i}`).join('\n');
        const input = { script: long, source: JSON.stringify(long), sourceStart: 3 };
        assert.deepEqual(show(splitCommands(input)), show(referenceSplit(input)));
      }),
      { numRuns: RUNS / 3 },
    );
  });

  it('reads very long lines, many lines and unclosed quotes whole (each pass is linear: no rescanning per command)', () => {
    const ops = Array.from({ length: 20_000 }, (_, i) => `gh pr view ${i}`);
    const line = ops.join(' && ');
    const block = { script: line, source: '|\n  ' + line, sourceStart: 7 };
    const commands = splitCommands(block);
    assert.equal(commands.length, ops.length);
    commands.forEach((c, i) => assert.equal(block.source.slice(c.span.start - 7, c.span.end - 7), ops[i]));

    const unclosed = 'echo "start\n' + 'line of text\n'.repeat(20_000);
    assert.deepEqual(splitCommands({ script: unclosed, source: unclosed, sourceStart: 0 }).map((c) => c.words[0]), ['echo']);

    // Escaped in a quoted scalar: no line is found in the source, so every span is the whole scalar.
    const quoted = Array.from({ length: 20_000 }, (_, i) => `echo "x${i}" y`).join('\n');
    const escaped = splitCommands({ script: quoted, source: JSON.stringify(quoted), sourceStart: 0 });
    assert.equal(escaped.length, 20_000);
    assert.ok(escaped.every((c) => c.span.start === 0 && c.span.end === JSON.stringify(quoted).length));

    const expressions = '${{'.repeat(50_000);
    assert.deepEqual(show(splitCommands({ script: expressions, source: expressions, sourceStart: 0 })), [{ words: [], text: expressions, span: { start: 0, end: expressions.length }, pipedFrom: undefined }]);
  });
});

describe('permissions: text search', () => {
  it('isSpace is exactly \\s', () => {
    for (let c = 0; c < 65536; c++) assert.equal(isSpace(c), /\s/.test(String.fromCharCode(c)), `code ${c}`);
  });

  it('firstIndexes gives indexOf for each pattern, also through Aho–Corasick on long texts', () => {
    const alphabet = fc.constantFrom('a', 'b', 'c', ' ', '\u{1F4A5}');
    const str = (min: number, max: number) => fc.array(alphabet, { minLength: min, maxLength: max }).map((a) => a.join(''));
    fc.assert(
      fc.property(str(2049, 3000), fc.array(str(0, 8), { minLength: 33, maxLength: 80 }), (text, patterns) => {
        assert.deepEqual(firstIndexes(text, patterns), patterns.map((p) => text.indexOf(p)));
      }),
      { numRuns: RUNS / 3 },
    );
  });

  it('HeadSearch finds what the head regex finds, before and after it builds its index', () => {
    const ch = fc.constantFrom('a', 'b', ' ', '\\', '\n', '\r', '\t');
    const word = fc.array(fc.constantFrom('a', 'b', '\\'), { minLength: 1, maxLength: 3 }).map((a) => a.join(''));
    const head = fc.array(word, { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(fc.array(ch, { minLength: 3000, maxLength: 4000 }), fc.array(fc.tuple(head, fc.nat(4000)), { minLength: 10, maxLength: 40 }), (chars, queries) => {
        const text = chars.join('');
        const search = new HeadSearch(text, () => queries.map(([h]) => h));
        for (const [h, from] of queries) {
          const re = new RegExp(h.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('(?:\\s|\\\\\\r?\\n)+'), 'g');
          re.lastIndex = from;
          assert.equal(search.find(h, from), re.exec(text)?.index ?? -1, `${JSON.stringify(h)} from ${from}`);
        }
      }),
      { numRuns: RUNS / 3 },
    );
  });
});
