// A script as the runner sees it, read from the YAML scalar that holds it, with a map from every
// character of the value back to its offset in the document. Shell-aware rules analyse the value (what
// bash or pwsh parses) and report or edit at the mapped source offsets.
import { isScalar, Scalar, type Node } from 'yaml';
import { expressionSpans } from '../expressions/github.js';

export interface ScriptText {
  /** The scalar's value (what GitHub hands to the shell, before `${{ }}` substitution). */
  value: string;
  /** `map[i]` is the document offset of `value[i]`; `map[value.length]` is the end of the scalar. */
  map: number[];
  /** Source span of the scalar node. */
  start: number;
  end: number;
  /** YAML style of the scalar: edits inside it must respect its escaping. */
  style: 'plain' | 'single' | 'double' | 'literal' | 'folded';
  /** Indentation (in the document) of the lines of a block scalar. */
  indent: number;
  /** False when the map could not be rebuilt exactly (then only `value` is reliable). */
  exact: boolean;
}

const STYLE: Record<string, ScriptText['style']> = {
  [Scalar.PLAIN]: 'plain',
  [Scalar.QUOTE_SINGLE]: 'single',
  [Scalar.QUOTE_DOUBLE]: 'double',
  [Scalar.BLOCK_LITERAL]: 'literal',
  [Scalar.BLOCK_FOLDED]: 'folded',
};

/** Results per scalar node: several rules read the same script, and a node belongs to one text. */
const scripts = new WeakMap<Node, ScriptText>();

/** Reads the script held by a scalar node, or undefined for non-string nodes. */
export function scriptText(node: Node | undefined, text: string): ScriptText | undefined {
  if (!node || !isScalar(node) || !node.range) return undefined;
  const cached = scripts.get(node);
  if (cached) return cached;
  const result = readScript(node, text);
  scripts.set(node, result);
  return result;
}

function readScript(node: Scalar, text: string): ScriptText {
  const value = typeof node.value === 'string' ? node.value : node.value == null ? '' : String(node.value);
  const [start, end] = node.range!;
  const style = STYLE[node.type ?? Scalar.PLAIN] ?? 'plain';
  return new DecodedLazily(value, start, end, style, text);
}

/**
 * Most readers only need the value (prefilters, the shell lexer); the map back to the document is built
 * on the first read of `map`, `indent` or `exact` (reporting, fixes).
 */
class DecodedLazily implements ScriptText {
  #text: string | undefined;
  #decoded: Decoded | undefined;

  constructor(
    readonly value: string,
    readonly start: number,
    readonly end: number,
    readonly style: ScriptText['style'],
    text: string,
  ) {
    this.#text = text;
  }

  #decode() {
    if (this.#decoded) return this.#decoded;
    this.#decoded = decode(this.#text!, this.value, this.start, this.end, this.style);
    this.#text = undefined;
    return this.#decoded;
  }

  get map(): number[] {
    const d = this.#decode();
    return (d.map ??= linearMap(d.from, this.value.length, this.end));
  }

  /** `map[valueOffset]` (for an in-range offset), without building the map of a one-line value. */
  offsetOf(valueOffset: number): number {
    const d = this.#decode();
    if (d.map) return d.map[valueOffset];
    return valueOffset < this.value.length ? d.from + valueOffset : this.end;
  }

  get indent(): number {
    return this.#decode().indent;
  }

  get exact(): boolean {
    return this.#decode().exact;
  }
}

/** A decoded script: `map` is undefined while it is linear (`map[i] = from + i`, then `end`). */
interface Decoded {
  map: number[] | undefined;
  from: number;
  indent: number;
  exact: boolean;
}

function linearMap(from: number, length: number, end: number): number[] {
  const map: number[] = [];
  for (let k = 0; k < length; k++) map.push(from + k);
  map.push(end);
  return map;
}

function decode(text: string, value: string, start: number, end: number, style: ScriptText['style']): Decoded {
  let built: { value: string; map: number[] | undefined; from?: number; indent: number } | undefined;
  try {
    if (style === 'literal' || style === 'folded') built = decodeBlock(text, start, end, style === 'folded');
    else built = decodeFlow(text, start, end, style);
  } catch {
    built = undefined;
  }
  if (built && built.value === value) return { map: built.map, from: built.from ?? start, indent: built.indent, exact: true };
  // Fallback: a linear map that at least keeps offsets inside the scalar.
  const map = Array.from({ length: value.length + 1 }, (_, i) => Math.min(start + i, end));
  return { map, from: start, indent: 0, exact: false };
}

function decodeBlock(text: string, start: number, end: number, folded: boolean) {
  const headerEnd = text.indexOf('\n', start);
  const rawHeader = text.slice(start, headerEnd < 0 ? end : headerEnd);
  const hash = rawHeader.indexOf(' #');
  const header = (hash >= 0 ? rawHeader.slice(0, hash) : rawHeader).trim();
  const chomp = header.includes('+') ? 'keep' : header.includes('-') ? 'strip' : 'clip';
  const explicit = /[1-9]/.exec(header);
  // Lines of the body (without their newline), with their document offsets.
  const lines: { text: string; at: number }[] = [];
  let pos = headerEnd < 0 ? end : headerEnd + 1;
  while (pos < end) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0 || nl > end) nl = end;
    let lineEnd = nl;
    if (text[lineEnd - 1] === '\r') lineEnd--;
    lines.push({ text: text.slice(pos, lineEnd), at: pos });
    pos = nl + 1;
  }
  // The parent's indentation bounds a block scalar: compute it from the first non-empty line.
  let indent = 0;
  if (explicit) {
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const parentIndent = /^ */.exec(text.slice(lineStart, start))![0].length;
    indent = parentIndent + Number(explicit[0]);
  } else {
    const first = lines.find((l) => l.text.trim() !== '');
    indent = first ? /^ */.exec(first.text)![0].length : 0;
  }
  let value = '';
  const map: number[] = [];
  const body = lines.map((l) => ({ content: l.text.length >= indent ? l.text.slice(indent) : '', at: l.at + Math.min(indent, l.text.length), empty: l.text.trim() === '' && l.text.length <= indent, raw: l }));
  // Trailing empty lines are governed by chomping.
  let last = body.length - 1;
  while (last >= 0 && body[last].content === '') last--;
  const emit = (s: string, at: number) => {
    value += s;
    for (let k = 0; k < s.length; k++) map.push(at + k);
  };
  for (let i = 0; i <= last; i++) {
    const line = body[i];
    emit(line.content, line.at);
    if (i === last) break;
    const nlAt = line.raw.at + line.raw.text.length;
    if (!folded) {
      emit('\n', nlAt);
      continue;
    }
    // Folding: a line break between two non-empty, not more-indented lines becomes a space; a run of
    // empty lines keeps one newline per empty line.
    const moreIndented = /^[ \t]/.test(line.content);
    const next = body[i + 1];
    if (line.content === '' || moreIndented) {
      emit('\n', nlAt);
    } else if (next.content === '') {
      // break folded away: the following empty lines each give one newline
    } else if (/^[ \t]/.test(next.content)) {
      emit('\n', nlAt);
    } else {
      emit(' ', nlAt);
    }
  }
  const endAt = last >= 0 ? body[last].raw.at + body[last].raw.text.length : (headerEnd < 0 ? end : headerEnd + 1);
  if (last >= 0 && chomp !== 'strip') {
    emit('\n', endAt);
    if (chomp === 'keep') for (let i = last + 1; i < body.length; i++) emit('\n', body[i].raw.at + body[i].raw.text.length);
  }
  map.push(end);
  return { value, map, indent };
}

function decodeFlow(text: string, start: number, end: number, style: 'plain' | 'single' | 'double') {
  let i = start;
  let stop = end;
  if (style !== 'plain') {
    i++;
    stop--;
  }
  // One line without escapes (most `if:`, `uses:`, short `run:` values): the value is the source.
  if (!hasLineBreak(text, i, stop) && (style === 'plain' || !hasChar(text, style === 'single' ? 39 /* ' */ : 92 /* \\ */, i, stop))) {
    // Linear map (i, i + 1, ..., then the scalar's end): built only if someone reads it.
    return { value: text.slice(i, stop), map: undefined, from: i, indent: 0 };
  }
  let value = '';
  const map: number[] = [];
  const push = (s: string, at: number) => {
    value += s;
    for (let k = 0; k < s.length; k++) map.push(at);
  };
  while (i < stop) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      // Folding of multi-line flow scalars: trailing spaces dropped, one break -> space, n breaks -> n-1 newlines.
      while (value.length && (value.endsWith(' ') || value.endsWith('\t')) && !(style === 'double' && text[map[map.length - 1] - 1] === '\\')) {
        value = value.slice(0, -1);
        map.pop();
      }
      const at = i;
      let breaks = 0;
      while (i < stop && /[\s]/.test(text[i])) {
        if (text[i] === '\n') breaks++;
        i++;
      }
      push(breaks > 1 ? '\n'.repeat(breaks - 1) : ' ', at);
      continue;
    }
    if (style === 'single' && c === "'" && text[i + 1] === "'") {
      push("'", i);
      i += 2;
      continue;
    }
    if (style === 'double' && c === '\\') {
      const n = text[i + 1];
      const simple: Record<string, string> = { n: '\n', t: '\t', '\t': '\t', r: '\r', '"': '"', '\\': '\\', '/': '/', ' ': ' ', '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', v: '\v', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029' };
      if (n in simple) {
        push(simple[n], i);
        i += 2;
        continue;
      }
      const hex = n === 'x' ? 2 : n === 'u' ? 4 : n === 'U' ? 8 : 0;
      if (hex) {
        push(String.fromCodePoint(parseInt(text.slice(i + 2, i + 2 + hex), 16)), i);
        i += 2 + hex;
        continue;
      }
      if (n === '\n' || n === '\r') {
        // Escaped line break: joins lines with nothing in between.
        i += 1;
        while (i < stop && /\s/.test(text[i])) i++;
        continue;
      }
    }
    push(c, i);
    i++;
  }
  map.push(end);
  return { value, map, indent: 0 };
}

/** A `\n` between `from` and `to` (inclusive: a `\r` just before `to` followed by `\n` is a break in decodeFlow). */
function hasLineBreak(text: string, from: number, to: number): boolean {
  return hasChar(text, 10, from, to + 1);
}

function hasChar(text: string, code: number, from: number, to: number): boolean {
  for (let k = from; k < to && k < text.length; k++) if (text.charCodeAt(k) === code) return true;
  return false;
}

/** The document offset of a value offset. */
export function sourceOffset(script: ScriptText, valueOffset: number): number {
  const at = Math.max(0, Math.min(valueOffset, script.value.length));
  return script instanceof DecodedLazily ? script.offsetOf(at) : script.map[at];
}

/** Value offset of a document offset inside the scalar (the first value char at or after it). */
export function valueOffset(script: ScriptText, docOffset: number): number {
  let lo = 0;
  let hi = script.map.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (script.map[mid] < docOffset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The text with every `${{ }}` replaced by `x`s of the same length (newlines kept), so shell and
 * JavaScript readers see a plain word where GitHub will substitute a value. Linear in the text.
 */
export function maskExpressions(text: string): string {
  if (!text.includes('${{')) return text;
  let out = '';
  let pos = 0;
  for (const e of expressionSpans(text)) {
    out += text.slice(pos, e.start) + text.slice(e.start, e.end).replace(/[^\n]/g, 'x');
    pos = e.end;
  }
  return out + text.slice(pos);
}

/** Masked values per script (see maskExpressions), shared by every rule (and by bashOf() in shell.ts). */
const masked = new WeakMap<ScriptText, string>();

/** `maskExpressions(script.value)`, computed once per script. */
export function maskedValue(script: ScriptText): string {
  let m = masked.get(script);
  if (m === undefined) masked.set(script, (m = maskExpressions(script.value)));
  return m;
}
