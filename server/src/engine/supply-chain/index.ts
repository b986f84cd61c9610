// Supply-chain knowledge bundled with FlowGuard (works offline): advisories for actions, archived
// action repositories, and the popular actions typosquats imitate.
import advisoriesData from './action-advisories.json' with { type: 'json' };
import archivedData from './archived-actions.json' with { type: 'json' };
import popularData from './popular-actions.json' with { type: 'json' };

export interface ActionAdvisory {
  action: string;
  cve: string;
  ghsa?: string;
  severity: 'high' | 'medium' | 'low';
  kind: 'compromised' | 'vulnerable';
  summary: string;
  introduced?: string;
  patched: string;
  maliciousCommits?: string[];
  mutableRefs?: string[];
}

export const ADVISORIES: readonly ActionAdvisory[] = advisoriesData.advisories as ActionAdvisory[];
export const ARCHIVED = new Set<string>(archivedData.archived);
export const ARCHIVED_REPLACEMENTS: Record<string, string> = archivedData.replacements;
export const POPULAR_ACTIONS: readonly string[] = popularData.actions;

/** `v1.2.3` / `1.2` / `v4` -> [1, 2, 3] (missing parts undefined); undefined for non-versions. */
export function parseVersion(ref: string): number[] | undefined {
  const m = /^v?(\d{1,6})(?:\.(\d{1,6}))?(?:\.(\d{1,6}))?$/.exec(ref.trim());
  if (!m) return undefined;
  return [m[1], m[2], m[3]].filter((x) => x !== undefined).map(Number);
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/**
 * Whether a version ref is affected. A partial ref (`v4`, `v4.1`) floats to the newest release with that
 * prefix, so it is affected only when every release it can float to is below the patched version.
 */
export function versionAffected(ref: number[], adv: Pick<ActionAdvisory, 'introduced' | 'patched'>): boolean {
  const patched = parseVersion(adv.patched);
  if (!patched) return false;
  const introduced = adv.introduced ? parseVersion(adv.introduced) : undefined;
  if (ref.length < 3) {
    // The floating ref covers [ref, next prefix); it is safe once any release in it is patched.
    const prefixOfPatched = patched.slice(0, ref.length);
    if (compare(ref, prefixOfPatched) >= 0) return false;
    if (introduced && compare(ref, introduced.slice(0, ref.length)) < 0) return false;
    return true;
  }
  if (compare(ref, patched) >= 0) return false;
  if (introduced && compare(ref, introduced) < 0) return false;
  return true;
}

/** Optimal string alignment distance (edits plus adjacent transpositions), capped for speed. */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
