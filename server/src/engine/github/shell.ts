// Small hand-written shell readers for `run:` scripts: which shell runs a step, a bash lexer that
// understands quoting, `$( )`, backticks, heredocs, pipes, redirections and line continuations, and a
// PowerShell scanner for quoting contexts. Enough to tell where a `${{ }}` lands and what a command
// line does; not a full shell grammar.
import type { Job, Step, Workflow } from '../model/github.js';
import { maskedValue, type ScriptText } from './script.js';
import type { YamlDocument } from '../yaml/parse.js';
import { get, getString, items, scalarString } from '../yaml/nodes.js';

export type ShellKind = 'bash' | 'sh' | 'pwsh' | 'powershell' | 'cmd' | 'python' | 'other';

/** The shell a `run:` step uses: step `shell`, job then workflow `defaults.run.shell`, else the runner's default. */
export function stepShell(step: Step, workflow: Workflow | undefined, doc: YamlDocument): StepShell {
  // Every shell-aware rule asks for every `run:` step: answered once per step (results are not mutated).
  const hit = shells.get(step);
  if (hit && hit.workflow === workflow && hit.doc === doc) return hit.shell;
  const shell = readStepShell(step, workflow, doc);
  shells.set(step, { workflow, doc, shell });
  return shell;
}

export interface StepShell {
  kind: ShellKind;
  raw?: string;
  explicit: boolean;
}

const shells = new WeakMap<Step, { workflow: Workflow | undefined; doc: YamlDocument; shell: StepShell }>();

function readStepShell(step: Step, workflow: Workflow | undefined, doc: YamlDocument): StepShell {
  const job: Job | undefined = step.job;
  const defaults = job ? jobDefaults(job, workflow, doc) : undefined;
  const raw = step.shell?.value ?? (defaults ? defaults.raw : getString(get(workflow?.defaults, 'run', doc), 'shell', doc));
  if (raw && !raw.includes('${{')) return { kind: shellKind(raw), raw, explicit: true };
  // No explicit shell: bash on Linux/macOS runners, pwsh on Windows ones.
  const windows = defaults ? (defaults.windows ??= runsOnWindows(job, doc)) : runsOnWindows(job, doc);
  return { kind: windows ? 'pwsh' : 'bash', raw, explicit: false };
}

/** What every step of a job shares: the default shell (job, then workflow `defaults.run.shell`) and the runner's OS. */
function jobDefaults(job: Job, workflow: Workflow | undefined, doc: YamlDocument): { raw: string | undefined; windows?: boolean } {
  let d = jobShells.get(job);
  if (!d || d.workflow !== workflow || d.doc !== doc) {
    const raw = getString(get(get(job.node, 'defaults', doc), 'run', doc), 'shell', doc) ?? getString(get(workflow?.defaults, 'run', doc), 'shell', doc);
    jobShells.set(job, (d = { workflow, doc, raw }));
  }
  return d;
}
const jobShells = new WeakMap<Job, { workflow: Workflow | undefined; doc: YamlDocument; raw: string | undefined; windows?: boolean }>();

export function shellKind(raw: string): ShellKind {
  const first = raw.trim().split(/\s+/)[0] ?? '';
  const base = first.split(/[\\/]/).pop()!.toLowerCase().replace(/\.exe$/, '');
  if (base === 'bash' || base === 'zsh' || base === 'ksh') return 'bash';
  if (base === 'sh' || base === 'dash' || base === 'ash') return 'sh';
  if (base === 'pwsh') return 'pwsh';
  if (base === 'powershell') return 'powershell';
  if (base === 'cmd') return 'cmd';
  if (base.startsWith('python')) return 'python';
  return 'other';
}

export const isPosixShell = (k: ShellKind) => k === 'bash' || k === 'sh';
export const isPowerShell = (k: ShellKind) => k === 'pwsh' || k === 'powershell';

function runsOnWindows(job: Job | undefined, doc: YamlDocument): boolean {
  if (!job?.runsOn) return false;
  const labels = [scalarString(job.runsOn, doc), ...items(job.runsOn, doc).map((n) => scalarString(n, doc)), scalarString(get(job.runsOn, 'labels', doc), doc)];
  if (labels.some((l) => l && /windows/i.test(l) && !l.includes('${{'))) return true;
  // `runs-on: ${{ matrix.os }}` with only Windows values in the matrix.
  const expr = labels.find((l) => l?.includes('matrix.'));
  if (expr) {
    const key = /matrix\.([\w-]+)/.exec(expr)?.[1];
    const values = key ? items(get(get(job.strategy, 'matrix', doc), key, doc), doc).map((n) => scalarString(n, doc) ?? '') : [];
    return values.length > 0 && values.every((v) => /windows/i.test(v));
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Quoting contexts

export const enum Ctx {
  Code = 0,
  Single = 1,
  Double = 2,
  AnsiC = 3,
  Comment = 4,
  Heredoc = 5,
  QuotedHeredoc = 6,
  /** JavaScript template literal. */
  Template = 7,
}

// ---------------------------------------------------------------------------------------------
// Bash

export interface ShellWord {
  /** Offsets into the script value. */
  start: number;
  end: number;
  raw: string;
  /** Quote removal applied; expansions (`$X`, `$(..)`) kept as written. */
  value: string;
  quoted: boolean;
  /** Contains `$`-expansions or command substitutions. */
  expands: boolean;
}

export interface ShellRedirect {
  /** `>`, `>>`, `<`, `<<`, `<<-`, `<<<`, `&>`, `&>>`, `>|`, `>&`, `<&`, `<>`. */
  op: string;
  fd?: string;
  target?: ShellWord;
  start: number;
  end: number;
  /** For `<<` / `<<-`: the body. */
  heredoc?: { delimiter: string; quoted: boolean; bodyStart: number; bodyEnd: number };
}

export interface ShellCommand {
  words: ShellWord[];
  redirects: ShellRedirect[];
  start: number;
  end: number;
  /** The operator after the command: `|` makes it feed the next command. */
  next?: '|' | '|&' | '||' | '&&' | ';' | '&' | '\n';
  /** Nesting: 0 for top level, >0 inside `$( )`, backticks, `<( )` or subshells. */
  depth: number;
  /** Set for commands inside a process substitution `<( )` / `>( )`: the word it stands for. */
  inProcessSubstitution?: boolean;
}

export interface BashScript {
  source: string;
  /** Every simple command, nested ones included, in source order of their start. */
  commands: ShellCommand[];
  /** Quoting context of every character of the source. */
  ctx: Uint8Array;
}

/** `;`, `&`, `|`, `(`, `)`, `<`, `>`: characters that end a word (a switch, not a Set: asked for every character). */
const isOperatorChar = (c: string) => c === ';' || c === '&' || c === '|' || c === '(' || c === ')' || c === '<' || c === '>';
const REDIRECTION = /^(\d*)(<<<|<<-|<<|&>>|&>|>>|>\||>&|<&|<>|>|<)/;
/** A character after `$` that starts a parameter expansion. */
const PARAMETER_START = /[A-Za-z_0-9@*#?!$-]/;
const isSpace = (c: string | undefined) => c === ' ' || c === '\t';

/** Several rules read the same `run:` script: keep the last few parses (results are never mutated). */
const recent = new Map<string, BashScript>();
/** Characters of the scripts in `recent`: bounded too, so a few huge scripts are not kept for the server's life. */
let recentChars = 0;
const RECENT_SCRIPTS = 256;
const RECENT_CHARS = 1 << 20;

/** Lexes a bash/sh script. Never throws: unterminated constructs run to the end of the text. */
export function parseBash(source: string): BashScript {
  const hit = recent.get(source);
  if (hit) return hit;
  const parsed = lexBash(source);
  recent.set(source, parsed);
  recentChars += source.length;
  // Every shell-aware rule parses every step of a file in turn: keep enough scripts for a whole file (and the
  // scripts of a document edited in an editor stay cached from one keystroke to the next).
  while (recent.size > 1 && (recent.size > RECENT_SCRIPTS || recentChars > RECENT_CHARS)) {
    const oldest = recent.keys().next().value!;
    recent.delete(oldest);
    recentChars -= oldest.length;
  }
  return parsed;
}

/** Parses per script: the masked value (most rules) and, when it differs, the value itself. */
const scriptParses = new WeakMap<ScriptText, { masked?: BashScript; value?: BashScript }>();

/**
 * `parseBash(maskedValue(script))` (`masked`) or `parseBash(script.value)`, once per script: no hashing of
 * the script text to find it again (a string key costs a pass over the text), and a script without `${{ }}`
 * is lexed once for both.
 */
export function bashOf(script: ScriptText, masked: boolean): BashScript {
  let parses = scriptParses.get(script);
  if (!parses) scriptParses.set(script, (parses = {}));
  const source = masked ? maskedValue(script) : script.value;
  if (masked && source !== script.value) return (parses.masked ??= lexBash(source));
  return (parses.value ??= lexBash(source));
}

function lexBash(source: string): BashScript {
  const ctx = new Uint8Array(source.length);
  const commands: ShellCommand[] = [];
  const s = source;
  const pendingHeredocs: ShellRedirect[] = [];

  const mark = (from: number, to: number, c: Ctx) => ctx.fill(c, from, Math.min(to, s.length));

  const readHeredocBodies = (pos: number): number => {
    while (pendingHeredocs.length) {
      const h = pendingHeredocs.shift()!;
      const info = h.heredoc!;
      const stripTabs = h.op === '<<-';
      info.bodyStart = pos;
      let end = s.length;
      let next = s.length;
      while (pos < s.length) {
        let nl = s.indexOf('\n', pos);
        if (nl < 0) nl = s.length;
        let line = s.slice(pos, nl);
        if (line.endsWith('\r')) line = line.slice(0, -1);
        if ((stripTabs ? line.replace(/^\t+/, '') : line) === info.delimiter) {
          end = pos;
          next = Math.min(s.length, nl + 1);
          break;
        }
        pos = nl + 1;
      }
      info.bodyEnd = Math.min(end, s.length);
      mark(info.bodyStart, info.bodyEnd, info.quoted ? Ctx.QuotedHeredoc : Ctx.Heredoc);
      pos = next;
    }
    return pos;
  };

  /** Reads `$( ... )` starting after the `(`; returns the index after `)`. */
  const readSubstitution = (i: number, depth: number, proc = false): number => parseList(i, depth + 1, ')', proc);

  /** Reads a backtick substitution starting after the opening backtick. */
  const readBackticks = (i: number, depth: number): number => {
    let j = i;
    while (j < s.length && s[j] !== '`') j += s[j] === '\\' ? 2 : 1;
    // Parse the inside as its own script, mapped back onto these offsets.
    const inner = parseBash(s.slice(i, j).replace(/\\`/g, ' `'));
    for (const c of inner.commands) commands.push(shiftCommand(c, i, depth + 1));
    for (let k = 0; k < inner.ctx.length; k++) ctx[i + k] = inner.ctx[k];
    return Math.min(j + 1, s.length);
  };

  /** Reads `${ ... }` starting at `$`; returns the index after `}`. */
  const readBraceParam = (i: number, c: Ctx): number => {
    let j = i + 2;
    let level = 1;
    while (j < s.length && level > 0) {
      if (s[j] === '\\') j++;
      else if (s[j] === '{') level++;
      else if (s[j] === '}') level--;
      j++;
    }
    mark(i, j, c);
    return j;
  };

  /** Reads a double-quoted string starting after `"`; returns the index after the closing quote. */
  const readDouble = (i: number, depth: number, into: { value: string; expands: boolean }): number => {
    let j = i;
    // Plain characters from `run` to `j` are added to the value (and marked) in one go.
    let run = i;
    const flush = () => {
      if (run < j) {
        into.value += s.slice(run, j);
        ctx.fill(Ctx.Double, run, j);
      }
    };
    while (j < s.length && s[j] !== '"') {
      const ch = s[j];
      if (ch === '\\') {
        flush();
        const n = s[j + 1];
        if (n === '\n') {
          mark(j, j + 2, Ctx.Double);
          j += 2;
          run = j;
          continue;
        }
        into.value += n !== undefined && '$`"\\'.includes(n) ? n : ch + (n ?? '');
        mark(j, j + 2, Ctx.Double);
        j += 2;
        run = j;
        continue;
      }
      if (ch === '$' && s[j + 1] === '(') {
        flush();
        into.expands = true;
        ctx[j] = Ctx.Double;
        const end = s[j + 2] === '(' ? readArith(j) : readSubstitution(j + 2, depth);
        into.value += s.slice(j, end);
        j = run = end;
        continue;
      }
      if (ch === '$' && s[j + 1] === '{') {
        flush();
        into.expands = true;
        const end = readBraceParam(j, Ctx.Double);
        into.value += s.slice(j, end);
        j = run = end;
        continue;
      }
      if (ch === '`') {
        flush();
        into.expands = true;
        ctx[j] = Ctx.Double;
        const end = readBackticks(j + 1, depth);
        into.value += s.slice(j, end);
        j = run = end;
        continue;
      }
      if (ch === '$' && PARAMETER_START.test(s[j + 1] ?? '')) into.expands = true;
      j++;
    }
    flush();
    if (j < s.length) ctx[j] = Ctx.Double;
    return Math.min(j + 1, s.length);
  };

  const readArith = (i: number): number => {
    // `$(( ... ))`
    let j = i + 3;
    let level = 2;
    while (j < s.length && level > 0) {
      if (s[j] === '(') level++;
      else if (s[j] === ')') level--;
      j++;
    }
    return j;
  };

  /** Reads one word starting at `i` (its `end` is the index after it). */
  const readWord = (i: number, depth: number): ShellWord => {
    const into = { value: '', expands: false };
    let quoted = false;
    let j = i;
    // Plain characters from `run` to `j` are added to the value in one go.
    let run = i;
    const flush = () => {
      if (run < j) into.value += s.slice(run, j);
    };
    while (j < s.length) {
      const ch = s[j];
      if (isSpace(ch) || ch === '\n' || ch === '\r') break;
      if (isOperatorChar(ch)) {
        // `<(` / `>(` inside or at the start of a word: process substitution.
        if ((ch === '<' || ch === '>') && s[j + 1] === '(' && j === i) {
          flush();
          into.expands = true;
          const end = readSubstitution(j + 2, depth, true);
          into.value += s.slice(j, end);
          j = run = end;
          continue;
        }
        break;
      }
      if (ch === '\\') {
        flush();
        if (s[j + 1] === '\n') {
          j += 2;
          run = j;
          continue;
        }
        quoted = true;
        into.value += s[j + 1] ?? '';
        j += 2;
        run = j;
        continue;
      }
      if (ch === "'") {
        flush();
        quoted = true;
        const end = s.indexOf("'", j + 1);
        const stop = end < 0 ? s.length : end;
        mark(j, stop + 1, Ctx.Single);
        into.value += s.slice(j + 1, stop);
        j = run = stop + 1;
        continue;
      }
      if (ch === '$' && s[j + 1] === "'") {
        flush();
        quoted = true;
        let k = j + 2;
        while (k < s.length && s[k] !== "'") k += s[k] === '\\' ? 2 : 1;
        mark(j, k + 1, Ctx.AnsiC);
        into.value += s.slice(j + 2, k);
        j = run = k + 1;
        continue;
      }
      if (ch === '"') {
        flush();
        quoted = true;
        ctx[j] = Ctx.Double;
        j = run = readDouble(j + 1, depth, into);
        continue;
      }
      if (ch === '$' && s[j + 1] === '(') {
        flush();
        into.expands = true;
        const end = s[j + 2] === '(' ? readArith(j) : readSubstitution(j + 2, depth);
        into.value += s.slice(j, end);
        j = run = end;
        continue;
      }
      if (ch === '$' && s[j + 1] === '{') {
        flush();
        into.expands = true;
        const end = readBraceParam(j, Ctx.Code);
        into.value += s.slice(j, end);
        j = run = end;
        continue;
      }
      if (ch === '`') {
        flush();
        into.expands = true;
        const end = readBackticks(j + 1, depth);
        into.value += s.slice(j, end);
        j = run = end;
        continue;
      }
      if (ch === '$' && PARAMETER_START.test(s[j + 1] ?? '')) into.expands = true;
      j++;
    }
    flush();
    return { start: i, end: j, raw: s.slice(i, j), value: into.value, quoted, expands: into.expands };
  };

  /** Parses commands until `terminator` (or the end); returns the index after the terminator. */
  function parseList(i: number, depth: number, terminator?: ')', proc = false): number {
    let cur: ShellCommand | undefined;
    let parens = 0;
    const finish = (next?: ShellCommand['next']) => {
      if (cur && (cur.words.length || cur.redirects.length)) {
        cur.next = next;
        cur.end = Math.max(cur.end, cur.start);
        commands.push(cur);
      }
      cur = undefined;
    };
    const current = (at: number) => (cur ??= { words: [], redirects: [], start: at, end: at, depth, inProcessSubstitution: proc || undefined });
    while (i < s.length) {
      const ch = s[i];
      if (isSpace(ch) || ch === '\r') {
        i++;
        continue;
      }
      if (ch === '\\' && s[i + 1] === '\n') {
        i += 2;
        continue;
      }
      if (ch === '\n') {
        finish('\n');
        i = readHeredocBodies(i + 1);
        continue;
      }
      if (ch === '#') {
        // Only reached at a word boundary (inside a word `#` is read by readWord): a comment.
        const nl = s.indexOf('\n', i);
        const end = nl < 0 ? s.length : nl;
        mark(i, end, Ctx.Comment);
        i = end;
        continue;
      }
      if (ch === ')') {
        if (parens > 0) {
          parens--;
          finish(';');
          i++;
          continue;
        }
        if (terminator === ')') {
          finish();
          return i + 1;
        }
        i++;
        continue;
      }
      if (ch === '(') {
        if (s[i + 1] === '(') {
          // `(( arithmetic ))`
          const end = readArith(i - 1);
          i = end;
          continue;
        }
        finish(';');
        parens++;
        i++;
        continue;
      }
      const n1 = s[i + 1];
      if ((ch === '&' && n1 === '&') || (ch === '|' && (n1 === '|' || n1 === '&')) || (ch === ';' && n1 === ';')) {
        finish(ch === ';' ? ';' : ((ch + n1) as '&&' | '||' | '|&'));
        i += 2;
        continue;
      }
      if (ch === '|' || ch === ';' || (ch === '&' && s[i + 1] !== '>')) {
        finish(ch as '|' | ';' | '&');
        i++;
        continue;
      }
      // Redirections, with an optional file descriptor.
      // Only a digit, `<`, `>` or `&` can start a redirection (a word otherwise).
      const redir = (ch >= '0' && ch <= '9') || ch === '<' || ch === '>' || ch === '&' ? REDIRECTION.exec(s.slice(i, i + 6)) : null;
      if (redir && !((redir[2] === '<' || redir[2] === '>') && s[i + redir[0].length] === '(' && !redir[1])) {
        const at = i;
        i += redir[0].length;
        while (isSpace(s[i])) i++;
        const r: ShellRedirect = { op: redir[2], fd: redir[1] || undefined, start: at, end: i };
        if (i < s.length && s[i] !== '\n') {
          const word = readWord(i, depth);
          const end = word.end;
          r.target = word;
          r.end = end;
          i = end;
        }
        if ((r.op === '<<' || r.op === '<<-') && r.target) {
          r.heredoc = { delimiter: r.target.value, quoted: r.target.quoted, bodyStart: -1, bodyEnd: -1 };
          pendingHeredocs.push(r);
        }
        const c = current(at);
        c.redirects.push(r);
        c.end = r.end;
        continue;
      }
      const word = readWord(i, depth);
      const end = word.end;
      if (end === i) {
        i++;
        continue;
      }
      const c = current(i);
      c.words.push(word);
      c.end = end;
      i = end;
    }
    finish();
    return i;
  }

  parseList(0, 0);
  commands.sort((a, b) => a.start - b.start);
  return { source, commands, ctx };
}

function shiftCommand(c: ShellCommand, by: number, depth: number): ShellCommand {
  const w = (x: ShellWord): ShellWord => ({ ...x, start: x.start + by, end: x.end + by });
  return {
    ...c,
    start: c.start + by,
    end: c.end + by,
    depth: c.depth + depth,
    words: c.words.map(w),
    redirects: c.redirects.map((r) => ({ ...r, start: r.start + by, end: r.end + by, target: r.target && w(r.target), heredoc: r.heredoc && { ...r.heredoc, bodyStart: r.heredoc.bodyStart + by, bodyEnd: r.heredoc.bodyEnd + by } })),
  };
}

/** The commands of the pipeline that contains `script.commands[index]` (same nesting depth). */
export function pipelineOf(script: BashScript, index: number): ShellCommand[] {
  const cmds = script.commands;
  const depth = cmds[index].depth;
  const piped = (c: ShellCommand) => c.next === '|' || c.next === '|&';
  const out = [cmds[index]];
  for (let k = index - 1; k >= 0; k--) {
    if (cmds[k].depth !== depth) continue;
    if (!piped(cmds[k])) break;
    out.unshift(cmds[k]);
  }
  if (piped(cmds[index])) {
    for (let k = index + 1; k < cmds.length; k++) {
      if (cmds[k].depth !== depth) continue;
      out.push(cmds[k]);
      if (!piped(cmds[k])) break;
    }
  }
  return out;
}

/** The command name without path and common wrappers (`sudo`, `env X=1`, `time`, `exec`, `command`). */
export function commandName(cmd: ShellCommand): { name: string; index: number } | undefined {
  let i = 0;
  while (i < cmd.words.length) {
    const v = cmd.words[i].value;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) {
      i++;
      continue;
    }
    const base = v.split('/').pop() ?? v;
    if (['sudo', 'time', 'exec', 'command', 'nohup', 'env', 'xargs'].includes(base)) {
      i++;
      // Skip the wrapper's own options (`sudo -E`, `env -i`).
      while (i < cmd.words.length && cmd.words[i].value.startsWith('-')) i++;
      continue;
    }
    return { name: base, index: i };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// PowerShell

/** Quoting context of every character of a PowerShell script (strings, here-strings, comments). */
export function pwshContexts(source: string): Uint8Array {
  const s = source;
  const ctx = new Uint8Array(s.length);
  const mark = (a: number, b: number, c: Ctx) => ctx.fill(c, a, Math.min(b, s.length));
  const readCode = (i: number, closeParen: boolean): number => {
    let level = 0;
    while (i < s.length) {
      const ch = s[i];
      if (ch === '`') {
        i += 2;
        continue;
      }
      if (ch === '#') {
        const nl = s.indexOf('\n', i);
        const end = nl < 0 ? s.length : nl;
        mark(i, end, Ctx.Comment);
        i = end;
        continue;
      }
      if (ch === '<' && s[i + 1] === '#') {
        const close = s.indexOf('#>', i + 2);
        const end = close < 0 ? s.length : close + 2;
        mark(i, end, Ctx.Comment);
        i = end;
        continue;
      }
      if (ch === '@' && (s[i + 1] === '"' || s[i + 1] === "'") && /^\r?\n/.test(s.slice(i + 2, i + 4))) {
        const q = s[i + 1];
        const close = s.indexOf(`\n${q}@`, i + 2);
        const end = close < 0 ? s.length : close + 3;
        mark(i, end, q === '"' ? Ctx.Heredoc : Ctx.QuotedHeredoc);
        if (q === '"') markSubexpressions(i + 2, close < 0 ? s.length : close);
        i = end;
        continue;
      }
      if (ch === "'" || ch === '\u2018' || ch === '\u2019') {
        let j = i + 1;
        while (j < s.length) {
          if (s[j] === "'" && s[j + 1] === "'") j += 2;
          else if (s[j] === "'") break;
          else j++;
        }
        mark(i, j + 1, Ctx.Single);
        i = j + 1;
        continue;
      }
      if (ch === '"') {
        // String text is Double; `$( )` inside it is code again (with its own strings).
        let j = i + 1;
        let segment = i;
        while (j < s.length && s[j] !== '"') {
          if (s[j] === '`') j += 2;
          else if (s[j] === '$' && s[j + 1] === '(') {
            mark(segment, j + 2, Ctx.Double);
            j = readCode(j + 2, true);
            segment = j - 1;
          } else j++;
        }
        mark(segment, j + 1, Ctx.Double);
        i = j + 1;
        continue;
      }
      if (ch === '(') level++;
      if (ch === ')') {
        if (closeParen && level === 0) return i + 1;
        level--;
      }
      i++;
    }
    return i;
  };
  const markSubexpressions = (from: number, to: number) => {
    for (let k = from; k < to; k++) {
      if (s[k] === '`') {
        k++;
        continue;
      }
      if (s[k] === '$' && s[k + 1] === '(') {
        let level = 0;
        let j = k + 1;
        for (; j < to; j++) {
          if (s[j] === '(') level++;
          else if (s[j] === ')' && --level === 0) break;
        }
        mark(k + 2, j, Ctx.Code);
        k = j;
      }
    }
  };
  readCode(0, false);
  return ctx;
}

// ---------------------------------------------------------------------------------------------
// JavaScript (actions/github-script)

/** Quoting context of every character of a JavaScript snippet: strings, template literals, comments. */
export function jsContexts(source: string): Uint8Array {
  const s = source;
  const ctx = new Uint8Array(s.length);
  // Stack of open template literals / `${` code blocks (brace depth per code block).
  const braces: number[] = [];
  let i = 0;
  let mode: Ctx = Ctx.Code;
  while (i < s.length) {
    const ch = s[i];
    if (mode === Ctx.Code) {
      if (ch === '/' && s[i + 1] === '/') {
        const nl = s.indexOf('\n', i);
        const end = nl < 0 ? s.length : nl;
        ctx.fill(Ctx.Comment, i, end);
        i = end;
        continue;
      }
      if (ch === '/' && s[i + 1] === '*') {
        const close = s.indexOf('*/', i + 2);
        const end = close < 0 ? s.length : close + 2;
        ctx.fill(Ctx.Comment, i, end);
        i = end;
        continue;
      }
      if (ch === "'" || ch === '"') {
        let j = i + 1;
        while (j < s.length && s[j] !== ch && s[j] !== '\n') j += s[j] === '\\' ? 2 : 1;
        ctx.fill(ch === "'" ? Ctx.Single : Ctx.Double, i, Math.min(j + 1, s.length));
        i = j + 1;
        continue;
      }
      if (ch === '`') {
        ctx[i] = Ctx.Template;
        mode = Ctx.Template;
        i++;
        continue;
      }
      if (braces.length && ch === '{') braces[braces.length - 1]++;
      if (braces.length && ch === '}') {
        if (braces[braces.length - 1] === 0) {
          braces.pop();
          ctx[i] = Ctx.Template;
          mode = Ctx.Template;
          i++;
          continue;
        }
        braces[braces.length - 1]--;
      }
      i++;
      continue;
    }
    // Template literal text.
    ctx[i] = Ctx.Template;
    if (ch === '\\') {
      if (i + 1 < s.length) ctx[i + 1] = Ctx.Template;
      i += 2;
      continue;
    }
    if (ch === '`') {
      mode = Ctx.Code;
      i++;
      continue;
    }
    if (ch === '$' && s[i + 1] === '{') {
      ctx[i + 1] = Ctx.Template;
      braces.push(0);
      mode = Ctx.Code;
      i += 2;
      continue;
    }
    i++;
  }
  return ctx;
}
