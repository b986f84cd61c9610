// Pebble (Kestra's template language): `{{ ... }}` outputs and `{% ... %}` tags found in the *source*
// text of a scalar (exact spans, also in block scalars), tokenised into the variable references and
// function calls they use. Not a full Pebble parser: enough to know which roots (inputs, trigger,
// outputs, execution, vars...) reach the rendered text and which only feed a test or a comparison.
import type { Span } from '../types.js';

export interface PebbleRef {
  /** First segment: `inputs`, `trigger`, `outputs`, `execution`, `vars`, `taskrun`, a loop variable... */
  root: string;
  /** Normalised dotted path (`outputs.task.body`; `['x']` becomes `.x`, dynamic indexes `*`). */
  path: string;
  span: Span;
  /** False when the value only feeds a comparison, a test (`is defined`) or a boolean operator. */
  flowsToOutput: boolean;
  /** Functions the reference is (directly) an argument of, innermost last. */
  functions: string[];
  /** Filters applied after it in its expression (`| upper`). */
  filters: string[];
}

export interface PebbleCall {
  name: string;
  span: Span;
  /** The first argument when it is a string literal (`secret('X')` -> `X`). */
  firstString?: string;
  firstStringSpan?: Span;
  /** Span of the text between the parentheses. */
  argsSpan: Span;
}

export interface PebbleTag {
  kind: 'output' | 'tag' | 'comment';
  span: Span;
  inner: Span;
  source: string;
  refs: PebbleRef[];
  calls: PebbleCall[];
  /** For tags: the tag name (`for`, `if`, `set`, `raw`...). */
  tagName?: string;
  /** `{% for x in ... %}` / `{% set x = ... %}`: the variable it binds. */
  binds?: string;
  error?: string;
}

interface Token {
  t: 'id' | 'str' | 'num' | 'op' | 'punct';
  v: string;
  start: number;
  end: number;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'is', 'in', 'true', 'false', 'null', 'none', 'defined', 'empty', 'even', 'odd', 'iterable', 'map', 'equals', 'contains', 'if', 'else', 'elseif', 'endif', 'for', 'endfor', 'set', 'raw', 'endraw', 'block', 'endblock', 'macro', 'endmacro', 'filter', 'endfilter', 'with', 'endwith', 'autoescape', 'endautoescape', 'verbatim', 'endverbatim', 'parallel', 'endparallel', 'flush', 'import', 'include', 'extends', 'from', 'as', 'only', 'cache', 'endcache', 'embed', 'endembed']);
const COMPARISON = new Set(['==', '!=', '<', '>', '<=', '>=', 'equals', 'contains', 'is', 'in', 'and', 'or', 'not', '!', '&&', '||']);

function tokenize(text: string, start: number, end: number): Token[] {
  const out: Token[] = [];
  let i = start;
  while (i < end) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < end && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      out.push({ t: 'str', v: text.slice(i + 1, Math.min(j, end)), start: i, end: Math.min(j + 1, end) });
      i = j + 1;
    } else if (/[A-Za-z_$]/.test(c)) {
      let j = i + 1;
      while (j < end && /[\w$]/.test(text[j])) j++;
      out.push({ t: 'id', v: text.slice(i, j), start: i, end: j });
      i = j;
    } else if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < end && /[0-9.]/.test(text[j]) && !(text[j] === '.' && text[j + 1] === '.')) j++;
      out.push({ t: 'num', v: text.slice(i, j), start: i, end: j });
      i = j;
    } else {
      const two = text.slice(i, i + 2);
      if (['==', '!=', '<=', '>=', '&&', '||', '..', '?:', '??'].includes(two)) {
        out.push({ t: 'op', v: two, start: i, end: i + 2 });
        i += 2;
      } else {
        out.push({ t: /[()[\].,|:?]/.test(c) ? 'punct' : 'op', v: c, start: i, end: i + 1 });
        i++;
      }
    }
  }
  return out;
}

/** Reads the references and calls of a token list (an expression or a tag's arguments). */
function analyse(tokens: Token[]): { refs: PebbleRef[]; calls: PebbleCall[] } {
  const refs: PebbleRef[] = [];
  const calls: PebbleCall[] = [];
  // Stack of open calls/brackets so a reference knows the functions it is an argument of.
  const stack: { kind: '(' | '['; fn?: string }[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k];
    if (tok.t === 'punct' && (tok.v === '(' || tok.v === '[')) {
      const prev = tokens[k - 1];
      const fn = tok.v === '(' && prev?.t === 'id' && !KEYWORDS.has(prev.v) ? prev.v : undefined;
      stack.push({ kind: tok.v as '(' | '[', fn });
      continue;
    }
    if (tok.t === 'punct' && (tok.v === ')' || tok.v === ']')) {
      stack.pop();
      continue;
    }
    if (tok.t !== 'id' || KEYWORDS.has(tok.v)) continue;
    const prev = tokens[k - 1];
    if (prev && prev.t === 'punct' && prev.v === '.') continue; // a member, not a root
    if (prev && prev.t === 'punct' && prev.v === '|') continue; // a filter name
    const next = tokens[k + 1];
    if (next && next.t === 'punct' && next.v === '(') {
      // A function call: find its closing parenthesis for the argument span.
      let depth = 0;
      let close = k + 1;
      for (; close < tokens.length; close++) {
        if (tokens[close].v === '(' && tokens[close].t === 'punct') depth++;
        else if (tokens[close].v === ')' && tokens[close].t === 'punct' && --depth === 0) break;
      }
      const argsEnd = close < tokens.length ? tokens[close].start : tokens[tokens.length - 1].end;
      const first = tokens[k + 2];
      const call: PebbleCall = { name: tok.v, span: { start: tok.start, end: close < tokens.length ? tokens[close].end : argsEnd }, argsSpan: { start: next.end, end: argsEnd } };
      if (first?.t === 'str') {
        call.firstString = first.v;
        call.firstStringSpan = { start: first.start + 1, end: first.end - 1 };
      }
      calls.push(call);
      continue;
    }
    // A variable: follow `.name`, `['x']`, `[0]`, `[expr]`.
    const segs = [tok.v];
    let j = k + 1;
    let endOff = tok.end;
    while (j < tokens.length) {
      const a = tokens[j];
      if (a.t === 'punct' && a.v === '.' && tokens[j + 1] && (tokens[j + 1].t === 'id' || tokens[j + 1].t === 'num')) {
        segs.push(tokens[j + 1].v);
        endOff = tokens[j + 1].end;
        j += 2;
      } else if (a.t === 'punct' && a.v === '[') {
        const b = tokens[j + 1];
        const c = tokens[j + 2];
        if (b && c && c.v === ']' && (b.t === 'str' || b.t === 'num')) {
          segs.push(b.t === 'str' ? b.v : '*');
          endOff = c.end;
          j += 3;
        } else {
          segs.push('*');
          break; // dynamic index: the inner expression is scanned on its own
        }
      } else break;
    }
    // Filters applied after the chain (`| upper | trim`).
    const filters: string[] = [];
    let m = j;
    while (tokens[m]?.t === 'punct' && tokens[m].v === '|' && tokens[m + 1]?.t === 'id') {
      filters.push(tokens[m + 1].v);
      m += 2;
      if (tokens[m]?.v === '(') {
        let depth = 0;
        for (; m < tokens.length; m++) {
          if (tokens[m].v === '(') depth++;
          else if (tokens[m].v === ')' && --depth === 0) {
            m++;
            break;
          }
        }
      }
    }
    const after = tokens[m];
    const before = prev;
    const tested = (after && (COMPARISON.has(after.v) || after.v === '?')) || (before && COMPARISON.has(before.v) && before.v !== 'in');
    refs.push({
      root: tok.v,
      path: segs.join('.'),
      span: { start: tok.start, end: endOff },
      flowsToOutput: !tested,
      functions: stack.filter((s) => s.fn).map((s) => s.fn!),
      filters,
    });
    k = j - 1;
  }
  return { refs, calls };
}

/** Finds every `{{ }}`, `{% %}` and `{# #}` between `from` and `to`. `{% raw %}` blocks are skipped. */
export function findPebble(text: string, from = 0, to = text.length): PebbleTag[] {
  const out: PebbleTag[] = [];
  let i = from;
  let raw = false;
  while (i < to) {
    const open = text.indexOf('{', i);
    if (open === -1 || open + 1 >= to) break;
    const second = text[open + 1];
    if (second !== '{' && second !== '%' && second !== '#') {
      i = open + 1;
      continue;
    }
    const closer = second === '{' ? '}}' : second === '%' ? '%}' : '#}';
    // Quotes inside the expression are respected so `'}}'` in a string does not end it.
    let j = open + 2;
    let quote = '';
    let close = -1;
    while (j < to) {
      const c = text[j];
      if (quote) {
        if (c === '\\') j++;
        else if (c === quote) quote = '';
      } else if ((c === "'" || c === '"') && second !== '#') quote = c;
      else if (text.startsWith(closer, j)) {
        close = j;
        break;
      }
      j++;
    }
    const kind = second === '{' ? 'output' : second === '%' ? 'tag' : 'comment';
    if (close === -1) {
      if (!raw) out.push({ kind, span: { start: open, end: to }, inner: { start: open + 2, end: to }, source: text.slice(open + 2, to), refs: [], calls: [], error: `The ${kind === 'output' ? 'expression' : kind} is not closed: missing "${closer}"` });
      break;
    }
    const inner = { start: open + 2 + (text[open + 2] === '-' ? 1 : 0), end: close - (text[close - 1] === '-' ? 1 : 0) };
    const source = text.slice(inner.start, inner.end);
    const tokens = tokenize(text, inner.start, inner.end);
    const tag: PebbleTag = { kind, span: { start: open, end: close + 2 }, inner, source, refs: [], calls: [] };
    if (kind === 'tag') {
      tag.tagName = tokens[0]?.v;
      if (tag.tagName === 'raw' || tag.tagName === 'verbatim') raw = true;
      else if (tag.tagName === 'endraw' || tag.tagName === 'endverbatim') raw = false;
    }
    if (raw && !(kind === 'tag' && (tag.tagName === 'raw' || tag.tagName === 'verbatim'))) {
      i = close + 2;
      continue;
    }
    if (kind !== 'comment') {
      let body = tokens;
      if (kind === 'tag') {
        body = tokens.slice(1);
        if ((tag.tagName === 'for' || tag.tagName === 'set') && body[0]?.t === 'id') {
          tag.binds = body[0].v;
          // `for k, v in x`: both names are bound; skip to the iterable / assigned value.
          const cut = body.findIndex((t) => t.v === 'in' || t.v === '=');
          body = cut >= 0 ? body.slice(cut + 1) : body.slice(1);
        }
      }
      const { refs, calls } = analyse(body);
      tag.refs = refs;
      tag.calls = calls;
      if (kind === 'tag') for (const r of tag.refs) r.flowsToOutput = false;
      if (kind === 'output' && source.trim() === '') tag.error = 'Empty expression';
    }
    out.push(tag);
    i = close + 2;
  }
  return out;
}

/** True when the text contains Pebble syntax (cheap test before a scan). */
export function hasPebble(text: string): boolean {
  return text.includes('{{') || text.includes('{%');
}

/** Names of Kestra's Pebble roots that carry data from outside the flow's author. */
export const PEBBLE_ROOTS = ['inputs', 'trigger', 'outputs', 'execution', 'vars', 'taskrun', 'parents', 'parent', 'labels', 'flow', 'task', 'envs', 'globals', 'workingDir', 'outputDir', 'secrets'] as const;
