import { isMap, type Node } from 'yaml';
import { get, getPair, keySpan, keyString, pairs, resolve, spanOf } from '../../yaml/nodes.js';
import { locate, locateKey } from '../../schema/locate.js';
import { getBundledSchema, getInstanceSchema, type KestraSchema } from '../../kestra/schema.js';
import { canonicalType, coreType, OTHER_CORE_TYPES } from '../../kestra/types.js';
import { fieldOf, type KestraFlow } from '../../model/kestra.js';
import type { YamlDocument } from '../../yaml/parse.js';
import type { Span } from '../../types.js';
import { defineRule } from '../rule.js';

/** The span a problem at `pointer` is reported on: a named key, else the value (a mapping: its first key). */
function spanFor(doc: YamlDocument, pointer: string, property: string | undefined, keyword: string): Span | undefined {
  if (property !== undefined && keyword !== 'required') return locate(doc, pointer, property);
  const whole = locate(doc, pointer);
  let node: unknown = doc.contents;
  for (const seg of pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))) {
    const n = resolve(node, doc);
    if (isMap(n)) node = getPair(n, seg, doc)?.value;
    else if (n && 'items' in (n as object)) node = (n as { items: unknown[] }).items[Number(seg)];
    else break;
  }
  const m = resolve(node, doc);
  if (isMap(m)) {
    // A mapping missing a property: underline its `id` (or `type`, or first key), not the whole block.
    const p = getPair(m, 'id', doc) ?? getPair(m, 'type', doc) ?? pairs(m, doc)[0];
    if (p) return keySpan(p);
  }
  return whole;
}

const CRON_MACROS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
const CRON_FIELD = /^[0-9A-Za-z*?/,#LW-]+$/;

/** Why a cron expression is invalid (field count and characters; ranges are left to Kestra), or undefined. */
export function cronProblem(cron: string, withSeconds: boolean): string | undefined {
  const v = cron.trim();
  if (v.startsWith('@')) return CRON_MACROS.has(v.toLowerCase()) ? undefined : `unknown macro (use one of ${[...CRON_MACROS].join(', ')})`;
  const fields = v.split(/\s+/);
  const expected = withSeconds ? 6 : 5;
  if (fields.length !== expected) return `${fields.length} field(s), expected ${expected} (${withSeconds ? 'second ' : ''}minute hour day-of-month month day-of-week)${!withSeconds && fields.length === 6 ? '; set withSeconds: true for a seconds field' : ''}`;
  const bad = fields.find((f) => !CRON_FIELD.test(f));
  return bad ? `'${bad}' is not a cron field` : undefined;
}

/** True when the value contains itself (an alias inside its own anchor), which JSON cannot express. */
function isCyclic(value: unknown): boolean {
  const path = new Set<unknown>();
  const rec = (v: unknown): boolean => {
    if (typeof v !== 'object' || v === null) return false;
    if (path.has(v)) return true;
    path.add(v);
    const found = Object.values(v as Record<string, unknown>).some(rec);
    path.delete(v);
    return found;
  };
  return rec(value);
}

export default defineRule<KestraFlow>({
  meta: {
    id: 'kestra-schema',
    platform: 'kestra',
    kinds: ['kestra-flow'],
    title: 'Flow does not match the Kestra flow schema',
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
  },
  check(ctx) {
    const flow = ctx.model;
    let schema: KestraSchema = getBundledSchema();
    if (ctx.settings.kestraSchema) {
      const inst = getInstanceSchema(ctx.settings.kestraSchema);
      if (inst.schema) schema = inst.schema;
      else ctx.report({ span: flow.id?.span ?? spanOf(flow.root) ?? { start: 0, end: 1 }, severity: 'info', message: `The Kestra server's flow schema could not be used (${inst.error}); checked against FlowGuard's offline schema instead` });
    }
    let value: unknown;
    const logLevel = ctx.doc.options.logLevel;
    try {
      ctx.doc.options.logLevel = 'error'; // complex keys are stringified: no console warning for that
      value = ctx.doc.toJS({ maxAliasCount: 1000 });
    } catch {
      return; // alias bombs and the like: yaml-syntax already says why
    } finally {
      ctx.doc.options.logLevel = logLevel;
    }
    if (isCyclic(value)) return; // a self-referencing alias: no flow Kestra could read
    const where = schema.origin === 'instance' ? "the Kestra server's schema" : 'the Kestra flow schema';
    for (const p of schema.validate(value)) {
      if (p.keyword === 'deprecated') {
        const span = locateKey(ctx.doc, p.pointer);
        if (span) ctx.report({ span, severity: 'low', message: `${p.pointer}: deprecated in this Kestra version (${where})` });
        continue;
      }
      const span = spanFor(ctx.doc, p.pointer, p.property, p.keyword);
      if (!span) continue;
      const at = p.pointer || '/';
      ctx.report({ span, message: `${at}: ${p.message} (${where})`, confidence: p.keyword === 'additionalProperties' && p.pointer !== '' ? 'medium' : 'high' });
    }
    // Kestra's own validators that a JSON Schema cannot express.
    for (const task of flow.tasks) {
      const type = task.type?.value;
      if (type && schema.origin === 'bundled' && /^io\.kestra\.plugin\.core\./i.test(canonicalType(type)) && !schema.knows(type) && !OTHER_CORE_TYPES.has(canonicalType(type))) {
        ctx.report({ span: task.type!.span, severity: 'medium', confidence: 'medium', message: `'${type}' is not a type of Kestra's core plugin that FlowGuard knows: check the spelling (Kestra rejects unknown types)` });
      }
      const parentType = task.parent?.type?.value;
      if (parentType && canonicalType(parentType) === 'io.kestra.plugin.core.flow.WorkingDirectory' && type && coreType(type)?.flowable) {
        ctx.report({ span: task.type!.span, message: `Only runnable tasks are allowed inside a WorkingDirectory task; '${type}' runs other tasks` });
      }
      const wg = getPair(task.node, 'workerGroup', ctx.doc);
      if (wg && parentType && canonicalType(parentType) === 'io.kestra.plugin.core.flow.WorkingDirectory') {
        ctx.report({ span: keySpan(wg) ?? task.span, message: 'Cannot set a workerGroup on a WorkingDirectory sub-task: it is only supported on the WorkingDirectory itself' });
      }
    }
    // Schedule cron: Kestra parses it with cron-utils (Unix, or Quartz-like with seconds) and rejects bad ones.
    for (const trigger of flow.triggers) {
      if (!trigger.type || canonicalType(trigger.type.value) !== 'io.kestra.plugin.core.trigger.Schedule') continue;
      const cron = fieldOf(trigger.node, 'cron', ctx.doc);
      if (!cron || cron.value.includes('{{')) continue;
      const withSeconds = fieldOf(trigger.node, 'withSeconds', ctx.doc)?.value === 'true';
      const problem = cronProblem(cron.value, withSeconds);
      if (problem) ctx.report({ span: cron.span, message: `Invalid cron expression '${cron.value}': ${problem}` });
    }
    // pluginDefaults values are merged into tasks: a property the type does not have is rejected.
    for (const d of flow.pluginDefaults) {
      const names = d.type && schema.propertyNames(d.type.value);
      if (!names) continue;
      for (const p of pairs(get(d.node, 'values', ctx.doc), ctx.doc)) {
        const k = keyString(p, ctx.doc);
        if (k !== undefined && !names.has(k)) ctx.report({ span: keySpan(p)!, message: `No property '${k}' exists in plugin '${d.type!.value}' (pluginDefaults values)`, confidence: 'medium' });
      }
    }
    for (const input of flow.inputs) {
      const validator = getPair(input.node, 'validator', ctx.doc);
      const v = validator && resolve(validator.value, ctx.doc);
      const text = v && 'value' in (v as object) ? (v as { value: unknown }).value : undefined;
      if (typeof text !== 'string' || text.includes('{{')) continue;
      try {
        new RegExp(text);
      } catch (e) {
        ctx.report({ span: spanOf(validator!.value as Node) ?? input.span, message: `Invalid input validator: '${text}' is not a valid regular expression (${(e as Error).message.replace(/^Invalid regular expression: /, '')})` });
      }
    }
  },
});
