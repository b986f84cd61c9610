import { isMap, type Scalar } from 'yaml';
import type { PebbleRef, PebbleTag } from '../../expressions/pebble.js';
import { TaintAnalysis, scalarsOf, sinksOf, type Sink, type Taint } from '../../kestra/taint.js';
import type { KestraFlow } from '../../model/kestra.js';
import { getPair, keySpan, pairs, resolve, spanOf } from '../../yaml/nodes.js';
import type { Fix, TextEdit } from '../../types.js';
import type { RuleContext } from '../rule.js';
import { defineRule } from '../rule.js';

const WHAT: Record<Sink['kind'], string> = {
  shell: 'shell commands',
  code: 'script source code',
  sql: 'an SQL query',
  'task-spec': 'the definition of the task to run',
};

const ROOT_NAME: Record<string, string> = { inputs: 'INPUT', trigger: 'TRIGGER', outputs: 'OUTPUT', execution: 'EXECUTION', labels: 'LABEL', taskrun: 'TASKRUN', parents: 'PARENT', parent: 'PARENT' };

/** `inputs.repo_url` -> `INPUT_REPO_URL`. */
export function envName(ref: PebbleRef): string {
  const [root, ...rest] = ref.path.split('.');
  const name = [ROOT_NAME[root] ?? root, ...rest.filter((s) => s !== '*')].join('_').replace(/[^A-Za-z0-9_]/g, '_').toUpperCase();
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/** Shell quoting state at the end of `s` (one shell line). */
function shellQuote(s: string): 'none' | 'single' | 'double' {
  let state: 'none' | 'single' | 'double' = 'none';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (state === 'single') {
      if (c === "'") state = 'none';
    } else if (c === '\\') i++;
    else if (state === 'double') {
      if (c === '"') state = 'none';
    } else if (c === "'") state = 'single';
    else if (c === '"') state = 'double';
    else if (c === '#' && (i === 0 || /\s/.test(s[i - 1]))) return state; // a comment: nothing after counts
  }
  return state;
}

const yamlDouble = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** Python code where the expression is a whole string literal: `"{{ inputs.x }}"` -> `os.environ["INPUT_X"]`. */
function pythonUse(ctx: RuleContext<KestraFlow>, sink: Sink, scalar: Scalar, tag: PebbleTag, name: string): TextEdit[] | undefined {
  const type = sink.task.type ? sink.task.type.value : '';
  const python = (sink.property === 'script' && /\.scripts\.python\.|\.core\.tasks\.scripts\.Python$/i.test(type)) || /^inputFiles\..+\.py$/i.test(sink.property);
  if (!python || scalar.type !== 'BLOCK_LITERAL' || !scalar.range) return undefined;
  const text = ctx.text;
  const q = text[tag.span.start - 1];
  if ((q !== '"' && q !== "'") || text[tag.span.end] !== q) return undefined;
  // Prefixed (f"", r"", b"") or triple-quoted literals are left to the author.
  if (/[A-Za-z]/.test(text[tag.span.start - 2] ?? '') || text[tag.span.start - 2] === q || text[tag.span.end + 1] === q) return undefined;
  const edits: TextEdit[] = [{ start: tag.span.start - 1, end: tag.span.end + 1, newText: `os.environ["${name}"]` }];
  const body = text.slice(scalar.range[0], scalar.range[1]);
  if (!/^[ \t]*import[ \t]+os\b/m.test(body)) {
    const firstLine = ctx.lines.position(scalar.range[0]).line + 1;
    const lineText = ctx.lines.lineText(firstLine);
    const indent = /^[ \t]*/.exec(lineText)![0];
    const at = ctx.lines.lineStart(firstLine) + indent.length;
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    edits.push({ start: at, end: at, newText: `import os${eol}${indent}` });
  }
  return edits;
}

/** Shell code: the variable, quoted for where the expression stood. */
function shellUse(ctx: RuleContext<KestraFlow>, sink: Sink, scalar: Scalar, tag: PebbleTag, name: string): TextEdit[] | undefined {
  if (sink.kind !== 'shell' || !scalar.range) return undefined;
  const text = ctx.text;
  const type = scalar.type ?? 'PLAIN';
  const quoted = type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE';
  if (type === 'PLAIN' && tag.span.start === scalar.range[0]) return undefined;
  const lineStart = ctx.lines.lineStart(ctx.lines.position(tag.span.start).line);
  let before = text.slice(Math.max(lineStart, scalar.range[0] + (quoted ? 1 : 0)), tag.span.start);
  if (type === 'QUOTE_DOUBLE') before = before.replace(/\\(["\\])/g, '$1');
  if (type === 'QUOTE_SINGLE') before = before.replace(/''/g, "'");
  const state = shellQuote(before);
  let replacement = state === 'single' ? `'"\${${name}}"'` : state === 'double' ? `\${${name}}` : `"\${${name}}"`;
  if (type === 'QUOTE_DOUBLE') replacement = replacement.replace(/"/g, '\\"');
  if (type === 'QUOTE_SINGLE') replacement = replacement.replace(/'/g, "''");
  return [{ start: tag.span.start, end: tag.span.end, newText: replacement }];
}

/**
 * Moves the expression into the task's `env:` and reads the variable instead: in shell commands
 * (quoting kept exact) and in Python code where the expression is a whole string literal.
 */
function envFix(ctx: RuleContext<KestraFlow>, sink: Sink, scalar: Scalar, tag: PebbleTag, ref: PebbleRef): Fix | undefined {
  const name = envName(ref);
  const use = shellUse(ctx, sink, scalar, tag, name) ?? pythonUse(ctx, sink, scalar, tag, name);
  if (!use) return undefined;
  const text = ctx.text;
  const edits: TextEdit[] = [...use];
  const value = yamlDouble(text.slice(tag.span.start, tag.span.end));
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const endOfLine = (offset: number) => {
    let o = offset;
    while (o > 0 && /\s/.test(text[o - 1])) o--;
    const line = ctx.lines.position(Math.max(0, o - 1)).line;
    return ctx.lines.lineStart(line) + ctx.lines.lineText(line).length;
  };
  const envPair = getPair(sink.task.node, 'env', ctx.doc);
  if (envPair) {
    const env = resolve(envPair.value, ctx.doc);
    if (!isMap(env) || env.flow || !env.items.length) return undefined;
    const existing = getPair(env, name, ctx.doc);
    if (existing) {
      // The same variable already holds exactly this expression: only the use changes.
      const v = spanOf(existing.value);
      if (!v || text.slice(v.start, v.end).replace(/^["']|["']$/g, '') !== text.slice(tag.span.start, tag.span.end)) return undefined;
    } else {
      const first = keySpan(pairs(env, ctx.doc)[0]);
      const last = pairs(env, ctx.doc).at(-1)!;
      const end = spanOf(last.value) ?? keySpan(last);
      if (!first || !end) return undefined;
      const indent = ' '.repeat(ctx.lines.position(first.start).character);
      const at = endOfLine(end.end);
      edits.push({ start: at, end: at, newText: `${eol}${indent}${name}: ${value}` });
    }
  } else {
    const firstKey = keySpan(pairs(sink.task.node, ctx.doc)[0]);
    const taskEnd = spanOf(sink.task.node)?.end;
    if (!firstKey || taskEnd === undefined) return undefined;
    const indent = ' '.repeat(ctx.lines.position(firstKey.start).character);
    const at = endOfLine(taskEnd);
    edits.push({ start: at, end: at, newText: `${eol}${indent}env:${eol}${indent}  ${name}: ${value}` });
  }
  return { title: `Pass ${ref.path} through env: as ${name}`, safe: false, edits };
}

export function findInjections(ctx: RuleContext<KestraFlow>) {
  const analysis = new TaintAnalysis(ctx.model, ctx.doc, ctx.text);
  const out: { sink: Sink; scalar: Scalar; tag: PebbleTag; ref: PebbleRef; taint: Taint }[] = [];
  for (const task of ctx.model.tasks) {
    for (const sink of sinksOf(task, ctx.doc)) {
      for (const scalar of scalarsOf(sink.node, ctx.doc)) {
        for (const hit of analysis.scalarHits(scalar, task)) out.push({ sink, scalar, ...hit });
      }
    }
  }
  // Polling triggers (JDBC...) run their `sql` too.
  for (const trigger of ctx.model.triggers) {
    const sql = getPair(trigger.node, 'sql', ctx.doc);
    if (!sql?.value) continue;
    const pseudo = { node: trigger.node, span: trigger.span, pointer: trigger.pointer, id: trigger.id, type: trigger.type, section: 'tasks' as const, depth: 0 };
    for (const scalar of scalarsOf(sql.value, ctx.doc)) for (const hit of analysis.scalarHits(scalar, undefined)) out.push({ sink: { task: pseudo, property: 'sql', kind: 'sql', node: sql.value as never }, scalar, ...hit });
  }
  return out;
}

export default defineRule<KestraFlow>({
  meta: {
    id: 'kestra-pebble-injection',
    platform: 'kestra',
    kinds: ['kestra-flow'],
    title: 'Untrusted data interpolated into a script, command or query',
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
    fixable: 'unsafe',
  },
  check(ctx) {
    for (const { sink, scalar, tag, ref, taint } of findInjections(ctx)) {
      const taskName = sink.task.id?.value ?? '?';
      const env = `\`${envName(ref)}: "{{ ${ref.path} }}"\``;
      const how =
        sink.kind === 'sql'
          ? 'use query parameters or validate it with a restrictive input `validator`'
          : sink.kind === 'task-spec'
            ? 'do not build task definitions from it'
            : sink.kind === 'code'
              ? `pass it through \`env:\` (${env}) and read the variable in the code (os.environ in Python, Sys.getenv in R...), or write it to a data file with \`inputFiles\``
              : `pass it through \`env:\` (${env}, then "$${envName(ref)}") or \`inputFiles\``;
      const fix = envFix(ctx, sink, scalar, tag, ref);
      ctx.report({
        span: tag.span,
        severity: taint.severity,
        confidence: taint.confidence,
        message: `'${ctx.text.slice(tag.span.start, tag.span.end)}' puts ${taint.source} into ${WHAT[sink.kind]} (\`${sink.property}\` of task '${taskName}'): Pebble renders it before the task runs, so crafted text becomes code; ${how}`,
        fixes: fix ? [fix] : undefined,
      });
    }
  },
});
