// What GITHUB_TOKEN each job of a workflow gets, and how many of its write scopes the solver says the job
// needs: the data behind the audit report's "broadest token permissions". Read from the solver's analysis
// (`WorkflowPermissions`), never solved again.
import type { Span } from '../types.js';
import type { JobPermissions, WorkflowPermissions } from './solver.js';
import { SCOPE_NAMES, type DefaultPermissions, type PermissionScope } from './scopes.js';

/**
 * Where a job's token comes from and how broad it is. Breadth tiers (see `grantTier`): `write-all` and a
 * permissive default first, then a default nobody has said is restricted, then everything else by count.
 */
export type TokenGrantKind =
  /** `permissions: write-all` on the job or the workflow. */
  | 'write-all'
  /** No block applies; the repository default is permissive (`default-permissions: permissive`). */
  | 'default-permissive'
  /** No block applies and the repository default is not known: anywhere from restricted to permissive. */
  | 'default-unknown'
  /** A block naming scopes, or `{}`. */
  | 'scopes'
  | 'read-all'
  /** No block applies; the repository default is restricted (contents and packages read). */
  | 'default-restricted'
  /** A workflow only run through `workflow_call`, no block: the calling job's token (which it cannot raise). */
  | 'caller'
  /** A `permissions:` value GitHub rejects (null, a list...): the workflow does not run. */
  | 'invalid';

export interface JobTokenGrant {
  job: string;
  kind: TokenGrantKind;
  /** Where the grant is written: the permissions block that applies, or the job's id when none does. */
  span: Span;
  /** Write scopes the token gets (`default-unknown`: the most it may get). */
  writes: PermissionScope[];
  /** Of `writes`, those a step of the job needs at write level (as far as the solver could tell). */
  needed: PermissionScope[];
  /** `writes` minus `needed`; `unknown` when a step could not be analysed (the solver cannot tell what is unused). */
  excess: PermissionScope[] | 'unknown';
}

export interface WorkflowTokenGrants {
  /** One per job, in document order. */
  jobs: JobTokenGrant[];
  /** The broadest job grant (first by `compareJobGrants`); undefined for a workflow without jobs. */
  broadest?: JobTokenGrant;
  /** Write scopes at least one job gets. */
  writes: PermissionScope[];
  /** Write scopes at least one job gets and needs. */
  needed: PermissionScope[];
  /** Write scopes at least one fully analysed job gets without needing them. */
  excess: PermissionScope[];
  /** Write scopes granted to a job that could not be fully analysed beyond what it was found to need. */
  undetermined: PermissionScope[];
}

const TIER: Record<TokenGrantKind, number> = {
  'write-all': 0,
  'default-permissive': 0,
  'default-unknown': 1,
  scopes: 2,
  'read-all': 2,
  'default-restricted': 2,
  caller: 2,
  invalid: 2,
};

/** 0 for the broadest kinds (write-all, permissive default), 1 for an unknown default, 2 for the rest. */
export function grantTier(kind: TokenGrantKind): number {
  return TIER[kind];
}

export function compareJobGrants(a: JobTokenGrant, b: JobTokenGrant): number {
  return TIER[a.kind] - TIER[b.kind] || b.writes.length - a.writes.length || excessCount(b) - excessCount(a);
}

const excessCount = (g: JobTokenGrant) => (g.excess === 'unknown' ? 0 : g.excess.length);

function kindOf(jp: JobPermissions, reusableOnly: boolean, mode: DefaultPermissions): TokenGrantKind {
  const g = jp.grant;
  if (g.source === 'default') return reusableOnly ? 'caller' : `default-${mode}`;
  if (!g.valid) return 'invalid';
  const shape = g.block?.shape;
  return shape === 'write-all' || shape === 'read-all' ? shape : 'scopes';
}

/** A write scope counts as needed when a need (or an alternative of one) asks for write, possible needs included. */
function neededAtWrite(jp: JobPermissions, scope: PermissionScope): boolean {
  if (jp.minimal.get(scope)?.level === 'write') return true;
  return jp.needs.some((n) => n.level === 'write' && (n.scope === scope || !!n.alternatives?.includes(scope)));
}

export function jobTokenGrant(jp: JobPermissions, reusableOnly: boolean, mode: DefaultPermissions): JobTokenGrant {
  const kind = kindOf(jp, reusableOnly, mode);
  const span = jp.grant.block?.span ?? jp.job.idSpan;
  if (kind === 'caller' || kind === 'invalid') return { job: jp.job.id, kind, span, writes: [], needed: [], excess: kind === 'caller' ? 'unknown' : [] };
  const writes = SCOPE_NAMES.filter((s) => jp.grant.upper[s] === 'write');
  const needed = writes.filter((s) => neededAtWrite(jp, s));
  const excess = jp.status === 'known' ? writes.filter((s) => !needed.includes(s)) : 'unknown';
  return { job: jp.job.id, kind, span, writes, needed, excess };
}

const union = (lists: readonly (readonly PermissionScope[])[]) => {
  const seen = new Set(lists.flat());
  return SCOPE_NAMES.filter((s) => seen.has(s));
};

/** Per job: the token it gets and the write scopes it needs; per workflow: the unions, and its broadest job. */
export function workflowTokenGrants(wp: WorkflowPermissions, mode: DefaultPermissions): WorkflowTokenGrants {
  const jobs = wp.jobs.map((jp) => jobTokenGrant(jp, wp.reusableOnly, mode));
  const broadest = [...jobs].sort(compareJobGrants)[0];
  return {
    jobs,
    ...(broadest ? { broadest } : {}),
    writes: union(jobs.map((j) => j.writes)),
    needed: union(jobs.map((j) => j.needed)),
    excess: union(jobs.map((j) => (j.excess === 'unknown' ? [] : j.excess))),
    undetermined: union(jobs.filter((j) => j.excess === 'unknown').map((j) => j.writes.filter((s) => !j.needed.includes(s)))),
  };
}
