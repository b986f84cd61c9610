import { isScalar } from 'yaml';
import { jobLabel, readVariables, type Job, type Pipeline, type Variable } from '../../model/gitlab.js';
import { get, spanOf } from '../../yaml/nodes.js';
import { readRules } from '../../model/gitlab.js';
import { defineRule } from '../rule.js';

const DEBUG = new Set(['CI_DEBUG_TRACE', 'CI_DEBUG_SERVICES']);

export default defineRule<Pipeline>({
  meta: {
    id: 'gitlab-debug-trace',
    platform: 'gitlab',
    kinds: ['gitlab-ci'],
    title: 'CI_DEBUG_TRACE or CI_DEBUG_SERVICES enabled',
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
    fixable: 'safe',
    equivalents: { poutine: ['debug_enabled'], glsec: ['GL033'] },
  },
  check(ctx) {
    const p = ctx.model;
    const visit = (vars: Variable[], job: Job | undefined) => {
      for (const v of vars) {
        if (!DEBUG.has(v.name) || !v.value || v.value.value.trim().toLowerCase() !== 'true') continue;
        const node = v.value.node;
        const span = spanOf(node);
        const fixes = span && isScalar(node) ? [{ title: `Set ${v.name} to "false"`, safe: true, edits: [{ start: span.start, end: span.end, newText: '"false"' }] }] : [];
        ctx.report({
          span: v.nameSpan,
          message: v.name === 'CI_DEBUG_TRACE'
            ? `CI_DEBUG_TRACE is on in ${jobLabel(job) === 'the default section' ? 'every job' : jobLabel(job)}: the runner prints every command with its expanded variables, so secrets and tokens can end up in the job log, readable by anyone who can see the job`
            : `CI_DEBUG_SERVICES is on in ${jobLabel(job) === 'the default section' ? 'every job' : jobLabel(job)}: service container logs, which can contain secrets, go to the job log`,
          fixes,
        });
      }
    };
    visit(p.variables, undefined);
    for (const job of p.jobs) {
      visit(readVariables(job.own.get('variables')?.value, p.doc), job);
      for (const r of readRules(job.own.get('rules')?.value, p.doc)) visit(readVariables(get(r.node, 'variables', p.doc), p.doc), job);
    }
    for (const r of readRules(get(p.workflow, 'rules', p.doc), p.doc)) visit(readVariables(get(r.node, 'variables', p.doc), p.doc), undefined);
  },
});
