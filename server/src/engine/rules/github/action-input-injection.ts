import { isScalar } from 'yaml';
import { expressionsIn, findExpressions } from '../../expressions/github.js';
import { gradeContext, type Scope } from '../../github/contexts.js';
import { buildAction, stepsOf, type ActionMetadata, type Step, type Workflow } from '../../model/github.js';
import { actionKey } from '../../online/facts.js';
import type { YamlDocument } from '../../yaml/parse.js';
import { keyString, pairs, resolve, spanOf } from '../../yaml/nodes.js';
import { parseYaml } from '../../yaml/parse.js';
import { defineRule, type RuleContext } from '../rule.js';

/** Inputs a composite action pastes into a `run:` script as `${{ inputs.x }}`, with the step that does it. */
function inputsReachingRun(text: string): Map<string, string> | undefined {
  const file = parseYaml(text);
  const doc = file.documents[0];
  const action = doc ? buildAction(doc) : undefined;
  if (!action || action.using?.value !== 'composite') return undefined;
  const out = new Map<string, string>();
  for (const step of action.steps) {
    const run = step.run;
    if (!run) continue;
    const node = run.node as { range?: [number, number, number] };
    if (!node.range) continue;
    for (const e of findExpressions(text, node.range[0], node.range[1])) {
      for (const c of e.contexts) {
        const [root, name] = c.path.split('.');
        if (root === 'inputs' && name && name !== '*' && c.flowsToResult && !out.has(name)) out.set(name, step.name?.value ?? step.id?.value ?? `step ${step.index + 1}`);
      }
    }
  }
  return out;
}

/** The action's metadata: a local action through the workspace view, a remote one from online facts. */
function metadataFor(step: Step, ctx: RuleContext<Workflow | ActionMetadata>): { text: string; what: string } | undefined {
  const ref = step.uses?.ref;
  if (!ref) return undefined;
  if (ref.kind === 'local' && ref.path) {
    const dir = ref.path.replace(/^\.\//, '').replace(/\/$/, '');
    const ws = ctx.settings.workspace;
    const text = ws?.readFile(`${dir}/action.yml`) ?? ws?.readFile(`${dir}/action.yaml`);
    return text === undefined ? undefined : { text, what: `the local action ${ref.path}` };
  }
  if (ref.kind === 'repository' && ref.owner && ref.repo && ref.ref) {
    const text = ctx.settings.online?.actions[actionKey(ref.owner, ref.repo, ref.path, ref.ref)];
    return text === undefined ? undefined : { text, what: `${ref.owner}/${ref.repo}${ref.path ? '/' + ref.path : ''}` };
  }
  return undefined;
}

export default defineRule<Workflow | ActionMetadata>({
  meta: {
    id: 'action-input-injection',
    platform: 'github',
    kinds: ['github-workflow', 'github-action'],
    title: 'Untrusted value passed to an action input that the action pastes into a script',
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
  },
  check(ctx) {
    const { doc } = ctx;
    const workflow = 'jobs' in ctx.model ? ctx.model : undefined;
    const action = 'jobs' in ctx.model ? undefined : ctx.model;
    for (const step of stepsOf(ctx.model)) {
      if (!step.uses || !step.with) continue;
      const meta = metadataFor(step, ctx);
      if (!meta) continue;
      const sinks = inputsReachingRun(meta.text);
      if (!sinks?.size) continue;
      const scope: Scope = { doc, text: ctx.text, workflow, action, job: step.job, step, steps: step.job ? step.job.steps : (action?.steps ?? []) };
      for (const p of pairs(step.with, doc as YamlDocument)) {
        const input = keyString(p, doc);
        const sinkStep = input ? sinks.get(input) : undefined;
        const value = resolve(p.value, doc);
        const span = spanOf(p.value);
        if (!sinkStep || !isScalar(value) || !span || !ctx.text.slice(span.start, span.end).includes('${{')) continue;
        for (const e of expressionsIn(ctx.text, span.start, span.end)) {
          for (const c of e.contexts) {
            if (!c.flowsToResult) continue;
            const grade = gradeContext(c, scope);
            if (grade.capability !== 'arbitrary') continue;
            ctx.report({
              span: c.span,
              message: `'${c.path}' is passed as input '${input}' to ${meta.what}, which pastes \${{ inputs.${input} }} into the script of its step '${sinkStep}': whoever controls the value can run commands there. Pass it through an environment variable inside the action, or sanitize it first`,
            });
          }
        }
      }
    }
  },
});
