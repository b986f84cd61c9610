import { globMatch } from '../../kinds.js';
import type { Workflow } from '../../model/github.js';
import { jobFix } from '../../permissions/fix.js';
import { expandBlock } from '../../permissions/solver.js';
import { isScope, LEVEL_RANK, SCOPE_NAMES, shorthandLevels, type Level, type LevelMap } from '../../permissions/scopes.js';
import { workflowPermissions } from '../../permissions/solver.js';
import type { Fix } from '../../types.js';
import { parse } from 'yaml';
import { defineRule } from '../rule.js';

/** One entry of `policy.github.permissions-ceiling` in .flowguard.yml. */
interface Ceiling {
  files?: string[];
  max?: Record<string, string> | 'read-all' | 'write-all' | null;
}

function ceilingLevels(max: Ceiling['max']): LevelMap | undefined {
  if (max === 'read-all' || max === 'write-all') return shorthandLevels(max);
  if (max === null || max === undefined) return {};
  if (typeof max !== 'object') return undefined;
  const out: LevelMap = {};
  for (const s of SCOPE_NAMES) out[s] = 'none';
  for (const [k, v] of Object.entries(max)) if (isScope(k) && (v === 'read' || v === 'write' || v === 'none')) out[k] = v;
  return out;
}

const show = (levels: LevelMap) => SCOPE_NAMES.filter((s) => levels[s] && levels[s] !== 'none').map((s) => `${s}: ${levels[s]}`).join(', ') || '{}';

export default defineRule<Workflow>({
  meta: {
    id: 'permissions-ceiling',
    platform: 'github',
    kinds: ['github-workflow'],
    title: 'GITHUB_TOKEN permissions above the ceiling the policy sets for this file',
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
    fixable: 'safe',
    equivalents: {},
  },
  check(ctx) {
    const configured = (ctx.settings.policy.github as { 'permissions-ceiling'?: Ceiling[] } | undefined)?.['permissions-ceiling'];
    const policy: Ceiling[] = Array.isArray(configured) ? [...configured] : [];
    // A ceiling can also be pinned in the workflow itself: `# flowguard: permissions-ceiling { contents: read }`.
    for (const m of ctx.text.includes('permissions-ceiling') ? ctx.text.matchAll(/^#\s*flowguard:\s*permissions-ceiling\s+(.+)$/gm) : []) {
      try {
        const max = parse(m[1]) as Ceiling['max'];
        policy.push({ files: ['**'], max: max && typeof max === 'object' && !Object.keys(max).length ? null : max });
      } catch {
        // An unreadable pin is ignored (the config schema validates the .flowguard.yml form).
      }
    }
    const matching = policy.filter((c) => (c.files ?? ['**']).some((g) => g === '**' || globMatch(g, ctx.path)));
    if (!matching.length) return;
    // Several matching entries: the lowest ceiling per scope wins.
    let ceiling: LevelMap | undefined;
    for (const c of matching) {
      const l = ceilingLevels(c.max);
      if (!l) continue;
      ceiling ??= Object.fromEntries(SCOPE_NAMES.map((s) => [s, 'write'])) as LevelMap;
      for (const s of SCOPE_NAMES) if (LEVEL_RANK[l[s] ?? 'none'] < LEVEL_RANK[ceiling[s] ?? 'none']) ceiling[s] = l[s];
    }
    if (!ceiling) return;
    const cap = ceiling;
    const wp = workflowPermissions(ctx.model, ctx.text, ctx.settings, ctx.path);
    const wf = ctx.model;
    const over = (levels: LevelMap) => SCOPE_NAMES.filter((s) => LEVEL_RANK[levels[s] ?? 'none'] > LEVEL_RANK[cap[s] ?? 'none']);
    const fits = (jp: (typeof wp.jobs)[number]) => [...jp.minimal].every(([s, c]) => LEVEL_RANK[c.level] <= LEVEL_RANK[cap[s] ?? 'none']);

    // Explicit blocks: report each entry (or the shorthand) above the ceiling.
    const blocks = [
      ...(wf.permissions ? [{ block: wf.permissions, jobs: wp.jobs.filter((j) => !j.job.permissions) }] : []),
      ...wp.jobs.filter((j) => j.job.permissions).map((j) => ({ block: j.job.permissions!, jobs: [j] })),
    ];
    for (const { block, jobs } of blocks) {
      const levels = expandBlock(block);
      if (!levels) continue;
      const bad = over(levels);
      if (!bad.length) continue;
      const fixes = jobs.length === 1 && fits(jobs[0]) ? [jobFix(jobs[0], ctx.text)].filter((f): f is Fix => !!f) : [];
      const needsAbove = jobs.flatMap((j) => [...j.minimal].filter(([s, c]) => LEVEL_RANK[c.level] > LEVEL_RANK[cap[s] ?? 'none']).map(([s, c]) => `job '${j.job.id}' needs ${s}: ${c.level} (${c.needs[0].by})`));
      const tail = needsAbove.length ? `; ${needsAbove.join('; ')}, so this file cannot meet the ceiling as written` : '';
      if (block.shape !== 'map') {
        ctx.report({ span: block.span, message: `permissions: ${block.shape} exceeds the ceiling for ${ctx.path} (${show(cap)})${tail}`, fixes });
        continue;
      }
      for (const e of block.entries) {
        if (!bad.includes(e.scope as never)) continue;
        ctx.report({ span: { start: e.keySpan.start, end: e.valueSpan.end }, message: `${e.scope}: ${e.level} exceeds the ceiling for ${ctx.path}, which allows ${e.scope}: ${cap[e.scope as keyof LevelMap] ?? 'none'}${tail}`, fixes });
      }
    }
    // Jobs on the repository default: compliant only if the default surely is.
    if (!wf.permissions && !wp.reusableOnly) {
      for (const jp of wp.jobs) {
        if (jp.job.permissions) continue;
        const bad = over(jp.grant.upper);
        if (!bad.length) continue;
        const level = (s: string) => jp.grant.upper[s as keyof LevelMap] as Level;
        ctx.report({
          span: jp.job.idSpan,
          message: `Job '${jp.job.id}' has no permissions block: the repository default may grant ${bad.slice(0, 4).map((s) => `${s}: ${level(s)}`).join(', ')}${bad.length > 4 ? ', ...' : ''}, above the ceiling for ${ctx.path} (${show(cap)})`,
          fixes: fits(jp) ? [jobFix(jp, ctx.text)].filter((f): f is Fix => !!f) : [],
        });
      }
    }
  },
});
