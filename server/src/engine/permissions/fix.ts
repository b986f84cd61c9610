// Quick fixes that write least-privilege `permissions:` blocks: for one job, or for the whole
// workflow (`permissions: {}` at the top and a block per job). Each scope line carries a short comment
// naming the step that needs it. Only the block is rewritten; the rest of the file is kept as is.
import { isMap } from 'yaml';
import type { Fix, TextEdit } from '../types.js';
import type { JobPermissions, ScopeChoice, WorkflowPermissions } from './solver.js';
import { LEVEL_RANK, sortByScope, type Level, type PermissionScope } from './scopes.js';

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

function comment(choice: ScopeChoice): string {
  const seen: string[] = [];
  // Name first what needs the level written (the write, not the checkout's read).
  const ordered = [...choice.needs].sort((a, b) => Number(b.level === choice.level) - Number(a.level === choice.level));
  for (const n of ordered) {
    const what = n.why ? `${n.by} ${n.why}` : n.by;
    if (!seen.includes(what)) seen.push(what);
  }
  const first = seen[0].replace(/\s+/g, ' ').replace(/#/g, '');
  const text = seen.length > 1 ? `${first} (+${seen.length - 1} more)` : first;
  return text.length > 100 ? text.slice(0, 97) + '...' : text;
}

/** `permissions:` followed by one line per scope (or `permissions: {}`), indented for column `col`. */
export function blockText(minimal: ReadonlyMap<PermissionScope, ScopeChoice>, col: number): string {
  if (minimal.size === 0) return 'permissions: {}';
  const pad = ' '.repeat(col + 2);
  const lines = [...minimal].map(([scope, c]) => `${pad}${scope}: ${c.level} # ${comment(c)}`);
  return `permissions:\n${lines.join('\n')}`;
}

/**
 * The block the fix writes: the minimal block, plus, for a job with a step FlowGuard could not analyse,
 * every scope its explicit block grants today (that step may use it; the fix must not break it).
 */
export function fixBlock(jp: JobPermissions): Map<PermissionScope, ScopeChoice> {
  const block = jp.grant.block;
  if (jp.status !== 'unknown' || !jp.grant.valid || jp.grant.source === 'default' || block?.shape !== 'map') return jp.minimal;
  const out = new Map(jp.minimal);
  const why = jp.unknown[0];
  for (const [scope, level] of Object.entries(jp.grant.upper) as [PermissionScope, Level][]) {
    if (level === 'none' || LEVEL_RANK[out.get(scope)?.level ?? 'none'] >= LEVEL_RANK[level]) continue;
    out.set(scope, { level, needs: [{ scope, level, by: 'kept', why: `(granted today; ${why ? `'${why.step}' could not be analysed` : 'a step could not be analysed'})`, span: why?.span ?? jp.job.idSpan, step: why?.step ?? '', certain: false }] });
  }
  return new Map(sortByScope([...out]));
}

const EDITS = new WeakMap<JobPermissions, { text: string; edits: TextEdit[] | undefined }>();

/**
 * Edits that give one job its least-privilege block (replacing any block it has). Worked out once per
 * job and document: each finding's job fix and the whole-workflow fix get their own copies.
 */
export function jobEdits(jp: JobPermissions, text: string): TextEdit[] | undefined {
  let hit = EDITS.get(jp);
  if (!hit || hit.text !== text) EDITS.set(jp, (hit = { text, edits: computeJobEdits(jp, text) }));
  return hit.edits?.map((e) => ({ ...e }));
}

function computeJobEdits(jp: JobPermissions, text: string): TextEdit[] | undefined {
  const job = jp.job;
  const block = job.permissions;
  const target = fixBlock(jp);
  if (block) {
    // Already exactly right (levels): leave the block and its comments alone.
    if (block.shape === 'map' && jp.grant.source === 'job' && jp.grant.valid && (Object.entries(jp.grant.upper) as [PermissionScope, Level][]).every(([s, l]) => (target.get(s)?.level ?? 'none') === l)) return [];
    const col = columnOf(text, block.keySpan.start);
    const value = block.node as { range?: [number, number, number] } | undefined;
    let end = value?.range?.[1] ?? block.span.end;
    const isBlockMap = isMap(block.node) && !(block.node as { flow?: boolean }).flow;
    let newText = blockText(target, col);
    if (isBlockMap && text[end - 1] === '\n') newText += '\n';
    else if (!isBlockMap) {
      // A scalar or flow value: replace up to the end of its line (a trailing comment goes with it).
      const eol = text.indexOf('\n', end);
      end = eol === -1 ? text.length : eol;
    }
    return [{ start: block.keySpan.start, end, newText }];
  }
  const first = job.node.items[0] as { key?: { range?: [number, number, number] } } | undefined;
  const at = first?.key?.range?.[0];
  if (at === undefined || (job.node as { flow?: boolean }).flow) return undefined;
  const col = columnOf(text, at);
  return [{ start: at, end: at, newText: `${blockText(target, col)}\n${' '.repeat(col)}` }];
}

export function jobFix(jp: JobPermissions, text: string): Fix | undefined {
  const edits = jobEdits(jp, text);
  if (!edits?.length) return undefined;
  return {
    title: `Set least-privilege permissions for job '${jp.job.id}'${jp.status === 'unknown' ? ' (some steps could not be analysed: check the result)' : ''}`,
    safe: jp.status === 'known' && jp.grant.valid,
    edits,
  };
}

/** `permissions: {}` at the top and the minimal block on every job. */
export function workflowFix(wp: WorkflowPermissions, text: string): Fix | undefined {
  const wf = wp.workflow;
  const edits: TextEdit[] = [];
  if (wf.permissions) {
    const value = wf.permissions.node as { range?: [number, number, number] } | undefined;
    let end = value?.range?.[1] ?? wf.permissions.span.end;
    const isBlockMap = isMap(wf.permissions.node) && !(wf.permissions.node as { flow?: boolean }).flow;
    if (!isBlockMap) {
      const eol = text.indexOf('\n', end);
      end = eol === -1 ? text.length : eol;
    } else if (text[end - 1] === '\n') end -= 1;
    edits.push({ start: wf.permissions.keySpan.start, end, newText: 'permissions: {}' });
  } else {
    const at = (wf.jobsPair?.key as { range?: [number, number, number] } | undefined)?.range?.[0];
    if (at === undefined) return undefined;
    edits.push({ start: at, end: at, newText: `permissions: {}\n${' '.repeat(columnOf(text, at))}` });
  }
  for (const jp of wp.jobs) {
    const e = jobEdits(jp, text);
    if (!e) return undefined;
    edits.push(...e);
  }
  const unknown = wp.jobs.filter((j) => j.status === 'unknown').map((j) => j.job.id);
  return {
    title: `Set least-privilege permissions for the whole workflow${unknown.length ? ` (jobs ${unknown.map((j) => `'${j}'`).join(', ')} could not be fully analysed: check the result)` : ''}`,
    safe: unknown.length === 0 && wp.jobs.every((j) => j.grant.valid),
    edits,
  };
}
