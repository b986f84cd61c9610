import { effective, field, jobLabel, readRules, stringList, visibleJobs, type Job, type Pipeline } from '../../model/gitlab.js';
import { get, getPair, resolve, scalarString } from '../../yaml/nodes.js';
import { defineRule } from '../rule.js';

const PROD = /(^|[-_/ .])(prod|production|live|release)([-_/ .]|$)/i;
/** Conditions that tie a job to refs only maintainers can push. */
const REF_GUARD = /CI_COMMIT_REF_PROTECTED|CI_DEFAULT_BRANCH|CI_COMMIT_TAG|CI_COMMIT_(BRANCH|REF_NAME)\s*(==|=~)/;
/** Merge request rules limited to branches of this project (no forks). */
const SAME_PROJECT = /CI_MERGE_REQUEST_SOURCE_PROJECT_(ID|PATH)\s*==\s*\$\{?CI_PROJECT_(ID|PATH)\b/;
const MR = /CI_PIPELINE_SOURCE\s*==\s*["']merge_request_event["']|CI_MERGE_REQUEST_(IID|ID|SOURCE_BRANCH_NAME)\b(?!\s*==\s*null)/;

function deployKind(p: Pipeline, job: Job): string | undefined {
  const env = effective(p, job, 'environment')?.value;
  const name = scalarString(env, p.doc) ?? scalarString(get(env, 'name', p.doc), p.doc);
  const tier = scalarString(get(env, 'deployment_tier', p.doc), p.doc);
  const action = scalarString(get(env, 'action', p.doc), p.doc);
  if (action && action !== 'start') return undefined;
  if (tier === 'production' || (name && PROD.test(name) && !name.includes('$'))) return `deploys to the environment '${name ?? tier}'`;
  if (effective(p, job, 'release')) return 'creates a release';
  if (effective(p, job, 'secrets')) return 'fetches secrets (secrets:)';
  return undefined;
}

function hasForeignTemplate(p: Pipeline, job: Job, seen = new Set<Job>()): boolean {
  if (seen.has(job)) return false;
  seen.add(job);
  return job.extends.some((e) => {
    const t = p.byName.get(e.value);
    return !t || hasForeignTemplate(p, t, seen);
  });
}

export default defineRule<Pipeline>({
  meta: {
    id: 'gitlab-unprotected-deploy',
    platform: 'gitlab',
    kinds: ['gitlab-ci'],
    title: 'Deploy job that can run on unprotected refs or in merge request pipelines',
    severity: 'medium',
    confidence: 'medium',
    persona: 'regular',
    equivalents: { glsec: ['GL080', 'GL053'] },
  },
  check(ctx) {
    const p = ctx.model;
    const workflowIfs = readRules(get(p.workflow, 'rules', p.doc), p.doc).filter((r) => r.when?.value !== 'never').map((r) => r.if?.value ?? '');
    const workflowGuarded = workflowIfs.length > 0 && workflowIfs.every((c) => REF_GUARD.test(c));
    for (const job of visibleJobs(p)) {
      const what = deployKind(p, job);
      if (!what) continue;
      // Rules may come from a template in another file: unknown, so not judged.
      if (hasForeignTemplate(p, job)) continue;
      const rulesEff = effective(p, job, 'rules');
      const rules = readRules(rulesEff?.value, p.doc);
      if (rules.some((r) => r.reference) || (rulesEff && !resolve(rulesEff.value, p.doc))) continue; // rules from elsewhere: unknown
      const only = effective(p, job, 'only')?.value;
      const onlyRefs = stringList(getPair(only, 'refs', p.doc)?.value ?? only, p.doc).map((f) => f.value);
      const label = `${jobLabel(job)[0].toUpperCase()}${jobLabel(job).slice(1)}`;
      const mrRule = rules.find((r) => r.if && MR.test(r.if.value) && r.when?.value !== 'never' && !REF_GUARD.test(r.if.value) && !(what.startsWith('fetches') && SAME_PROJECT.test(r.if.value)));
      if (mrRule?.if || onlyRefs.includes('merge_requests')) {
        ctx.report({
          span: mrRule?.if?.span ?? job.nameSpan,
          severity: 'high',
          message: `${label} ${what} and runs in merge request pipelines, whose code comes from the merge request (forks included) and is not reviewed yet; ${what.startsWith('fetches') ? 'exclude fork merge requests ($CI_MERGE_REQUEST_SOURCE_PROJECT_ID == $CI_PROJECT_ID) or run it on protected refs only' : 'deploy only from protected refs (if: $CI_COMMIT_REF_PROTECTED == "true")'}`,
        });
        continue;
      }
      const guarded = workflowGuarded || rules.some((r) => r.if && REF_GUARD.test(r.if.value) && r.when?.value !== 'never') || (onlyRefs.length > 0 && onlyRefs.every((r) => r !== 'branches' && r !== 'merge_requests' && r !== 'pushes'));
      // Secrets on unprotected branches are the secrets manager's policy (bound to ref claims); only the
      // fork case above is judged for them.
      if (guarded || what.startsWith('fetches')) continue;
      const manual = field(job.node, 'when', p.doc)?.value === 'manual' || rules.some((r) => r.when?.value === 'manual');
      ctx.report({
        span: job.nameSpan,
        confidence: 'low',
        persona: 'pedantic',
        message: `${label} ${what} but nothing ties it to protected refs: it can run for any pushed branch${manual ? ' (manually, by any developer)' : ''}, with the deploy credentials, unless the environment is protected in the project settings; add rules: - if: $CI_COMMIT_REF_PROTECTED == "true"`,
      });
    }
  },
});
