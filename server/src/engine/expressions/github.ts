// `${{ }}` expressions: found in the source text of a scalar (so spans are exact, also inside block
// scalars) and parsed with GitHub's own parser (@actions/expressions) into context references.
import { Lexer, Parser, type Expr } from '@actions/expressions';
type Token = ReturnType<Lexer['lex']>['tokens'][number];
import type { Span } from '../types.js';

export interface ContextRef {
  /** Normalised path: `github.event.issue.title`, `*` for stars and dynamic indexes. */
  path: string;
  /** Exact source span of the access chain. */
  span: Span;
  /** True when the value itself can reach the expression's result (not only a boolean test on it). */
  flowsToResult: boolean;
  /** Names of the functions the reference is an argument of, innermost last. */
  functions: string[];
}

export interface Expression {
  /** The whole `${{ ... }}`. */
  span: Span;
  /** The text between the braces. */
  inner: Span;
  source: string;
  ast?: Expr;
  error?: string;
  contexts: ContextRef[];
}

const CONTEXTS = ['github', 'env', 'vars', 'job', 'jobs', 'steps', 'runner', 'secrets', 'strategy', 'matrix', 'needs', 'inputs'];
const FUNCTIONS = [
  { name: 'hashFiles', minArgs: 1, maxArgs: 255 },
  { name: 'success', minArgs: 0, maxArgs: 0 },
  { name: 'always', minArgs: 0, maxArgs: 0 },
  { name: 'cancelled', minArgs: 0, maxArgs: 0 },
  { name: 'failure', minArgs: 0, maxArgs: 255 },
  { name: 'case', minArgs: 3, maxArgs: 255 },
];
/**
 * A parser for `tokens`. The constructor builds lookup maps of the contexts and functions, which cost
 * more than parsing a short expression: they are built once, and each parse gets its own state (the
 * parser's only mutable fields are `tokens`, `offset` and `depth`) over that shared instance.
 */
const PARSER = new Parser([], CONTEXTS, FUNCTIONS);
function parserFor(tokens: Token[]): Parser {
  const parser = Object.create(PARSER) as Parser;
  Object.assign(parser, { tokens, offset: 0, depth: 0 });
  return parser;
}

/** Functions whose result is a boolean or a hash: their arguments never reach the output text. */
const OPAQUE_FUNCTIONS = new Set(['contains', 'startswith', 'endswith', 'hashfiles', 'success', 'always', 'cancelled', 'failure']);

/**
 * Offset after the `}}` closing the `${{` at `i`, or -1 when it is not closed before `to`. Quotes inside
 * the expression are respected, so `'}}'` in a string literal does not end it.
 */
function closingBraces(text: string, i: number, to: number): number {
  let j = i + 3;
  let inString = false;
  while (j < to) {
    const c = text.charCodeAt(j);
    if (inString) {
      if (c === 39 /* ' */) {
        if (text.charCodeAt(j + 1) === 39) j++;
        else inString = false;
      }
    } else if (c === 39) {
      inString = true;
    } else if (c === 125 /* } */ && text.charCodeAt(j + 1) === 125) {
      return j + 2;
    }
    j++;
  }
  return -1;
}

function unclosed(text: string, i: number, to: number): Expression {
  return { span: { start: i, end: to }, inner: { start: i + 3, end: to }, source: text.slice(i + 3, to), error: 'The expression is not closed: missing "}}"', contexts: [] };
}

/**
 * Finds every `${{ ... }}` in `text` between `from` and `to` (offsets into the document). Quotes inside
 * the expression are respected, so `'}}'` in a string literal does not end it.
 */
export function findExpressions(text: string, from = 0, to = text.length): Expression[] {
  const out: Expression[] = [];
  let i = text.indexOf('${{', from);
  while (i !== -1 && i < to) {
    const end = closingBraces(text, i, to);
    if (end === -1) {
      out.push(unclosed(text, i, to));
      break;
    }
    out.push(parseExpression(text, i, end));
    i = text.indexOf('${{', end);
  }
  return out;
}

/** The spans `findExpressions` would return, without parsing them (for masking). */
export function expressionSpans(text: string, from = 0, to = text.length): Span[] {
  const out: Span[] = [];
  let i = text.indexOf('${{', from);
  while (i !== -1 && i < to) {
    const end = closingBraces(text, i, to);
    if (end === -1) {
      out.push({ start: i, end: to });
      break;
    }
    out.push({ start: i, end });
    i = text.indexOf('${{', end);
  }
  return out;
}

/** Parses a bare expression (as written in `if:` without braces). */
export function parseBareExpression(text: string, start: number, end: number): Expression {
  return analyse(text, { start, end }, { start, end });
}

function parseExpression(text: string, start: number, end: number): Expression {
  return analyse(text, { start, end }, { start: start + 3, end: end - 2 });
}

/**
 * An expression of the document text whose parse waits for the first read of `ast`, `error` or
 * `contexts`: most `${{ }}` of a workflow are only looked at as text (spans, a word in the source) by the
 * rules that see them, and parsing is the expensive part.
 */
class LazyExpression implements Expression {
  readonly source: string;
  #parsed: Expression | undefined;

  constructor(
    text: string,
    readonly span: Span,
    readonly inner: Span,
  ) {
    this.source = text.slice(inner.start, inner.end);
  }

  #parse(): Expression {
    return (this.#parsed ??= analyseSource(this.source, this.span, this.inner));
  }

  get ast(): Expr | undefined {
    return this.#parse().ast;
  }

  get error(): string | undefined {
    return this.#parse().error;
  }

  get contexts(): ContextRef[] {
    return this.#parse().contexts;
  }
}

// Expressions of the last document text, by offset: the same `${{ }}` is read by several rules (the
// document-wide list, conditions, scripts, values traced through env and outputs) and parsed once.
let parsedText: string | undefined;
let parsed = new Map<number, Expression>();
/** Offset of every `${{` in parsedText, ascending: ranges are searched without scanning past their end. */
let starts: number[] = [];

/**
 * Drops the last document's expressions (lint() calls it when it returns): the cache serves the rules of one lint,
 * and would otherwise keep a closed document's text and expressions alive in a long-running server.
 */
export function releaseExpressionCache(): void {
  parsedText = undefined;
  parsed = new Map();
  starts = [];
}

/** Characters of the text whose expressions are cached now (0 after releaseExpressionCache). */
export function cachedExpressionTextLength(): number {
  return parsedText?.length ?? 0;
}

function forText(text: string): void {
  if (text === parsedText) return;
  parsedText = text;
  parsed = new Map();
  starts = [];
  for (let i = text.indexOf('${{'); i !== -1; i = text.indexOf('${{', i + 1)) starts.push(i);
}

/** Index in `starts` of the first offset at or after `from`. */
function firstStart(from: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Offset of the first `${{` of a document's text in [from, to), or -1 (a binary search, not a scan). */
export function firstExpressionAt(text: string, from: number, to: number): number {
  forText(text);
  const at = starts[firstStart(from)];
  return at !== undefined && at < to ? at : -1;
}

function cached(text: string, start: number, end: number, bare: boolean): Expression {
  forText(text);
  const key = start * 2 + (bare ? 1 : 0);
  const hit = parsed.get(key);
  if (hit && hit.span.end === end) return hit;
  const expr = new LazyExpression(text, { start, end }, bare ? { start, end } : { start: start + 3, end: end - 2 });
  parsed.set(key, expr);
  return expr;
}

/**
 * `findExpressions` over a document's text, each expression parsed once per text (when first read) and
 * shared between callers, who must not mutate them.
 */
export function expressionsIn(text: string, from = 0, to = text.length): Expression[] {
  forText(text);
  const out: Expression[] = [];
  let next = from;
  for (let k = firstStart(from); k < starts.length && starts[k] < to; k++) {
    const i = starts[k];
    if (i < next) continue; // inside the previous expression
    const end = closingBraces(text, i, to);
    if (end === -1) {
      out.push(unclosed(text, i, to));
      break;
    }
    out.push(cached(text, i, end, false));
    next = end;
  }
  return out;
}

/** A context reference without its place (for text that is not the document's). */
export type ContextUse = Omit<ContextRef, 'span'>;

/**
 * The context references of every `${{ }}` in `text` (any text: a script value, a slice of one), in order,
 * without spans (each closed expression parsed on its own).
 */
export function contextUsesIn(text: string): ContextUse[] {
  const out: ContextUse[] = [];
  for (let start = text.indexOf('${{'); start !== -1; ) {
    const end = closingBraces(text, start, text.length);
    if (end === -1) break; // not closed: no references (and nothing after it)
    out.push(...parseExpression(text, start, end).contexts);
    start = text.indexOf('${{', end);
  }
  return out;
}

/** `parseBareExpression` over a document's text, parsed once per text and shared (not to be mutated). */
export function parseBareExpressionIn(text: string, start: number, end: number): Expression {
  return cached(text, start, end, true);
}

function analyse(text: string, span: Span, inner: Span): Expression {
  return analyseSource(text.slice(inner.start, inner.end), span, inner);
}

function analyseSource(source: string, span: Span, inner: Span): Expression {
  const expr: Expression = { span, inner, source, contexts: [] };
  if (source.trim() === '') {
    expr.error = 'Empty expression';
    return expr;
  }
  try {
    const lexed = new Lexer(source).lex();
    expr.ast = parserFor(lexed.tokens).parse();
  } catch (e) {
    expr.error = e instanceof Error ? e.message : String(e);
    return expr;
  }
  // The parser reports line/column inside the source; most expressions are one line.
  let lineStarts: number[] | undefined;
  if (source.includes('\n')) {
    lineStarts = [0];
    for (let k = 0; k < source.length; k++) if (source.charCodeAt(k) === 10) lineStarts.push(k + 1);
  }
  const toOffset = (pos: { line: number; column: number }) => inner.start + (lineStarts ? (lineStarts[pos.line] ?? 0) : 0) + pos.column;
  collectContexts(expr.ast, expr.contexts, toOffset);
  return expr;
}

// The AST classes are not exported by the package (only `Expr`), so nodes are told apart by shape.
type Node = Record<string, unknown>;
const isContextAccess = (e: Node): e is { name: Token } & Node => 'name' in e && !('args' in e);
const isIndexAccess = (e: Node): e is { expr: Expr; index: Expr } & Node => 'index' in e && 'expr' in e;
const isLiteral = (e: Node): e is { literal: unknown; token: Token } & Node => 'literal' in e && 'token' in e;
const isStar = (e: Node) => Object.keys(e).length === 0;
const isFunctionCall = (e: Node): e is { functionName: Token; args: Expr[] } & Node => 'functionName' in e;
const isLogical = (e: Node): e is { args: Expr[] } & Node => 'args' in e && 'operator' in e;
const isBinary = (e: Node): e is { left: Expr; right: Expr } & Node => 'left' in e && 'right' in e;
const isUnary = (e: Node): e is { expr: Expr } & Node => 'operator' in e && 'expr' in e;
const isGrouping = (e: Node): e is { group: Expr } & Node => 'group' in e;

interface Access {
  path: string[];
  first?: Token;
  last?: Token;
}

function accessChain(expr: Expr): Access | undefined {
  const e = expr as unknown as Node;
  if (isContextAccess(e)) return { path: [e.name.lexeme], first: e.name, last: e.name };
  if (isIndexAccess(e)) {
    const base = accessChain(e.expr);
    if (!base) return undefined;
    let seg = '*';
    let last = base.last;
    const index = e.index as unknown as Node;
    if (isLiteral(index)) {
      const raw = (index.literal as { value?: unknown }).value;
      seg = typeof raw === 'string' ? raw : '*';
      last = index.token;
      // `['x']`: the closing bracket follows the literal token.
      if (index.token.lexeme.startsWith("'")) last = { ...index.token, range: { start: index.token.range.start, end: { ...index.token.range.end, column: index.token.range.end.column + 1 } } };
    }
    return { path: [...base.path, seg], first: base.first, last };
  }
  return undefined;
}

function collectContexts(
  root: Expr,
  out: ContextRef[],
  toOffset: (p: { line: number; column: number }) => number,
): void {
  const rec = (expr: Expr, flows: boolean, fns: string[]) => {
    const e = expr as unknown as Node;
    const chain = accessChain(expr);
    if (chain && chain.first && chain.last) {
      out.push({
        path: chain.path.join('.'),
        span: { start: toOffset(chain.first.range.start), end: toOffset(chain.last.range.end) },
        flowsToResult: flows,
        functions: fns,
      });
      // Dynamic indexes (`github.event[inputs.x]`) are references too, but never reach the output.
      let cur: Node = e;
      while (isIndexAccess(cur)) {
        const index = cur.index as unknown as Node;
        if (!isLiteral(index) && !isStar(index)) rec(cur.index, false, fns);
        cur = cur.expr as unknown as Node;
      }
      return;
    }
    if (isIndexAccess(e)) {
      rec(e.expr, flows, fns);
      if (!isStar(e.index as unknown as Node)) rec(e.index, false, fns);
    } else if (isFunctionCall(e)) {
      const name = e.functionName.lexeme;
      const opaque = OPAQUE_FUNCTIONS.has(name.toLowerCase());
      for (const a of e.args) rec(a, flows && !opaque, [...fns, name]);
    } else if (isLogical(e)) {
      // `a && b || c` yields one of its operands: all can reach the result.
      for (const a of e.args) rec(a, flows, fns);
    } else if (isBinary(e)) {
      rec(e.left, false, fns);
      rec(e.right, false, fns);
    } else if (isUnary(e)) {
      rec(e.expr, false, fns);
    } else if (isGrouping(e)) {
      rec(e.group, flows, fns);
    }
  };
  rec(root, true, []);
}

/** A uniform view of the parser's AST nodes (its classes are not exported, so nodes are told apart by shape). */
export type ExprNode =
  | { kind: 'context'; name: string; token: Token }
  | { kind: 'index'; expr: Expr; index: Expr }
  | { kind: 'literal'; value: unknown; token: Token }
  | { kind: 'star' }
  | { kind: 'call'; name: string; args: Expr[]; token: Token }
  | { kind: 'logical'; operator: string; args: Expr[] }
  | { kind: 'binary'; operator: string; left: Expr; right: Expr }
  | { kind: 'unary'; operator: string; expr: Expr }
  | { kind: 'group'; expr: Expr };

export function exprNode(expr: Expr): ExprNode {
  const e = expr as unknown as Node;
  if (isFunctionCall(e)) return { kind: 'call', name: e.functionName.lexeme, args: e.args, token: e.functionName };
  if (isIndexAccess(e)) return { kind: 'index', expr: e.expr, index: e.index };
  if (isLiteral(e)) return { kind: 'literal', value: (e.literal as { value?: unknown }).value, token: e.token };
  if (isContextAccess(e)) return { kind: 'context', name: e.name.lexeme, token: e.name };
  if (isLogical(e)) return { kind: 'logical', operator: (e.operator as Token).lexeme, args: e.args };
  if (isBinary(e)) return { kind: 'binary', operator: ((e as Node).operator as Token).lexeme, left: e.left, right: e.right };
  if (isUnary(e)) return { kind: 'unary', operator: ((e as Node).operator as Token).lexeme, expr: e.expr };
  if (isGrouping(e)) return { kind: 'group', expr: e.group };
  return { kind: 'star' };
}

/** Pre-order walk over an expression AST; return false from `visit` to skip a node's children. */
export function walkExpr(expr: Expr, visit: (node: ExprNode, expr: Expr) => boolean | void): void {
  const n = exprNode(expr);
  if (visit(n, expr) === false) return;
  switch (n.kind) {
    case 'index':
      walkExpr(n.expr, visit);
      walkExpr(n.index, visit);
      break;
    case 'call':
    case 'logical':
      n.args.forEach((a) => walkExpr(a, visit));
      break;
    case 'binary':
      walkExpr(n.left, visit);
      walkExpr(n.right, visit);
      break;
    case 'unary':
    case 'group':
      walkExpr(n.expr, visit);
      break;
  }
}

/** The dotted path of a pure context access chain (`secrets.X`, `github.event.issue.title`), else undefined. */
export function contextPath(expr: Expr): string | undefined {
  return accessChain(expr)?.path.join('.');
}
