// Every `if:` of a workflow (jobs and steps) or composite action, with the expressions in it: shared by
// the condition rules (unsound-condition, unsound-contains, bot-conditions, unsound-ternary).
import { findExpressions, parseBareExpression, type Expression } from '../expressions/github.js';
import type { ActionMetadata, Job, ScalarField, Step, Workflow } from '../model/github.js';

export interface Condition {
  field: ScalarField;
  job?: Job;
  step?: Step;
  /** `${{ }}` expressions, or the whole value parsed as a bare expression. */
  expressions: Expression[];
  /** True when the value is written without `${{ }}` (the usual form). */
  bare: boolean;
}

export function conditionsOf(model: Workflow | ActionMetadata, text: string): Condition[] {
  const out: Condition[] = [];
  const add = (field: ScalarField | undefined, job?: Job, step?: Step) => {
    if (!field) return;
    const { start, end } = field.span;
    const exprs = findExpressions(text, start, end);
    if (exprs.length) out.push({ field, job, step, expressions: exprs, bare: false });
    else if (field.value.trim()) {
      // The source of a plain or quoted scalar: parse the value, offsets through the source when they agree.
      const src = text.slice(start, end);
      const offset = src === field.value ? start : src.indexOf(field.value) >= 0 ? start + src.indexOf(field.value) : -1;
      const expr = offset >= 0 ? parseBareExpression(text, offset, offset + field.value.length) : parseBareExpression(field.value, 0, field.value.length);
      out.push({ field, job, step, expressions: offset >= 0 ? [expr] : [], bare: true });
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
  return out;
}
