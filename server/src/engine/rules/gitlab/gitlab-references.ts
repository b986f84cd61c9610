import { isScalar } from 'yaml';
import { field, readNeeds, referencesIn, stringList, type Job, type Pipeline } from '../../model/gitlab.js';
import { findJob, findTopLevel, isRootConfig, universe, type Universe } from '../../gitlab/workspace.js';
import { get, getPair, resolve } from '../../yaml/nodes.js';
import type { Span } from '../../types.js';
import { defineRule } from '../rule.js';

const ROOT_FILE = /^\.gitlab-ci\.ya?ml$/i;
const dynamic = (v: string) => v.includes('$');

/** Effective `stage:` of a job across `extends` (this file and included ones); GitLab's default is `test`. */
function stageOf(u: Universe, job: Job, pipeline: Pipeline, seen = new Set<Job>()): string | undefined {
  if (seen.has(job) || seen.size > 11) return undefined;
  seen.add(job);
  const own = field(job.node, 'stage', pipeline.doc);
  if (own) return own.value;
  for (const e of [...job.extends].reverse()) {
    const parent = findJob(u, e.value);
    if (!parent) return undefined; // unknown template: stage unknown
    const s = stageOf(u, parent.job, parent.pipeline, seen);
    if (s !== 'test' || parent.job.own.has('stage')) return s;
  }
  return job.extends.length && !u.complete ? undefined : 'test';
}

export default defineRule<Pipeline>({
  meta: {
    id: 'gitlab-references',
    platform: 'gitlab',
    kinds: ['gitlab-ci'],
    title: 'Reference to a job, template or stage that does not exist',
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
    equivalents: {},
  },
  check(ctx) {
    const p = ctx.model;
    if (p.isHeader) return;
    const u = universe(p, ctx.path, ctx.settings.workspace);
    const unknown = (what: string) => (u.complete ? '' : ` (not found in this file${u.pipelines.length > 1 ? ' or its local includes' : ''})`) + what;
    const missing = (name: string, kind: string, span: Span) =>
      ctx.report({ span, message: `${kind} '${name}' does not exist${unknown('')}` });

    // Stages: authoritative in the root .gitlab-ci.yml (default stages apply when none is declared) or
    // when this file declares them; an included file's jobs may use stages its includer declares.
    let stages: string[] | undefined;
    if (p.stages) stages = p.stages.values.map((v) => v.value);
    else if (ROOT_FILE.test(ctx.path) && u.complete) stages = u.stages ?? ['build', 'test', 'deploy'];
    const order = stages ? [...new Set(['.pre', ...stages, '.post'])] : undefined;
    if (stages && stages.some(dynamic)) stages = undefined;

    for (const job of p.jobs) {
      for (const e of job.extends) {
        if (dynamic(e.value)) continue;
        if (e.value === job.name) {
          ctx.report({ span: e.span, message: `Job '${job.name}' extends itself` });
          continue;
        }
        if (!findJob(u, e.value) && u.complete) missing(e.value, 'Template', e.span);
      }
      if (job.hidden) continue;
      const stage = field(job.node, 'stage', p.doc);
      if (order && stage && !dynamic(stage.value) && !order.includes(stage.value)) {
        ctx.report({ span: stage.span, message: `Stage '${stage.value}' is not declared in 'stages:' (${stages!.join(', ')})` });
      }
      const myStage = order ? stageOf(u, job, p) : undefined;
      const checkTarget = (name: string, span: Span, kw: 'needs' | 'dependencies') => {
        if (dynamic(name)) return;
        const target = findJob(u, name.replace(/ \d+\/\d+$/, '')) ?? findJob(u, name.replace(/: \[.*\]$/, ''));
        if (!target || target.job.hidden) {
          if (u.complete || target?.job.hidden) missing(name, target?.job.hidden ? `'${kw}' target is a hidden template, not a job:` : 'Job', span);
          return;
        }
        if (!order || !myStage) return;
        const theirs = stageOf(u, target.job, target.pipeline);
        if (!theirs) return;
        const a = order.indexOf(myStage);
        const b = order.indexOf(theirs);
        if (a >= 0 && b >= 0 && (b > a || (kw === 'dependencies' && b === a && !getPair(job.node, 'needs', p.doc)))) {
          ctx.report({ span, message: `Job '${job.name}' (stage '${myStage}') ${kw === 'needs' ? 'needs' : 'depends on'} '${name}', which runs in ${b === a ? 'the same' : 'a later'} stage '${theirs}'` });
        }
      };
      for (const n of readNeeds(get(job.node, 'needs', p.doc), p.doc)) {
        if (n.external || n.optional || !n.job) continue;
        checkTarget(n.job.value, n.job.span, 'needs');
      }
      for (const d of stringList(get(job.node, 'dependencies', p.doc), p.doc)) checkTarget(d.value, d.span, 'dependencies');
    }

    // Only a root config's local includes are certainly relative to this workspace (a shared template
    // repository's files resolve in the projects that include them).
    if (isRootConfig(ctx.path)) for (const inc of u.missing) {
      ctx.report({ span: inc.target!.span, confidence: 'medium', message: `Included file '${inc.target!.value}' does not exist in the workspace: the pipeline fails to load` });
    }

    // !reference [name, key, ...]: the name must exist, then each key inside it.
    for (const ref of referencesIn(p.root)) {
      if (!ref.path.length) continue;
      if (ref.path.some((s) => dynamic(s.value))) continue;
      const top = findTopLevel(u, ref.path[0].value);
      if (!top) {
        if (u.complete) missing(ref.path[0].value, '!reference target', ref.path[0].span);
        continue;
      }
      let cur: unknown = top.node;
      for (const seg of ref.path.slice(1)) {
        const n = resolve(cur, top.doc);
        if (n && 'tag' in n && n.tag === '!reference') break; // nested reference: resolved by GitLab, not checked here
        const next = n && 'items' in n && !isScalar(n) && /^\d+$/.test(seg.value) && !getPair(n, seg.value, top.doc) ? (n.items as unknown[])[Number(seg.value)] : get(n, seg.value, top.doc);
        if (next === undefined || next === null) {
          const hasExtends = !!getPair(top.node, 'extends', top.doc);
          if (!hasExtends) ctx.report({ span: seg.span, message: `!reference: '${ref.path.map((s) => s.value).slice(0, ref.path.indexOf(seg)).join('.')}' has no key '${seg.value}'` });
          break;
        }
        cur = next;
      }
      // A reference inside the very section it copies never resolves.
      const target = resolve(cur, top.doc) as { range?: [number, number, number] } | undefined;
      if (top.doc === p.doc && target?.range && ref.span.start >= target.range[0] && ref.span.end <= target.range[1] && ref.path.length > 1) {
        ctx.report({ span: ref.span, message: `!reference [${ref.path.map((s) => s.value).join(', ')}] points to the section that contains it: the chain is circular` });
      }
    }

    // extends cycles: GitLab rejects the whole configuration.
    for (const job of p.jobs) {
      const stack: string[] = [];
      const cyclic = (name: string, depth: number): boolean => {
        if (depth > 11) return false;
        if (stack.includes(name)) return name === job.name;
        const j = findJob(u, name);
        if (!j) return false;
        stack.push(name);
        const found = j.job.extends.some((e) => cyclic(e.value, depth + 1));
        stack.pop();
        return found;
      };
      for (const e of job.extends) {
        if (e.value === job.name) continue;
        stack.length = 0;
        stack.push(job.name);
        if (cyclic(e.value, 1)) ctx.report({ span: e.span, message: `'extends: ${e.value}' leads back to '${job.name}': circular extends` });
      }
    }
  },
});


