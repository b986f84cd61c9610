import { isScalar } from 'yaml';
import { field, jobLabel, type Pipeline } from '../../model/gitlab.js';
import { get, getPair, keySpan, resolve, scalarString } from '../../yaml/nodes.js';
import { defineRule } from '../rule.js';

export default defineRule<Pipeline>({
  meta: {
    id: 'gitlab-forward-pipeline-variables',
    platform: 'gitlab',
    kinds: ['gitlab-ci'],
    title: 'Trigger forwards pipeline variables to the downstream pipeline',
    severity: 'medium',
    confidence: 'high',
    persona: 'regular',
    fixable: 'unsafe',
    equivalents: { glsec: ['GL010'] },
  },
  check(ctx) {
    const p = ctx.model;
    for (const job of p.jobs) {
      const trigger = job.own.get('trigger')?.value;
      const forward = get(trigger, 'forward', p.doc);
      const pair = getPair(forward, 'pipeline_variables', p.doc);
      if (!pair || scalarString(pair.value, p.doc) !== 'true') continue;
      const project = field(trigger, 'project', p.doc)?.value;
      const value = resolve(pair.value, p.doc);
      const range = isScalar(value) ? value.range : undefined;
      ctx.report({
        span: keySpan(pair) ?? job.nameSpan,
        severity: project ? 'high' : 'medium',
        message: `${jobLabel(job)[0].toUpperCase()}${jobLabel(job).slice(1)} forwards the variables its pipeline was started with (API, schedule, "Run pipeline" form, upstream trigger) to ${project ? `the pipeline of project '${project}'` : 'its child pipeline'}, where they override that pipeline's own variables and can reach its secrets and deploy jobs`,
        fixes: range ? [{ title: 'Stop forwarding pipeline variables', safe: false, edits: [{ start: range[0], end: range[1], newText: 'false' }] }] : [],
      });
    }
  },
});
