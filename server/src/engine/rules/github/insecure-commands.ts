import { isMap, isScalar, type Node, type Pair } from 'yaml';
import { maskedValue, scriptText, type ScriptText } from '../../github/script.js';
import { Ctx, bashOf, commandName, pwshContexts, stepShell, type BashScript } from '../../github/shell.js';
import { stepsOf, type ActionMetadata, type Step, type Workflow } from '../../model/github.js';
import type { Fix, Span } from '../../types.js';
import { keyString, pairs, resolve, spanOf } from '../../yaml/nodes.js';
import { defineRule, type RuleContext } from '../rule.js';

const ALLOW = 'ACTIONS_ALLOW_UNSECURE_COMMANDS';

/** Workflow commands replaced by files; `set-env` and `add-path` are disabled unless the variable allows them. */
const COMMANDS: Record<string, { file: string; disabled: boolean }> = {
  'set-env': { file: 'GITHUB_ENV', disabled: true },
  'add-path': { file: 'GITHUB_PATH', disabled: true },
  'set-output': { file: 'GITHUB_OUTPUT', disabled: false },
  'save-state': { file: 'GITHUB_STATE', disabled: false },
};

export default defineRule<Workflow | ActionMetadata>({
  meta: {
    id: 'insecure-commands',
    platform: 'github',
    kinds: ['github-workflow', 'github-action'],
    title: 'Insecure or deprecated workflow commands',
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
    fixable: 'safe',
    equivalents: { zizmor: ['insecure-commands'], actionlint: ['deprecated-commands'] },
  },
  check(ctx) {
    const model = ctx.model;
    const workflow = 'jobs' in model ? model : undefined;
    const action = 'jobs' in model ? undefined : model;
    // ACTIONS_ALLOW_UNSECURE_COMMANDS in any env block.
    const envBlocks: { node?: Node; allowsFor: Step[] }[] = [];
    if (workflow) {
      envBlocks.push({ node: workflow.env, allowsFor: stepsOf(workflow) });
      for (const j of workflow.jobs) envBlocks.push({ node: j.env, allowsFor: j.steps });
    }
    const steps = stepsOf(model);
    for (const s of steps) envBlocks.push({ node: s.env, allowsFor: [s] });
    const allowed = new Set<Step>();
    for (const b of envBlocks) {
      for (const p of pairs(b.node, ctx.doc)) {
        if (keyString(p, ctx.doc) !== ALLOW) continue;
        const v = resolve(p.value, ctx.doc);
        const raw = isScalar(v) ? String(v.value).trim() : '';
        const span = spanOf(p.key)!;
        const fix = removePair(ctx, b.node, p);
        if (raw.includes('${{')) {
          ctx.report({ span, severity: 'high', confidence: 'low', persona: 'auditor', message: `${ALLOW} is set from an expression: when it evaluates to true, any step's output can set environment variables and PATH with ::set-env / ::add-path`, fixes: fix ? [fix] : undefined });
          continue;
        }
        if (raw.toLowerCase() !== 'true') continue;
        for (const s of b.allowsFor) allowed.add(s);
        ctx.report({
          span,
          message: `${ALLOW} re-enables ::set-env and ::add-path: anything a step prints (a test name, a log line, a file it cats) can set environment variables such as BASH_ENV or LD_PRELOAD and take over later steps. Use $GITHUB_ENV and $GITHUB_PATH instead`,
          fixes: fix ? [fix] : undefined,
        });
      }
    }
    for (const step of steps) {
      if (!step.run) continue;
      const script = scriptText(step.run.node, ctx.text);
      // Workflow commands start with `::` (checkScript looks for them): most scripts have none.
      if (!script || !script.value.includes('::')) continue;
      const shell = stepShell(step, workflow, ctx.doc).kind;
      checkScript(ctx, script, shell, allowed.has(step) || allowedByGithubEnv(step));
    }
  },
});

/** `echo "ACTIONS_ALLOW_UNSECURE_COMMANDS=true" >> $GITHUB_ENV` in an earlier step of the job. */
function allowedByGithubEnv(step: Step): boolean {
  const earlier = step.job ? step.job.steps.slice(0, step.job.steps.indexOf(step)) : [];
  return earlier.some((s) => /ACTIONS_ALLOW_UNSECURE_COMMANDS=true/i.test(s.run?.value ?? '') && /GITHUB_ENV/.test(s.run?.value ?? ''));
}

function checkScript(ctx: RuleContext<Workflow | ActionMetadata>, script: ScriptText, shell: string, allowed: boolean) {
  const value = script.value;
  if (!value.includes('::')) return;
  const masked = maskedValue(script);
  const bash = shell === 'bash' || shell === 'sh';
  const contexts = bash ? bashOf(script, true) : undefined;
  const pwsh = shell === 'pwsh' || shell === 'powershell' ? pwshContexts(masked) : undefined;
  const ctxAt = (i: number) => (contexts ? contexts.ctx[i] : pwsh ? pwsh[i] : Ctx.Code);
  // Also written to GITHUB_ENV in this very script?
  if (/ACTIONS_ALLOW_UNSECURE_COMMANDS=true/i.test(value)) allowed = true;
  for (const m of value.matchAll(/::(set-env|add-path|set-output|save-state)\b/g)) {
    const at = m.index!;
    if (ctxAt(at) === Ctx.Comment) continue;
    const info = COMMANDS[m[1]];
    const span: Span = { start: script.map[at], end: script.map[at + m[0].length] };
    const fixes: Fix[] = [];
    const fix = contexts ? rewriteEcho(script, contexts, at, m[1], info.file) : undefined;
    if (fix) fixes.push(fix);
    if (info.disabled) {
      ctx.report({
        span,
        severity: allowed ? 'high' : 'medium',
        message: allowed
          ? `::${m[1]} is enabled here by ${ALLOW}: any output of this step can set ${m[1] === 'set-env' ? 'environment variables' : 'PATH'} for later steps. Append to $${info.file} instead`
          : `::${m[1]} has been disabled since 2020 (CVE-2020-15228): this step fails. Append to $${info.file} instead`,
        fixes,
      });
    } else {
      ctx.report({
        span,
        severity: 'low',
        message: `::${m[1]} is deprecated (stdout commands can be forged by anything the step prints) and will stop working. Append to $${info.file} instead`,
        fixes,
      });
    }
  }
}

/** `echo "::set-output name=x::v"` -> `echo "x=v" >> "$GITHUB_OUTPUT"` (and the other three). */
function rewriteEcho(script: ScriptText, parsed: BashScript, at: number, command: string, file: string): Fix | undefined {
  if (!script.exact || (script.style !== 'literal' && script.style !== 'folded' && script.style !== 'plain')) return undefined;
  const cmd = parsed.commands.find((c) => c.start <= at && at < c.end);
  if (!cmd || cmd.redirects.length || cmd.next === '|' || cmd.next === '|&' || cmd.depth > 0) return undefined;
  const name = commandName(cmd);
  if (!name || name.name !== 'echo' || name.index !== 0) return undefined;
  const args = cmd.words.slice(1);
  if (!args.length || args[0].value.startsWith('-')) return undefined;
  const first = args[0].start;
  const last = args[args.length - 1].end;
  const raw = script.value.slice(first, last);
  const re = command === 'add-path' ? /::add-path::/ : new RegExp(`::${command} name=([A-Za-z0-9_.-]+)::`);
  const m = re.exec(raw);
  if (!m) return undefined;
  const rewritten = raw.slice(0, m.index) + (command === 'add-path' ? '' : `${m[1]}=`) + raw.slice(m.index + m[0].length);
  const valuePart = raw.slice(m.index + m[0].length);
  // Old commands decoded %0A etc. and ended at a newline; the files do neither. Identical only for plain text.
  const safe = (command === 'set-output' || command === 'save-state') && !/[%$`\\]/.test(valuePart);
  const start = script.map[first];
  const end = script.map[last - 1] + 1;
  return {
    title: `Replace ::${command} with an append to $${file}`,
    safe,
    edits: [{ start, end, newText: `${rewritten} >> "$${file}"` }],
  };
}

/** Deletes an env entry (its whole line) and the `env:` key when it was the only entry. */
function removePair(ctx: RuleContext<Workflow | ActionMetadata>, holder: Node | undefined, pair: Pair<unknown, unknown>): Fix | undefined {
  const map = resolve(holder, ctx.doc);
  if (!isMap(map) || map.flow) return undefined;
  const key = spanOf(pair.key);
  const val = spanOf(pair.value) ?? key;
  if (!key || !val) return undefined;
  const text = ctx.text;
  const lineStart = text.lastIndexOf('\n', key.start - 1) + 1;
  if (text.slice(lineStart, key.start).trim() !== '') return undefined;
  let lineEnd = text.indexOf('\n', val.end - 1 > val.start ? val.end - 1 : val.end);
  lineEnd = lineEnd < 0 ? text.length : lineEnd + 1;
  if (map.items.length === 1) {
    // Remove `env:` together with its only entry.
    const envPairLine = text.lastIndexOf('\n', (map.range?.[0] ?? key.start) - 1);
    const keyLineStart = text.lastIndexOf('\n', envPairLine - 1) + 1;
    const envKeyText = text.slice(keyLineStart, envPairLine);
    if (!/^\s*(-\s+)?env:\s*(#.*)?$/.test(envKeyText) || /^\s*-\s/.test(envKeyText)) return undefined;
    return { title: `Remove ${ALLOW} (and the then empty env:)`, safe: false, edits: [{ start: keyLineStart, end: lineEnd, newText: '' }] };
  }
  return { title: `Remove ${ALLOW}`, safe: false, edits: [{ start: lineStart, end: lineEnd, newText: '' }] };
}
