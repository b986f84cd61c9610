import { isMap, type Scalar } from 'yaml';
import { allScripts, jobLabel, jobVariables, readImage, readServices, readVariables, type Job, type Pipeline, type ScriptLine } from '../../model/gitlab.js';
import { findInterpolations, findVariables } from '../../expressions/gitlab.js';
import { ATTACKER_CONTROLLED, SINGLE_WORD_VARIABLES } from '../../gitlab/predefined.js';
import { noSplitAt, readShell, sinkAt } from '../../gitlab/shell.js';
import { get, getPair, pairs, keyString, resolve, scalarString } from '../../yaml/nodes.js';
import type { Fix, Span } from '../../types.js';
import { defineRule } from '../rule.js';

/** Inputs whose value is constrained by `spec:inputs` (options, regex, boolean/number type). */
function constrainedInputs(p: Pipeline): { known: boolean; constrained: Set<string> } {
  const inputs = get(p.spec, 'inputs', p.doc);
  const constrained = new Set<string>();
  if (!p.spec) return { known: false, constrained };
  for (const pair of pairs(inputs, p.doc)) {
    const name = keyString(pair, p.doc);
    if (!name) continue;
    const def = resolve(pair.value, p.doc);
    if (!isMap(def)) continue;
    const type = scalarString(get(def, 'type', p.doc), p.doc);
    if (getPair(def, 'options', p.doc) || getPair(def, 'regex', p.doc) || type === 'boolean' || type === 'number') constrained.add(name);
  }
  return { known: true, constrained };
}

/** Variables whose value comes from attacker-controlled predefined variables (one level, as GitLab expands). */
function taintedVariables(p: Pipeline, job: Job | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const vars = job ? jobVariables(p, job) : readVariables(get(p.root, 'variables', p.doc), p.doc);
  for (const v of vars) {
    if (!v.value || v.raw) continue;
    const src = findVariables(v.value.value).find((r) => ATTACKER_CONTROLLED.has(r.name));
    if (src) out.set(v.name, src.name);
  }
  return out;
}

/** Safe fix: wrap an unquoted `$VAR` in double quotes, when the YAML scalar allows it as written. */
function quoteFix(line: ScriptLine, text: string, span: Span): Fix | undefined {
  const node = line.node as Scalar;
  const type = node.type;
  const start = node.range?.[0] ?? 0;
  if (type === 'PLAIN' && span.start === start) return undefined; // `"` would start a quoted YAML scalar
  if (type !== 'PLAIN' && type !== 'BLOCK_LITERAL' && type !== 'BLOCK_FOLDED' && type !== 'QUOTE_SINGLE' && type !== 'QUOTE_DOUBLE') return undefined;
  const q = type === 'QUOTE_DOUBLE' ? '\\"' : '"';
  if (text.slice(span.start, span.end).includes('\n')) return undefined;
  return { title: 'Quote the variable', safe: true, edits: [{ start: span.start, end: span.start, newText: q }, { start: span.end, end: span.end, newText: q }] };
}

export default defineRule<Pipeline>({
  meta: {
    id: 'gitlab-script-injection',
    platform: 'gitlab',
    kinds: ['gitlab-ci'],
    title: 'Attacker-controlled text reaches shell code',
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
    fixable: 'safe',
    equivalents: { poutine: ['injection'], glsec: ['GL002', 'GL051', 'GL007'] },
  },
  check(ctx) {
    const p = ctx.model;
    const { known, constrained } = constrainedInputs(p);
    const taintCache = new Map<Job | undefined, Map<string, string>>();
    const taint = (job: Job | undefined) => {
      let t = taintCache.get(job);
      if (!t) taintCache.set(job, (t = taintedVariables(p, job)));
      return t;
    };

    for (const { line, job } of allScripts(p, ctx.text)) {
      const where = jobLabel(job);
      // 1. `$[[ inputs.x ]]` is pasted into the script text before the shell runs: quoting does not help.
      for (const it of findInterpolations(line.value, line.offsetAt)) {
        if (!it.input || constrained.has(it.input)) continue;
        const expand = it.functions.includes('expand_vars');
        const escaped = it.functions.includes('posix_escape');
        ctx.report({
          span: it.span,
          // Without expand_vars an input holds what the includer or the pipeline runner typed (Developer
          // access); with it, variables such as $CI_MERGE_REQUEST_TITLE inside it become script text too.
          severity: expand ? 'high' : 'low',
          persona: expand ? 'regular' : 'pedantic',
          confidence: known ? 'high' : 'medium',
          message: `Input '${it.input}' is pasted into the script of ${where} as shell code${expand ? ', with the variables inside it expanded first (expand_vars), so a value like $CI_MERGE_REQUEST_TITLE becomes code' : ' (its value is chosen by whoever includes the file or runs the pipeline)'}${escaped ? '; posix_escape is not a safe guard for untrusted inputs' : ''}: constrain it in spec:inputs (options, regex, or type: boolean/number) or pass it through a variable`,
        });
      }
      // 2. Attacker-controlled variables: re-parsed as code only by eval, sh -c, ssh or a pipe into a shell.
      const refs = findVariables(line.value, line.offsetAt);
      if (!refs.length) continue;
      const tainted = taint(job);
      let shell: ReturnType<typeof readShell> | undefined;
      for (const r of refs) {
        const origin = ATTACKER_CONTROLLED.has(r.name) ? r.name : tainted.get(r.name);
        if (!origin) continue;
        shell ??= readShell(line.value);
        const via = origin === r.name ? '' : ` (set from ${origin})`;
        const sink = sinkAt(shell, r.index);
        if (sink) {
          ctx.report({
            span: r.span,
            message: `$${r.name}${via} is chosen by whoever pushes the branch or writes the commit/merge request, and ${sink.kind === 'eval' ? 'eval' : sink.kind === 'ssh' ? 'the remote shell of ssh' : sink.kind === 'pipe to shell' ? 'the shell it is piped into' : 'the inner shell of `-c`'} parses it again as code in ${where}: pass it as data (a single-quoted script reading "$${r.name}", or an argument)`,
          });
        } else if (shell.quotes[r.index] === 'none' && !SINGLE_WORD_VARIABLES.has(origin) && !noSplitAt(shell, r.index)) {
          // Ref names cannot hold whitespace or glob characters: unquoted, they stay one word.
          ctx.report({
            span: r.span,
            severity: 'low',
            confidence: 'medium',
            persona: 'auditor',
            message: `$${r.name}${via} is attacker-controlled and unquoted in ${where}: the shell does not run it as code, but splits and globs it (argument or option injection); quote it`,
            fixes: [quoteFix(line, ctx.text, r.span)].filter((f): f is Fix => !!f),
          });
        }
      }
    }

    // 3. Keywords GitLab expands itself before the job starts: the image to run.
    for (const job of p.jobs) {
      const imgs = [readImage(job.own.get('image')?.value, 'image', p.doc), ...readServices(job.own.get('services')?.value, p.doc)];
      for (const img of imgs) {
        if (!img) continue;
        for (const it of findInterpolations(img.name.value, (i) => img.name.span.start + i + (ctx.text[img.name.span.start] === '"' || ctx.text[img.name.span.start] === "'" ? 1 : 0))) {
          if (!it.input || constrained.has(it.input)) continue;
          ctx.report({ span: it.span, severity: 'medium', message: `Input '${it.input}' chooses the ${img.where === 'image' ? 'image' : 'service image'} ${jobLabel(job)} runs: constrain it with options or regex in spec:inputs` });
        }
        for (const r of findVariables(img.name.value)) {
          if (!ATTACKER_CONTROLLED.has(r.name)) continue;
          const off = img.name.span.start + (ctx.text[img.name.span.start] === '"' || ctx.text[img.name.span.start] === "'" ? 1 : 0);
          ctx.report({ span: { start: off + r.index, end: off + r.index + (r.braced ? r.name.length + 3 : r.name.length + 1) }, severity: 'medium', confidence: 'medium', message: `$${r.name} is attacker-controlled and picks the ${img.where === 'image' ? 'image' : 'service image'} of ${jobLabel(job)}: use $CI_COMMIT_REF_SLUG or a fixed tag` });
        }
      }
    }
  },
});
