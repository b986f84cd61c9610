// The action knowledge base (actions.json): what each known action needs from GITHUB_TOKEN, and the
// input/event conditions that change it.
import kb from './actions.json' with { type: 'json' };
import { isScope, type Level, type PermissionScope } from './scopes.js';
import type { TokenKind } from './types.js';

export interface Condition {
  and?: Condition[];
  input?: string;
  env?: string;
  event?: string[];
  set?: boolean;
  truthy?: boolean;
  equals?: string[];
  notEquals?: string[];
  contains?: string;
  notContains?: string;
  /** The input's default, used when the workflow does not set it. */
  default?: string;
}

export interface ActionEntry {
  kind?: 'workflow';
  /** How the action gets GITHUB_TOKEN. */
  token?: {
    none?: boolean;
    input?: string;
    /** The input defaults to github.token. */
    default?: boolean;
    /** Setting any of these inputs means the token is not used (e.g. checkout's ssh-key). */
    alsoNotWhenSet?: string[];
    /** The token is only used for downloads/rate limits: no scope. */
    readOnly?: boolean;
    /** Input name that controls whether checkout persists credentials. */
    persistsCredentials?: string;
    /** The action pushes with the credentials actions/checkout persisted. */
    persisted?: boolean;
    env?: string[];
  };
  permissions: Partial<Record<PermissionScope, Level>>;
  reasons?: Partial<Record<PermissionScope, string>>;
  alternatives?: Partial<Record<PermissionScope, PermissionScope[]>>;
  when?: { if: Condition; add?: Partial<Record<PermissionScope, Level>>; remove?: PermissionScope[]; reason?: string; onlyEvents?: string[] }[];
  dynamic?: 'github-script' | 'command' | 'run';
  /** Scopes the action may use depending on configuration FlowGuard cannot see (kept if granted). */
  possible?: Partial<Record<PermissionScope, Level>>;
  /** Scopes whose absence only degrades the action (a warning), so a missing grant is not a failure. */
  soft?: PermissionScope[];
  note?: string;
  source: string;
  /** Where the facts were checked: the shared reference, the action's own files, or not yet. */
  checked?: 'reference' | 'upstream' | 'unverified';
}

const ENTRIES = new Map(Object.entries((kb as unknown as { actions: Record<string, ActionEntry> }).actions));

export const KNOWN_ACTIONS: readonly string[] = [...ENTRIES.keys()];

/** The entry for `owner/repo[/path]` (case-insensitive), or undefined. */
export function lookupAction(slug: string): ActionEntry | undefined {
  return ENTRIES.get(slug.toLowerCase());
}

/** Facts about a step that conditions are evaluated against. */
export interface StepFacts {
  /** `with:` values as written (undefined when unset). */
  input(name: string): string | undefined;
  /** Effective environment value for a name (step, job, workflow), as written. */
  env(name: string): string | undefined;
  events: readonly string[];
  tokenKind(value: string): TokenKind;
}

export type Truth = true | false | 'unknown';

const isDynamic = (v: string) => v.includes('${{');

export function evaluate(c: Condition, facts: StepFacts): Truth {
  if (c.and) {
    const all = c.and.map((x) => evaluate(x, facts));
    return all.includes(false) ? false : all.every((x) => x === true) ? true : 'unknown';
  }
  if (c.event) {
    if (!facts.events.length) return 'unknown';
    const hits = facts.events.filter((e) => c.event!.includes(e));
    return hits.length === 0 ? false : hits.length === facts.events.length ? true : 'unknown';
  }
  const raw = (c.input !== undefined ? facts.input(c.input) : c.env !== undefined ? facts.env(c.env) : undefined) ?? c.default;
  if (raw === undefined) {
    if (c.set !== undefined) return !c.set;
    if (c.notEquals) return true;
    return false;
  }
  // A non-empty expression is still a value that is set.
  if (c.set !== undefined) return (raw.trim() !== '') === c.set;
  if (isDynamic(raw)) return 'unknown';
  const v = raw.trim().toLowerCase();
  if (c.truthy !== undefined) return (v === 'true') === c.truthy;
  if (c.equals) return c.equals.includes(v);
  if (c.notEquals) return !c.notEquals.includes(v);
  if (c.contains) return v.includes(c.contains);
  if (c.notContains) return !v.includes(c.notContains);
  return 'unknown';
}

export interface EntryNeeds {
  /** Scope -> level, reason and whether it holds for sure. */
  needs: { scope: PermissionScope; level: Level; why: string; certain: boolean; alternatives?: PermissionScope[]; possible?: boolean }[];
  /** How the token reaches the action. */
  token: TokenKind;
}

/**
 * Scopes an action needs given its inputs. Conditions that cannot be decided statically keep what
 * they add (never under-privileged) and drop nothing; the needs they add are marked uncertain.
 */
export function entryNeeds(entry: ActionEntry, facts: StepFacts, persisted: TokenKind): EntryNeeds {
  const token = tokenUse(entry, facts, persisted);
  const out = new Map<PermissionScope, { level: Level; why: string; certain: boolean }>();
  for (const [scope, level] of levelsOf(entry.permissions)) {
    out.set(scope, { level, why: entry.reasons?.[scope] ?? '', certain: true });
  }
  for (const w of entry.when ?? []) {
    const t = evaluate(w.if, facts);
    if (t === false) continue;
    if (w.onlyEvents && facts.events.length && !facts.events.some((e) => w.onlyEvents!.includes(e))) continue;
    for (const [scope, level] of levelsOf(w.add)) {
      const prev = out.get(scope);
      if (!prev || (prev.level === 'read' && level === 'write')) out.set(scope, { level, why: w.reason ?? '', certain: t === true });
    }
    if (t === true) for (const scope of w.remove ?? []) out.delete(scope);
  }
  const needs: EntryNeeds['needs'] = [];
  for (const [scope, n] of out) {
    if (!isScope(scope)) continue;
    // id-token is minted by the runner, not through the token the action is given.
    const viaToken = scope !== 'id-token';
    if (viaToken && (token === 'other' || token === 'none')) continue;
    const need: EntryNeeds['needs'][number] = { scope, level: n.level, why: n.why, certain: n.certain && (!viaToken || token === 'github') && !entry.soft?.includes(scope) };
    const alternatives = entry.alternatives?.[scope];
    if (alternatives) need.alternatives = alternatives;
    needs.push(need);
  }
  for (const [scope, level] of levelsOf(entry.possible)) {
    if (out.has(scope) || !isScope(scope)) continue;
    if (scope !== 'id-token' && (token === 'other' || token === 'none')) continue;
    needs.push({ scope, level, why: entry.reasons?.[scope] ?? 'depending on its configuration', certain: false, possible: true });
  }
  return { needs, token };
}

/** `Object.entries` of a scope -> level record of the knowledge base, listed once per record. */
const LISTED = new WeakMap<object, [PermissionScope, Level][]>();
function levelsOf(levels: Partial<Record<PermissionScope, Level>> | undefined): [PermissionScope, Level][] {
  if (!levels) return [];
  let list = LISTED.get(levels);
  if (!list) LISTED.set(levels, (list = Object.entries(levels) as [PermissionScope, Level][]));
  return list;
}

function tokenUse(entry: ActionEntry, facts: StepFacts, persisted: TokenKind): TokenKind {
  const t = entry.token;
  if (!t || t.none) return 'none';
  if (t.persisted) return persisted;
  if (t.env && !t.input) {
    const kinds = t.env.map((n) => facts.env(n)).filter((v): v is string => v !== undefined).map((v) => facts.tokenKind(v));
    return kinds.includes('github') ? 'github' : kinds.includes('maybe') ? 'maybe' : kinds.length ? 'other' : 'none';
  }
  if (t.input) {
    for (const other of t.alsoNotWhenSet ?? []) {
      const v = facts.input(other);
      if (v !== undefined && v.trim() !== '') return isDynamic(v) ? 'maybe' : 'other';
    }
    const v = facts.input(t.input);
    if (v === undefined || v.trim() === '') {
      // Some actions also honour an environment variable: a different token there makes it ambiguous.
      const envKinds = (t.env ?? []).map((n) => facts.env(n)).filter((x): x is string => x !== undefined).map((x) => facts.tokenKind(x));
      if (envKinds.includes('other') && t.default) return 'maybe';
      return t.default ? 'github' : 'none';
    }
    return facts.tokenKind(v);
  }
  return 'none';
}
