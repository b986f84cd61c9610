import { maskedValue, scriptText, type ScriptText } from '../../github/script.js';
import { Ctx, bashOf, commandName, pipelineOf, pwshContexts, stepShell, type BashScript, type ShellCommand } from '../../github/shell.js';
import { stepsOf, type ActionMetadata, type Workflow } from '../../model/github.js';
import type { Severity } from '../../types.js';
import { defineRule, type RuleContext } from '../rule.js';

const DOWNLOADERS = new Set(['curl', 'wget', 'fetch', 'http', 'https', 'aria2c']);
const INTERPRETERS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'fish', 'python', 'python2', 'python3', 'node', 'nodejs', 'perl', 'ruby', 'php', 'pwsh', 'powershell']);

interface Hit {
  /** Value offsets of the part to underline. */
  start: number;
  end: number;
  url?: string;
  how: string;
}

export default defineRule<Workflow | ActionMetadata>({
  meta: {
    id: 'remote-code-execution',
    platform: 'github',
    kinds: ['github-workflow', 'github-action'],
    title: 'Script downloaded and executed without verification',
    severity: 'medium',
    confidence: 'high',
    persona: 'regular',
    equivalents: {},
  },
  check(ctx) {
    const model = ctx.model;
    const workflow = 'jobs' in model ? model : undefined;
    const steps = stepsOf(model);
    for (const step of steps) {
      if (!step.run) continue;
      const script = scriptText(step.run.node, ctx.text);
      if (!script) continue;
      const shell = stepShell(step, workflow, ctx.doc).kind;
      const hits = shell === 'pwsh' || shell === 'powershell' ? pwshHits(script) : shell === 'bash' || shell === 'sh' ? bashHits(script) : [];
      for (const h of hits) report(ctx, script, h);
    }
  },
});

function bashHits(script: ScriptText): Hit[] {
  // A hit is a downloader piped into an interpreter, or run from a substitution ($( ), <( ), backticks).
  if (!/\b(curl|wget|fetch|http|https|aria2c)\b/.test(script.value) || !/[|`]|\$\(|<\(/.test(script.value)) return [];
  const parsed = bashOf(script, true);
  const hits: Hit[] = [];
  const seen = new Set<number>();
  parsed.commands.forEach((cmd, index) => {
    // curl ... | [tee ... |] sh
    if (isDownloader(cmd) && cmd.next && (cmd.next === '|' || cmd.next === '|&')) {
      const pipe = pipelineOf(parsed, index);
      const k = pipe.indexOf(cmd);
      const runner = pipe.slice(k + 1).find((c) => executesStdin(c));
      if (runner && !seen.has(cmd.start)) {
        seen.add(cmd.start);
        hits.push({ start: cmd.start, end: runner.end, url: urlOf(cmd), how: `piped into ${commandName(runner)!.name}` });
      }
    }
    // bash <(curl ...), source <(curl ...), bash -c "$(curl ...)", eval "$(curl ...)"
    const name = commandName(cmd);
    if (!name || cmd.inProcessSubstitution) return;
    const n = name.name;
    const args = cmd.words.slice(name.index + 1);
    const runsArg = INTERPRETERS.has(n) || n === 'source' || n === '.' || n === 'eval';
    if (!runsArg) return;
    for (const [i, w] of args.entries()) {
      const sub = /^(<\(|\$\(|`)/.test(w.raw) || /^"\$\(/.test(w.raw) ? downloaderInside(parsed, w.start, w.end) : undefined;
      if (!sub) continue;
      const viaC = args.slice(0, i).some((a) => a.value === '-c');
      const isScript = w.raw.startsWith('<(') && args.slice(0, i).every((a) => a.value.startsWith('-'));
      if ((n === 'eval' || viaC || isScript) && !seen.has(sub.start)) {
        seen.add(sub.start);
        hits.push({ start: cmd.start, end: w.end, url: urlOf(sub), how: n === 'eval' ? 'evaluated' : viaC ? `run with ${n} -c` : `run by ${n}` });
      }
    }
  });
  return hits;
}

function isDownloader(cmd: ShellCommand): boolean {
  const name = commandName(cmd);
  if (!name || !DOWNLOADERS.has(name.name)) return false;
  const args = cmd.words.slice(name.index + 1).map((w) => w.value);
  if (name.name === 'curl') return !args.some((a, i) => (a === '-o' || a === '--output') && args[i + 1] !== '-') && !args.includes('-O') && !args.includes('--remote-name');
  if (name.name === 'wget') return args.some((a, i) => /^-\w*O-?$/.test(a) && (a.endsWith('-') || args[i + 1] === '-')) || args.includes('--output-document=-') || args.some((a) => /^-q?O-$/.test(a));
  return true;
}

/** An interpreter that reads its program from stdin: no script argument, or `-s` / `-`. */
function executesStdin(cmd: ShellCommand): boolean {
  const name = commandName(cmd);
  if (!name || !INTERPRETERS.has(name.name)) return false;
  const args = cmd.words.slice(name.index + 1).map((w) => w.value);
  for (const a of args) {
    if (a === '-s' || a === '-' || a === '/dev/stdin' || a === '--') return true;
    if (a === '-c' || a === '-e' || a === '-m' || a === '--command' || a === '-Command' || a === '-File') return false;
    if (!a.startsWith('-')) return false; // a script file or a program argument
  }
  return true;
}

/** The downloader command nested in a substitution between `start` and `end`. */
function downloaderInside(parsed: BashScript, start: number, end: number): ShellCommand | undefined {
  return parsed.commands.find((c) => c.depth > 0 && c.start >= start && c.end <= end && isDownloader(c));
}

function urlOf(cmd: ShellCommand): string | undefined {
  return cmd.words.map((w) => w.value).find((v) => /^[a-z]+:\/\//i.test(v) || /^[\w.-]+\.[a-z]{2,}\//i.test(v));
}

function pwshHits(script: ScriptText): Hit[] {
  if (!/iex|invoke-expression/i.test(script.value)) return [];
  const masked = maskedValue(script);
  const ctx = pwshContexts(masked);
  const hits: Hit[] = [];
  const DOWNLOAD = /\b(iwr|irm|invoke-webrequest|invoke-restmethod|curl|wget|downloadstring)\b/i;
  const IEX = /\b(iex|invoke-expression)\b/i;
  let lineStart = 0;
  for (const line of masked.split('\n')) {
    const at = lineStart;
    lineStart += line.length + 1;
    const code = (k: number) => ctx[at + k] === Ctx.Code;
    const iex = IEX.exec(line);
    if (!iex || !code(iex.index)) continue;
    // `download ... | iex` (the pipe outside strings) or `iex (download ...)`.
    const pipe = line.lastIndexOf('|', iex.index);
    const before = pipe >= 0 && code(pipe) ? DOWNLOAD.exec(line.slice(0, pipe)) : null;
    const after = DOWNLOAD.exec(line.slice(iex.index));
    const dl = before && code(before.index) ? before.index : after ? iex.index + after.index : -1;
    if (dl < 0) continue;
    const start = Math.min(dl, iex.index);
    const end = Math.max(iex.index + iex[0].length, after ? iex.index + after.index + after[0].length : 0);
    const url = /https?:\/\/[^\s'")]+/.exec(line)?.[0];
    hits.push({ start: at + start, end: at + end, url, how: 'passed to Invoke-Expression' });
  }
  return hits;
}

function report(ctx: RuleContext<Workflow | ActionMetadata>, script: ScriptText, h: Hit) {
  const url = h.url?.replace(/^["']|["']$/g, '');
  let severity: Severity = 'medium';
  let persona: 'regular' | 'pedantic' = 'regular';
  let note = '';
  if (url && /^http:\/\//i.test(url)) {
    severity = 'high';
    note = ' over plain HTTP, so anyone on the network path can replace it';
  } else if (url && /\/[0-9a-f]{40}\//i.test(url)) {
    // Content pinned to a commit: immutable, but still unreviewed code.
    severity = 'low';
    persona = 'pedantic';
    note = ' (pinned to a commit)';
  }
  const nl = script.value.indexOf('\n', h.start);
  const end = nl >= 0 && nl < h.end ? nl : h.end;
  ctx.report({
    span: { start: script.map[h.start], end: script.map[end] ?? script.end },
    severity,
    persona,
    message: `Downloads ${url ? `'${url}'` : 'a script'}${note} and runs it (${h.how}) without checking what it received: whoever controls that URL runs code in this job, with its token and secrets. Download to a file, verify a checksum or signature, then run it, or use a pinned action`,
  });
}
