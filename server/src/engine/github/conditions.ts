// Every `if:` of a workflow (jobs and steps) or composite action, with the expressions in it: shared by
// the condition rules (unsound-condition, unsound-contains, bot-conditions, unsound-ternary).
import { expressionsIn, parseBareExpressionIn, type Expression } from '../expressions/github.js';
import type { Node } from 'yaml';
import type { ActionMetadata, Job, ScalarField, Step, Workflow } from '../model/github.js';
import { scriptText, sourceOffset } from './script.js';

export interface Condition {
  field: ScalarField;
  job?: Job;
  step?: Step;
  /** `${{ }}` expressions, or the whole value parsed as a bare expression. */
  expressions: Expression[];
  /** True when the value is written without `${{ }}` (the usual form). */
  bare: boolean;
}

/** Per model: four rules read the same conditions (results are never mutated). */
const cache = new WeakMap<Workflow | ActionMetadata, { text: string; conditions: Condition[] }>();

export function conditionsOf(model: Workflow | ActionMetadata, text: string): Condition[] {
  const hit = cache.get(model);
  if (hit && hit.text === text) return hit.conditions;
  const out: Condition[] = [];
  const add = (field: ScalarField | undefined, job?: Job, step?: Step) => {
    if (!field) return;
    const { start, end } = field.span;
    const exprs = expressionsIn(text, start, end);
    if (exprs.length) out.push({ field, job, step, expressions: exprs, bare: false });
    else if (field.value.trim()) {
      // Parse the source between the first and last character of the value: block scalars only add
      // indentation there, which the expression parser skips. Quoted scalars with escapes are left out.
      const script = scriptText(field.node as Node, text);
      const first = field.value.search(/\S/);
      const last = field.value.length - (field.value.length - field.value.trimEnd().length);
      const exact = script?.exact && (script.style !== 'single' || !field.value.includes("'")) && (script.style !== 'double' || !/[\\"]/.test(text.slice(start, end).slice(1, -1)));
      const expressions = script && exact ? [parseBareExpressionIn(text, sourceOffset(script, first), sourceOffset(script, last - 1) + 1)] : [];
      out.push({ field, job, step, expressions, bare: true });
    }
  };
  if ('jobs' in model) {
    for (const job of model.jobs) {
      add(job.if, job);
      for (const step of job.steps) add(step.if, job, step);
    }
  } else {
    for (const step of model.steps) add(step.if, undefined, step);
  }
  cache.set(model, { text, conditions: out });
  return out;
}
