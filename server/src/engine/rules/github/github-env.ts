import { contextUsesIn, expressionsIn, firstExpressionAt } from '../../expressions/github.js';
import { capabilityRank, envDefinition, gradeContext, gradeValue, type Capability, type Grade, type Scope } from '../../github/contexts.js';
import { maskedValue, scriptText, type ScriptText } from '../../github/script.js';
import { Ctx, bashOf, commandName, pipelineOf, pwshContexts, stepShell, type BashScript, type ShellCommand } from '../../github/shell.js';
import { stepsOf, type ActionMetadata, type Step, type Workflow } from '../../model/github.js';
import type { Confidence, Persona, Severity, Span } from '../../types.js';
import { keyString, pairs, resolve, spanOf } from '../../yaml/nodes.js';
import { defineRule, type RuleContext } from '../rule.js';

type Target = 'GITHUB_ENV' | 'GITHUB_PATH' | 'GITHUB_OUTPUT';

interface Source {
  capability: Capability;
  /** Can the value hold a newline (and so start a new `NAME=value` line)? */
  multiline: boolean;
  what: string;
}

interface Write {
  target: Target;
  /** Value offsets of the command that writes. */
  start: number;
  end: number;
  /** Value ranges of the data written; `opaque` ranges are commands whose output is not their text. */
  data: { start: number; end: number; opaque?: boolean }[];
  /** `NAME<<DELIM` with a delimiter an attacker cannot guess. */
  randomDelimiter: boolean;
}

/** Payload fields that can hold several lines. */
const MULTILINE_LEAF = /\.(body|body_text|body_html|message|description|diff_hunk|text|content|summary|comments?)$|^github\.event(\.[a-z_]+)?$|\.\*$|^(steps|needs)\./;

/** Commands whose output is their arguments. */
const PRINTS_ARGS = new Set(['echo', 'printf', 'cat']);

const TARGET_RE = /^\$\{?(GITHUB_ENV|GITHUB_PATH|GITHUB_OUTPUT)\}?$/;

export default defineRule<Workflow | ActionMetadata>({
  meta: {
    id: 'github-env',
    platform: 'github',
    kinds: ['github-workflow', 'github-action'],
    title: 'Untrusted data written to $GITHUB_ENV, $GITHUB_PATH or $GITHUB_OUTPUT',
    severity: 'high',
    confidence: 'medium',
    persona: 'regular',
    equivalents: { zizmor: ['github-env'], poutine: ['injection'] },
  },
  check(ctx) {
    const model = ctx.model;
    const workflow = 'jobs' in model ? model : undefined;
    const action = 'jobs' in model ? undefined : model;
    const steps = stepsOf(model);
    for (const step of steps) {
      if (!step.run) continue;
      const scope: Scope = { doc: ctx.doc, text: ctx.text, workflow, action, job: step.job, step, steps: step.job ? step.job.steps : action!.steps };
      const script = scriptText(step.run.node, ctx.text);
      if (!script) continue;
      const shell = stepShell(step, workflow, ctx.doc).kind;
      const artifacts = readsArtifacts(step, workflow, ctx);
      if (shell === 'bash' || shell === 'sh') checkBash(ctx, script, scope, artifacts);
      else if (shell === 'pwsh' || shell === 'powershell') checkPwsh(ctx, script, scope, artifacts);
    }
  },
});

/**
 * Contexts that can grade `writer` or worse: github.*, inputs, and what is traced (env, matrix, step and
 * job outputs). An expression naming none of them (secrets, vars, runner...) is fixed or unknown.
 */
const TRACEABLE = /github|inputs|env|matrix|steps|needs/i;

/**
 * Whether written data can be traced to an outsider at all: through a `${{ }}` in a script that names a
 * traceable context, the event payload, another run's artifacts, or a variable of the step's, job's or
 * workflow's env whose value has such an expression (looked up case-insensitively, as envDefinition does, by
 * a name that is part of the script). When none applies nothing can be reported and the script is not lexed.
 */
function mayTrace(value: string, scope: Scope, artifacts: boolean): boolean {
  if (artifacts || value.includes('GITHUB_EVENT_PATH')) return true;
  // The data read is the script minus `$(` `)` around echoed substitutions (withoutSubstitutions): a context
  // named there is spelt in the script once those are dropped.
  if (value.includes('${{') && TRACEABLE.test(value.includes('$(') ? value.replace(/\$\(|\)/g, '') : value)) return true;
  let lower: string | undefined;
  for (const holder of [scope.step?.env, scope.job?.env, scope.workflow?.env]) {
    if (!holder) continue;
    let names = tracedNames.get(holder);
    if (!names) {
      names = [];
      for (const p of pairs(holder, scope.doc)) {
        const span = spanOf(resolve(p.value, scope.doc));
        const key = keyString(p, scope.doc);
        if (key !== undefined && span && firstExpressionAt(scope.text, span.start, span.end) >= 0 && expressionsIn(scope.text, span.start, span.end).some((e) => TRACEABLE.test(e.source))) names.push(key.toLowerCase());
      }
      tracedNames.set(holder, names);
    }
    if (names.length && names.some((n) => (lower ??= value.toLowerCase()).includes(n))) return true;
  }
  return false;
}
/** Per env mapping: the lower-cased names whose value holds a `${{ }}`. */
const tracedNames = new WeakMap<object, string[]>();

/** In a workflow_run workflow, files from another run's artifacts are whatever that (PR) run produced. */
function readsArtifacts(step: Step, workflow: Workflow | undefined, ctx: RuleContext<Workflow | ActionMetadata>): boolean {
  if (!workflow || !workflow.triggers.some((t) => t.name === 'workflow_run') || !step.job) return false;
  const before = step.job.steps.slice(0, step.job.steps.indexOf(step));
  return before.some((s) => {
    const slug = s.uses?.ref.slug ?? '';
    if (slug === 'dawidd6/action-download-artifact') return true;
    if (slug === 'actions/download-artifact') return /run-id|github-token/.test(ctx.text.slice(s.span.start, s.span.end));
    return /gh run download|actions\/artifacts/.test(s.run?.value ?? '') || (slug === 'actions/github-script' && /downloadArtifact|listWorkflowRunArtifacts/.test(ctx.text.slice(s.span.start, s.span.end)));
  });
}

// ---------------------------------------------------------------------------------------------
// bash

function checkBash(ctx: RuleContext<Workflow | ActionMetadata>, script: ScriptText, scope: Scope, artifacts: boolean) {
  const value = script.value;
  if (!value.includes('GITHUB_') || !/GITHUB_(ENV|PATH|OUTPUT)/.test(value) || !mayTrace(value, scope, artifacts)) return;
  const parsed = bashOf(script, true);
  const locals = new Map<string, Source | null>();
  // Once a write opens `NAME<<$RANDOM_DELIM`, the following writes to that file are its body and end.
  const delimited = new Set<Target>();
  parsed.commands.forEach((cmd, index) => {
    recordAssignment(cmd, value, scope, locals, artifacts);
    // `[[ "$X" =~ ^[0-9]+$ ]] || exit 1`, `case $X in`: the script validates X before using it.
    const raw = value.slice(cmd.start, cmd.end);
    if (raw.includes('[[') || raw.startsWith('case')) for (const m of raw.matchAll(/\[\[\s*"?\$\{?([A-Za-z_]\w*)\}?"?\s*=~|^case\s+"?\$\{?([A-Za-z_]\w*)/g)) locals.set(m[1] ?? m[2], null);
    for (const w of bashWrites(parsed, index, value)) {
      if (delimited.has(w.target)) w.randomDelimiter = true;
      if (w.randomDelimiter) delimited.add(w.target);
      const source = worstSource(w.data.map((d) => ({ text: value.slice(d.start, d.end), opaque: d.opaque })), scope, locals, artifacts, 'bash');
      if (source && !w.randomDelimiter) report(ctx, script, w, source);
    }
  });
}

/** `NAME=value` (alone, or with export/local/declare/readonly): remembers where NAME's value comes from. */
function recordAssignment(cmd: ShellCommand, value: string, scope: Scope, locals: Map<string, Source | null>, artifacts: boolean) {
  const words = cmd.words;
  let i = 0;
  if (words[0] && /^(export|local|declare|readonly|typeset)$/.test(words[0].value)) i = 1;
  while (i < words.length && words[i].value.startsWith('-')) i++;
  for (; i < words.length; i++) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(words[i].raw);
    if (!m) break;
    const raw = value.slice(words[i].start + m[0].length, words[i].end);
    locals.set(m[1], worstSource([{ text: raw }], scope, locals, artifacts, 'bash') ?? null);
  }
}

/** Writes to the runner's files made by the command at `index`. */
function bashWrites(parsed: BashScript, index: number, value: string): Write[] {
  const cmd = parsed.commands[index];
  const out: Write[] = [];
  const name = commandName(cmd)?.name;
  for (const r of cmd.redirects) {
    if (!['>', '>>', '>|', '&>', '&>>'].includes(r.op) || !r.target) continue;
    const m = TARGET_RE.exec(r.target.value);
    if (!m) continue;
    const data: Write['data'] = [];
    // The command's own arguments (echo/printf), its heredoc, or a block it closes.
    const nameIndex = commandName(cmd)?.index ?? 0;
    const words = cmd.words.slice(nameIndex + 1);
    // Opaque commands keep their name in the range so `jq ... "$GITHUB_EVENT_PATH"` is recognised.
    if (words.length) data.push({ start: PRINTS_ARGS.has(name ?? '') ? words[0].start : cmd.words[nameIndex].start, end: words[words.length - 1].end, opaque: !PRINTS_ARGS.has(name ?? '') });
    for (const h of cmd.redirects) if (h.heredoc && h.heredoc.bodyStart >= 0) data.push({ start: h.heredoc.bodyStart, end: h.heredoc.bodyEnd });
    const closer = cmd.words[0]?.value;
    if (closer === '}' || closer === 'done' || closer === 'fi' || closer === ')') {
      const opener = blockStart(parsed, index);
      if (opener !== undefined) data.push({ start: opener, end: cmd.start });
    }
    // `... | cmd >> $GITHUB_ENV`: what flows in through the pipe.
    for (const p of pipelineOf(parsed, index)) if (p !== cmd && p.start < cmd.start) data.push({ start: p.start, end: p.end, opaque: !PRINTS_ARGS.has(commandName(p)?.name ?? '') });
    out.push({ target: m[1] as Target, start: cmd.start, end: cmd.end, data, randomDelimiter: randomDelimiter(data.map((d) => value.slice(d.start, d.end)).join('\n')) });
  }
  // `tee [-a] $GITHUB_ENV`
  if (name === 'tee') {
    for (const w of cmd.words) {
      const m = TARGET_RE.exec(w.value);
      if (!m) continue;
      const data: Write['data'] = pipelineOf(parsed, index).filter((p) => p.start < cmd.start).map((p) => ({ start: p.start, end: p.end, opaque: !PRINTS_ARGS.has(commandName(p)?.name ?? '') }));
      for (const h of cmd.redirects) if (h.heredoc && h.heredoc.bodyStart >= 0) data.push({ start: h.heredoc.bodyStart, end: h.heredoc.bodyEnd });
      out.push({ target: m[1] as Target, start: cmd.start, end: cmd.end, data, randomDelimiter: randomDelimiter(data.map((d) => value.slice(d.start, d.end)).join('\n')) });
    }
  }
  return out;
}

/** Start offset of the block (`{ }`, loop, `if`) that the command at `index` closes. */
function blockStart(parsed: BashScript, index: number): number | undefined {
  const closer = parsed.commands[index].words[0].value;
  const pairs: Record<string, RegExp> = { '}': /^\{$/, done: /^(for|while|until|select)$/, fi: /^if$/, ')': /^\($/ };
  const closes: Record<string, RegExp> = { '}': /^\}$/, done: /^done$/, fi: /^fi$/, ')': /^\)$/ };
  let level = 0;
  for (let k = index - 1; k >= 0; k--) {
    const first = parsed.commands[k].words[0]?.value ?? '';
    if (closes[closer].test(first)) level++;
    else if (pairs[closer].test(first)) {
      if (level === 0) return parsed.commands[k].start;
      level--;
    }
  }
  return undefined;
}

function randomDelimiter(data: string): boolean {
  // `NAME<<$EOF` with EOF from $RANDOM, openssl rand, uuidgen, /dev/urandom, mktemp...
  return /<<\s*["']?\$\{?\w+|<<\s*["']?\$\(|<<\s*["']?ghadelimiter_/.test(data);
}

// ---------------------------------------------------------------------------------------------
// PowerShell

function checkPwsh(ctx: RuleContext<Workflow | ActionMetadata>, script: ScriptText, scope: Scope, artifacts: boolean) {
  const value = script.value;
  if (!/GITHUB_(ENV|PATH|OUTPUT)/i.test(value) || !mayTrace(value, scope, artifacts)) return;
  const masked = maskedValue(script);
  const c = pwshContexts(masked);
  // Statements: split at newlines and `;` outside strings (backtick continues a line).
  let start = 0;
  const statements: { start: number; end: number }[] = [];
  for (let i = 0; i <= masked.length; i++) {
    const ch = masked[i];
    const end = i === masked.length || ((ch === '\n' || ch === ';') && c[i] === Ctx.Code && masked[i - 1] !== '`');
    if (!end) continue;
    if (masked.slice(start, i).trim()) statements.push({ start, end: i });
    start = i + 1;
  }
  for (const s of statements) {
    const text = masked.slice(s.start, s.end);
    const m = /(?:>>?\s*|(?:-(?:File)?Path|-FilePath|Out-File|Add-Content|Set-Content)\s+)["']?\$(?:env:|\{env:)(GITHUB_ENV|GITHUB_PATH|GITHUB_OUTPUT)\}?/i.exec(text);
    if (!m) continue;
    const data = [{ start: s.start, end: s.start + m.index }, { start: s.start + m.index + m[0].length, end: s.end }];
    const w: Write = { target: m[1].toUpperCase() as Target, start: s.start, end: s.end, data, randomDelimiter: false };
    const source = worstSource(data.map((d) => ({ text: value.slice(d.start, d.end) })), scope, new Map(), artifacts, 'pwsh');
    if (source) report(ctx, script, w, source);
  }
}

// ---------------------------------------------------------------------------------------------
// Where the written data comes from

function worstSource(texts: { text: string; opaque?: boolean }[], scope: Scope, locals: Map<string, Source | null>, artifacts: boolean, lang: 'bash' | 'pwsh'): Source | undefined {
  let worst: Source | undefined;
  const consider = (s: Source | undefined) => {
    if (!s) return;
    if (!worst || capabilityRank(s.capability) > capabilityRank(worst.capability) || (s.capability === worst.capability && s.multiline && !worst.multiline)) worst = s;
  };
  for (const { text: full, opaque } of texts) {
    // Simple commands of the text (split at | ; & newlines and parentheses), by their first word.
    const eventPath = lang === 'bash' && full.includes('GITHUB_EVENT_PATH');
    if (eventPath || artifacts) {
      const segments = full.split(/[|;&\n()`]/).map((seg) => seg.trim());
      const reads = (names: RegExp) => segments.filter((seg) => names.test(seg.split(/\s/)[0] ?? '') && /\s\S/.test(seg));
      if (eventPath && reads(/^(jq|yq|cat)$/).some((seg) => seg.includes('GITHUB_EVENT_PATH'))) consider({ capability: 'arbitrary', multiline: true, what: 'the event payload ($GITHUB_EVENT_PATH)' });
      if (artifacts && (reads(/^(cat|jq|head|tail|sed|awk|yq)$/).length > 0 || full.includes('$(<'))) consider({ capability: 'arbitrary', multiline: true, what: "a file from another run's artifact" });
    }
    if (opaque) continue;
    const text = lang === 'bash' ? withoutSubstitutions(full) : full;
    for (const c of contextUsesIn(text)) {
      if (!c.flowsToResult) continue;
      consider(fromGrade(gradeContext(c, scope), c.path));
    }
    const vars = lang === 'bash' ? /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g : /\$(?:env:|\{env:)([A-Za-z_][A-Za-z0-9_]*)/gi;
    for (let m = vars.exec(text); m; m = vars.exec(text)) {
      const name = m[1];
      if (name === 'GITHUB_EVENT_PATH') continue;
      if (locals.has(name)) {
        consider(locals.get(name) ?? undefined);
        continue;
      }
      const def = envDefinition(name, scope);
      if (def) {
        const g = gradeValue(def.value as never, scope, 0);
        if (g) consider(fromGrade(g, `$${name}`));
      }
    }
  }
  return worst && capabilityRank(worst.capability) >= capabilityRank('writer') ? worst : undefined;
}

/**
 * Drops `$( ... )` and backticks: what a command prints is not its arguments (`$(gh pr view "$BRANCH"
 * --json number)` is a number). `$(echo ...)` / `$(printf ...)` without a pipe pass their text on.
 */
function withoutSubstitutions(text: string): string {
  if (!text.includes('$(') && !text.includes('`')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '$' && text[i + 1] === '(' && text[i + 2] !== '(') {
      let level = 1;
      let j = i + 2;
      while (j < text.length && level > 0) {
        if (text[j] === '(') level++;
        else if (text[j] === ')') level--;
        j++;
      }
      const inner = text.slice(i + 2, j - 1);
      out += /^\s*(echo|printf)\b[^|]*$/.test(inner) ? inner : ' ';
      i = j;
      continue;
    }
    if (text[i] === '`') {
      const close = text.indexOf('`', i + 1);
      i = close < 0 ? text.length : close + 1;
      out += ' ';
      continue;
    }
    out += text[i++];
  }
  return out;
}

function fromGrade(g: Grade, shown: string): Source {
  const path = g.path.toLowerCase();
  return { capability: g.capability, multiline: MULTILINE_LEAF.test(path), what: shown === g.path ? `'${g.path}'` : `${shown} ('${g.path}')` };
}

function report(ctx: RuleContext<Workflow | ActionMetadata>, script: ScriptText, w: Write, source: Source) {
  const map = (o: number) => script.map[Math.min(o, script.map.length - 1)];
  // First line of the command only: a heredoc body would make the underline huge.
  const nl = script.value.indexOf('\n', w.start);
  const end = nl >= 0 && nl < w.end ? nl : w.end;
  const span: Span = { start: map(w.start), end: map(end) };
  let severity: Severity;
  let confidence: Confidence = 'medium';
  let persona: Persona = 'regular';
  const variable = w.target === 'GITHUB_ENV' ? 'any environment variable of the following steps (BASH_ENV, LD_PRELOAD, NODE_OPTIONS run code)' : w.target === 'GITHUB_PATH' ? 'the PATH of the following steps' : 'other outputs of this step';
  if (source.capability === 'arbitrary' && (source.multiline || w.target === 'GITHUB_PATH')) {
    severity = w.target === 'GITHUB_OUTPUT' ? 'medium' : 'high';
    confidence = source.multiline ? 'high' : 'medium';
  } else if (source.capability === 'arbitrary') {
    severity = 'low';
    persona = 'pedantic';
  } else {
    severity = 'low';
    confidence = 'low';
    persona = 'auditor';
  }
  const how = source.multiline ? `a value with a newline can set ${variable}` : w.target === 'GITHUB_PATH' ? 'it puts a directory someone else chose first on the PATH of the following steps' : 'it becomes a variable the following steps trust';
  ctx.report({
    span,
    severity,
    confidence,
    persona,
    message: `Writes ${source.what} to $${w.target}: ${how}. Validate it first, or write it with a random heredoc delimiter`,
  });
}
