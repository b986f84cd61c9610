import { isMap, isScalar, type Node, type Pair } from 'yaml';
import { expressionsIn, findExpressions, type Expression } from '../../expressions/github.js';
import { actionSinks, type SinkLanguage } from '../../github/actions.js';
import { capabilityRank, envDefinition, envNameFor, gradeContext, isReservedEnvName, type Capability, type Grade, type Scope } from '../../github/contexts.js';
import { shown } from '../../github/persona.js';
import { scriptText, valueOffset, type ScriptText } from '../../github/script.js';
import { Ctx, jsContexts, parseBash, pwshContexts, stepShell } from '../../github/shell.js';
import { stepsOf, type ActionMetadata, type Job, type Step, type Workflow } from '../../model/github.js';
import type { Confidence, Fix, Persona, Severity, TextEdit } from '../../types.js';
import { getPair, keyString, pairs, resolve } from '../../yaml/nodes.js';
import { defineRule, type RuleContext } from '../rule.js';

type Language = SinkLanguage | 'sh' | 'cmd';

interface Sink {
  node: Node;
  language: Language;
  /** `run:` or `with.<input>` of an action. */
  label: string;
  /** Only `run:` and github-script get the env-var fix. */
  fixable: boolean;
}

interface Hit {
  expr: Expression;
  grade: Grade;
  /** Replacement for the expression in the script (undefined: no fix for this one). */
  replacement?: { edit: TextEdit; safe: boolean; name: string; needsEnv: boolean };
}

const LEVEL: Partial<Record<Capability, { severity: Severity; confidence: Confidence; persona: Persona }>> = {
  arbitrary: { severity: 'high', confidence: 'high', persona: 'regular' },
  caller: { severity: 'medium', confidence: 'low', persona: 'pedantic' },
  writer: { severity: 'low', confidence: 'medium', persona: 'pedantic' },
  unknown: { severity: 'low', confidence: 'low', persona: 'auditor' },
  structured: { severity: 'info', confidence: 'low', persona: 'auditor' },
};

const WHO: Record<Capability, string> = {
  arbitrary: 'anyone who can open an issue, a pull request or a comment controls it',
  caller: 'its value comes from the caller of this workflow or action',
  writer: 'only people with write access choose it, but it is still text spliced into code',
  unknown: 'where its value comes from cannot be seen in this file',
  structured: 'an outsider influences it, in a constrained format',
  fixed: '',
};

export default defineRule<Workflow | ActionMetadata>({
  meta: {
    id: 'template-injection',
    platform: 'github',
    kinds: ['github-workflow', 'github-action'],
    title: 'Untrusted ${{ }} expression expanded into a script',
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
    fixable: 'safe',
    equivalents: { zizmor: ['template-injection'], actionlint: ['expression'], poutine: ['injection'] },
  },
  check(ctx) {
    const model = ctx.model;
    const workflow = 'jobs' in model ? model : undefined;
    const action = 'jobs' in model ? undefined : model;
    const steps = stepsOf(model);
    for (const step of steps) {
      const scope: Scope = { doc: ctx.doc, text: ctx.text, workflow, action, job: step.job, step, steps: step.job ? step.job.steps : action!.steps };
      for (const sink of sinksOf(step, workflow, ctx)) checkSink(ctx, step, sink, scope);
    }
  },
});

function sinksOf(step: Step, workflow: Workflow | undefined, ctx: RuleContext<Workflow | ActionMetadata>): Sink[] {
  if (step.run) {
    const shell = stepShell(step, workflow, ctx.doc);
    const language: Language = shell.kind === 'bash' ? 'bash' : shell.kind === 'sh' ? 'sh' : shell.kind === 'pwsh' || shell.kind === 'powershell' ? 'pwsh' : shell.kind === 'cmd' ? 'cmd' : shell.kind === 'python' ? 'python' : 'other';
    return [{ node: step.run.node, language, label: 'run:', fixable: true }];
  }
  const known = actionSinks(step.uses?.ref.slug);
  if (!known) return [];
  const out: Sink[] = [];
  for (const p of pairs(step.with, ctx.doc)) {
    const k = keyString(p, ctx.doc)?.toLowerCase();
    const node = resolve(p.value, ctx.doc);
    if (!k || !known.inputs.includes(k) || !node || !isScalar(node)) continue;
    out.push({ node, language: known.language, label: `'${keyString(p, ctx.doc)}' of ${known.action}`, fixable: known.language === 'javascript' && known.action === 'actions/github-script' });
  }
  return out;
}

const MAY_BE_ARBITRARY = /github|env|matrix|steps|needs/i;

function checkSink(ctx: RuleContext<Workflow | ActionMetadata>, step: Step, sink: Sink, scope: Scope) {
  const script = scriptText(sink.node, ctx.text);
  if (!script) return;
  const all = expressionsIn(ctx.text, script.start, script.end);
  if (!all.length) return;
  // A regular audit only shows values anyone can choose, which come from github.*, or are traced through
  // env, matrix, steps or needs: when no expression names one of these, nothing here would be seen.
  if (!shown(ctx.settings, 'pedantic') && !all.some((e) => MAY_BE_ARBITRARY.test(e.source))) return;
  const exprs = all.filter((e) => !e.error);
  if (!exprs.length) return;
  const hits: Hit[] = [];
  for (const expr of exprs) {
    let worst: Grade | undefined;
    for (const c of expr.contexts) {
      if (!c.flowsToResult) continue;
      const g = gradeContext(c, scope);
      if (!worst || capabilityRank(g.capability) > capabilityRank(worst.capability)) worst = g;
    }
    if (!worst || !LEVEL[worst.capability]) continue;
    // Pull request text in a job or step that only runs for a bot's own pull requests (Dependabot,
    // Renovate): the bot, not an outsider, chose it.
    if (worst.capability === 'arbitrary' && /^github\.(event\.pull_request\.|head_ref)/.test(worst.path) && botAuthored(step, scope.workflow)) worst = { ...worst, capability: 'writer' };
    hits.push({ expr, grade: worst });
  }
  // Findings above the caller's persona are dropped by lint(): when none is left, neither fixes nor messages are needed.
  if (!hits.some((h) => shown(ctx.settings, LEVEL[h.grade.capability]!.persona))) return;
  if (sink.fixable) planReplacements(ctx, step, sink, script, exprs, hits, scope);
  const safeFix = buildFix(ctx, step, hits.filter((h) => h.replacement?.safe), true);
  const allFix = buildFix(ctx, step, hits.filter((h) => h.replacement), false);
  for (const h of hits) {
    const level = LEVEL[h.grade.capability]!;
    if (!shown(ctx.settings, level.persona)) continue;
    const ctxText = h.grade.path;
    const traced = h.grade.via?.length ? ` (traced through ${h.grade.via.map((v) => v.what).join(' -> ')})` : '';
    // The widest fix first: fix-all of safe fixes skips it when it is unsafe and takes the safe one.
    const fixes: Fix[] = [];
    if (h.replacement && allFix && (!safeFix || allFix.edits.length !== safeFix.edits.length)) fixes.push(allFix);
    if (h.replacement?.safe && safeFix) fixes.push(safeFix);
    ctx.report({
      span: h.expr.span,
      severity: level.severity,
      confidence: level.confidence,
      persona: level.persona,
      message: `'${ctxText}' is expanded into the ${sink.label === 'run:' ? `${sink.language} script` : sink.label} before it runs: ${WHO[h.grade.capability]}${traced}. Pass it through an environment variable instead`,
      related: h.grade.via?.map((v) => ({ span: v.span, message: `value comes from ${v.what}` })),
      fixes,
    });
  }
}

/**
 * An `if:` that requires the pull request's author to be a bot (no `||` around it), on the step, its
 * job, or a job it needs: a skipped dependency skips the job unless its own `if:` overrides that.
 */
function botAuthored(step: Step, workflow: Workflow | undefined): boolean {
  const requiresBot = (c: string | undefined) => !!c && !c.includes('||') && /pull_request\.user\.login\s*==\s*'[^']*\[bot\]'/.test(c);
  if (requiresBot(step.if?.value)) return true;
  const seen = new Set<string>();
  const jobGuarded = (job: Job | undefined, depth: number): boolean => {
    if (!job || depth > 8 || seen.has(job.id)) return false;
    seen.add(job.id);
    if (requiresBot(job.if?.value)) return true;
    if (/\b(always|failure|cancelled)\s*\(/.test(job.if?.value ?? '')) return false;
    return job.needs.some((id) => jobGuarded(workflow?.jobs.find((j) => j.id === id), depth + 1));
  };
  return jobGuarded(step.job, 0);
}

// ---------------------------------------------------------------------------------------------
// The fix: `env:` indirection

const IDENT = /[A-Za-z0-9_]/;

function planReplacements(ctx: RuleContext<Workflow | ActionMetadata>, step: Step, sink: Sink, script: ScriptText, all: Expression[], hits: Hit[], scope: Scope) {
  // Locate every expression in the value; mask them so their braces and quotes do not confuse the lexers.
  const positions = valuePositions(script, all);
  if (!positions) return;
  const chars = script.value.split('');
  for (const p of positions) for (let k = p.start; k < p.end; k++) if (chars[k] !== '\n') chars[k] = 'x';
  const masked = chars.join('');
  const indexOf = new Map(all.map((e, i) => [e, i]));
  const lang = sink.language;
  const contexts = lang === 'bash' || lang === 'sh' ? parseBash(masked).ctx : lang === 'pwsh' ? pwshContexts(masked) : lang === 'javascript' ? jsContexts(masked) : undefined;
  const used = new Map<string, string>(); // name -> expression source, for this step's new variables
  for (const h of hits) {
    const pos = positions[indexOf.get(h.expr)!];
    const source = ctx.text.slice(h.expr.span.start, h.expr.span.end);
    if (!pos || source.includes('\n')) continue;
    const named = chooseName(h, source, scope, used, script.value);
    if (!named) continue;
    const c: Ctx = contexts ? (contexts[pos.start] as Ctx) : Ctx.Code;
    const before = masked[pos.start - 1] ?? '';
    const after = masked[pos.end] ?? '';
    const lineBefore = masked.slice(masked.lastIndexOf('\n', pos.start - 1) + 1, pos.start);
    const r = referenceFor(lang, c, named.name, before, after, lineBefore);
    if (!r) continue;
    let start = h.expr.span.start;
    let end = h.expr.span.end;
    if (r.widen) {
      // Replace the whole string literal, quotes included.
      start = script.map[pos.start - 1];
      end = script.map[pos.end] + 1;
    }
    const text = escapeForScalar(r.text, script, start === script.start);
    if (text === undefined) continue;
    h.replacement = { edit: { start, end, newText: text }, safe: r.safe, name: named.name, needsEnv: named.needsEnv };
  }
}

/** Value offsets of each expression: through the source map, or by order when the map is inexact. */
function valuePositions(script: ScriptText, all: Expression[]): { start: number; end: number }[] | undefined {
  if (script.exact) return all.map((e) => ({ start: valueOffset(script, e.span.start), end: valueOffset(script, e.span.end - 1) + 1 }));
  const inValue = findExpressions(script.value);
  if (inValue.length !== all.length) return undefined;
  return inValue.map((e) => e.span);
}

function chooseName(h: Hit, source: string, scope: Scope, used: Map<string, string>, scriptValue: string): { name: string; needsEnv: boolean } | undefined {
  const normal = (s: string) => s.replace(/\s+/g, '');
  // `${{ env.X }}`: X is already in the process environment.
  const envOnly = /^\$\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/.exec(source);
  if (envOnly) {
    // Unless the script assigns X itself: then `$X` may no longer be the value the expression had.
    const assigned = assignsVariable(scriptValue, envOnly[1]);
    return assigned ? undefined : { name: envOnly[1], needsEnv: false };
  }
  // An existing variable (step, job or workflow env) holding exactly this expression.
  for (const holder of [scope.step?.env, scope.job?.env, scope.workflow?.env]) {
    for (const p of pairs(holder, scope.doc)) {
      const v = resolve(p.value, scope.doc);
      const k = keyString(p, scope.doc);
      if (k && isScalar(v) && typeof v.value === 'string' && normal(v.value) === normal(source) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) {
        // Shadowed by a closer definition with another value? Then it is not this one.
        if (envDefinition(k, scope) === p) return { name: k, needsEnv: false };
      }
    }
  }
  const base = envNameFor(h.grade.via?.length ? h.expr.contexts.find((c) => c.flowsToResult)?.path ?? h.grade.path : h.grade.path);
  for (let n = 1; n < 50; n++) {
    const name = n === 1 ? base : `${base}_${n}`;
    if (isReservedEnvName(name)) continue;
    const taken = used.get(name);
    if (taken !== undefined) {
      if (normal(taken) === normal(source)) return { name, needsEnv: true };
      continue;
    }
    if (envDefinition(name, scope)) continue;
    // A name the script already uses (assigns, reads, exports) would change what it does.
    if (containsWord(scriptValue, name)) continue;
    used.set(name, source);
    return { name, needsEnv: true };
  }
  return undefined;
}

/** A word of the script (split at blanks, `;`, `&`, `|`, `(`) that starts with `NAME=` or `NAME+=`. */
function assignsVariable(script: string, name: string): boolean {
  for (let at = script.indexOf(name); at >= 0; at = script.indexOf(name, at + 1)) {
    if (at > 0 && !WORD_SEPARATOR.test(script[at - 1])) continue;
    const rest = at + name.length;
    if (script[rest] === '=' || (script[rest] === '+' && script[rest + 1] === '=')) return true;
  }
  return false;
}
const WORD_SEPARATOR = /[\s;&|(]/;

/** `name` (letters, digits, `_`) in the script with no identifier character on either side. */
function containsWord(script: string, name: string): boolean {
  for (let at = script.indexOf(name); at >= 0; at = script.indexOf(name, at + 1)) {
    if ((at === 0 || !IDENT.test(script[at - 1])) && (at + name.length === script.length || !IDENT.test(script[at + name.length]))) return true;
  }
  return false;
}

interface Reference {
  text: string;
  safe: boolean;
  /** Replace the surrounding string literal's quotes too. */
  widen?: boolean;
}

function referenceFor(lang: Language, c: Ctx, name: string, before: string, after: string, lineBefore: string): Reference | undefined {
  switch (lang) {
    case 'bash':
    case 'sh': {
      const bare = IDENT.test(after) ? `\${${name}}` : `$${name}`;
      if (c === Ctx.Double || c === Ctx.Heredoc) return { text: bare, safe: true };
      if (c === Ctx.Comment) return { text: bare, safe: true };
      if (c === Ctx.Single) return before === "'" && after === "'" ? { text: `"$${name}"`, safe: true, widen: true } : { text: `'"$${name}"'`, safe: true };
      if (c === Ctx.AnsiC) return { text: `'"$${name}"$'`, safe: false };
      if (c === Ctx.QuotedHeredoc) return undefined;
      // Unquoted: the value was word-split and globbed; quoting keeps it one word. Behaviour only stays
      // the same where no splitting happens (the right side of an assignment).
      const lastWord = lineBefore.split(/[\s;&|(]/).pop() ?? '';
      const assignment = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=$/.test(lastWord);
      return { text: `"$${name}"`, safe: assignment };
    }
    case 'pwsh': {
      const ref = IDENT.test(after) || after === ':' ? `\${env:${name}}` : `$env:${name}`;
      if (c === Ctx.Double || c === Ctx.Heredoc || c === Ctx.Comment) return { text: ref, safe: true };
      if (c === Ctx.Code) return { text: ref, safe: false };
      return undefined;
    }
    case 'cmd':
      // cmd re-parses %VAR% after expansion: this moves the value out of the YAML, not out of the parser.
      return { text: `%${name}%`, safe: false };
    case 'javascript': {
      const ref = `process.env.${name}`;
      if (c === Ctx.Template) return { text: `\${${ref}}`, safe: true };
      if (c === Ctx.Comment) return { text: ref, safe: true };
      if (c === Ctx.Single || c === Ctx.Double) {
        const q = c === Ctx.Single ? "'" : '"';
        if (before === q && after === q) return { text: ref, safe: true, widen: true };
        return { text: `${q} + ${ref} + ${q}`, safe: true };
      }
      return { text: ref, safe: false };
    }
    default:
      return undefined;
  }
}

/** The replacement as it must be written inside the YAML scalar (escaping for quoted styles). */
function escapeForScalar(text: string, script: ScriptText, atScalarStart: boolean): string | undefined {
  switch (script.style) {
    case 'literal':
    case 'folded':
      return text;
    case 'double':
      return text.replace(/[\\"]/g, (m) => '\\' + m);
    case 'single':
      return text.replace(/'/g, "''");
    case 'plain':
      // A plain scalar that started with the expression must not start with a quote or `%` afterwards.
      if (atScalarStart && /^['"%]/.test(text)) return undefined;
      if (/: | #/.test(text)) return undefined;
      return text;
  }
}

function buildFix(ctx: RuleContext<Workflow | ActionMetadata>, step: Step, hits: Hit[], safe: boolean): Fix | undefined {
  if (!hits.length) return undefined;
  const edits: TextEdit[] = hits.map((h) => h.replacement!.edit);
  const entries = new Map<string, string>();
  for (const h of hits) if (h.replacement!.needsEnv) entries.set(h.replacement!.name, ctx.text.slice(h.expr.span.start, h.expr.span.end));
  if (entries.size) {
    const e = envEdit(ctx, step, [...entries]);
    if (!e) return undefined;
    edits.push(e);
  }
  const names = [...new Set(hits.map((h) => h.replacement!.name))];
  return {
    title: `Move ${hits.length === 1 ? 'the expression' : `${hits.length} expressions`} into env (${names.join(', ')}) and reference ${names.length === 1 ? 'it' : 'them'} from the script`,
    safe: safe && hits.every((h) => h.replacement!.safe),
    edits,
  };
}

/** Adds `NAME: ${{ ... }}` entries to the step's `env:` block (creating it when missing). */
function envEdit(ctx: RuleContext<Workflow | ActionMetadata>, step: Step, entries: [string, string][]): TextEdit | undefined {
  const text = ctx.text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const column = (offset: number) => offset - (text.lastIndexOf('\n', offset - 1) + 1);
  const line = (name: string, value: string, indent: number) => `${' '.repeat(indent)}${name}: ${yamlValue(value)}`;
  const envPair = getPair(step.node, 'env', ctx.doc);
  if (envPair) {
    const map = envPair.value;
    if (!isMap(map) || map.flow || !map.items.length) return undefined;
    const first = map.items[0] as Pair<Node, Node>;
    if (!first.key?.range) return undefined;
    const indent = column(first.key.range[0]);
    const at = endOfLastLine(map.items[map.items.length - 1] as Pair<Node, Node>, text);
    if (at === undefined) return undefined;
    return { start: at, end: at, newText: entries.map(([n, v]) => eol + line(n, v, indent)).join('') };
  }
  const items = step.node.items as Pair<Node, Node>[];
  if (!items.length || !items[0].key?.range || step.node.flow) return undefined;
  const indent = column(items[0].key.range[0]);
  const at = endOfLastLine(items[items.length - 1], text);
  if (at === undefined) return undefined;
  const unit = indentUnit(step, text, indent);
  return { start: at, end: at, newText: `${eol}${' '.repeat(indent)}env:` + entries.map(([n, v]) => eol + line(n, v, indent + unit)).join('') };
}

/** End of the last line a pair occupies (after any trailing comment), or undefined when unsafe to append. */
function endOfLastLine(pair: Pair<Node, Node>, text: string): number | undefined {
  const node = pair.value ?? pair.key;
  if (!node?.range) return undefined;
  if (isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')) {
    const header = text.slice(node.range[0], text.indexOf('\n', node.range[0]));
    if (header.includes('+')) return undefined; // kept trailing lines belong to the scalar
  }
  let q = node.range[1] - 1;
  while (q > node.range[0] && /\s/.test(text[q])) q--;
  const nl = text.indexOf('\n', q);
  let end = nl < 0 ? text.length : nl;
  if (text[end - 1] === '\r') end--;
  return end;
}

/** Indentation step of the file, read from a nested block mapping of the step (e.g. `with:`), default 2. */
function indentUnit(step: Step, text: string, indent: number): number {
  for (const p of step.node.items as Pair<Node, Node>[]) {
    const v = p.value;
    if (isMap(v) && !v.flow && v.items.length) {
      const k = (v.items[0] as Pair<Node, Node>).key;
      if (k?.range) {
        const col = k.range[0] - (text.lastIndexOf('\n', k.range[0] - 1) + 1);
        if (col > indent) return col - indent;
      }
    }
  }
  return 2;
}

function yamlValue(expr: string): string {
  if (/: | #|^[\s'"]|\s$/.test(expr)) return `'${expr.replace(/'/g, "''")}'`;
  return expr;
}
