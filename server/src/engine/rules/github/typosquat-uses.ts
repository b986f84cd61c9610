import { usesOf, type ActionMetadata, type Workflow } from '../../model/github.js';
import { POPULAR_ACTIONS, editDistance } from '../../supply-chain/index.js';
import { defineRule } from '../rule.js';

const POPULAR = new Set(POPULAR_ACTIONS);
const OWNERS = new Set(POPULAR_ACTIONS.map((a) => a.split('/')[0]));
/** Each popular action with its owner and repository, split once. */
const POPULAR_PARTS = POPULAR_ACTIONS.map((p) => [p, ...p.split('/')] as const);

/** The popular action `slug` imitates, if any: one edit (or a swap) away, or the same repo under a near-identical owner. */
const imitations = new Map<string, string | undefined>();

export function imitated(slug: string): string | undefined {
  if (imitations.has(slug)) return imitations.get(slug);
  const found = findImitated(slug);
  if (imitations.size < 10_000) imitations.set(slug, found);
  return found;
}

function findImitated(slug: string): string | undefined {
  if (POPULAR.has(slug)) return undefined;
  const [owner, repo] = slug.split('/');
  for (const [p, po, pr] of POPULAR_PARTS) {
    // The same owner publishing a differently named action is that owner's business, not a typosquat.
    if (po === owner) continue;
    if (OWNERS.has(owner) && repo !== pr) continue;
    if (editDistance(slug, p, 1) === 1) return p;
    // `action/checkout`, `actions-/checkout`: a lookalike owner with the same repository name.
    if (repo === pr && editDistance(owner, po, 1) === 1) return p;
  }
  return undefined;
}

export default defineRule<Workflow | ActionMetadata>({
  meta: {
    id: 'typosquat-uses',
    platform: 'github',
    kinds: ['github-workflow', 'github-action'],
    title: 'Action name one typo away from a popular action',
    severity: 'high',
    confidence: 'medium',
    persona: 'regular',
    equivalents: { zizmor: ['typosquat-uses'] },
  },
  check(ctx) {
    const uses = usesOf(ctx.model);
    for (const u of uses) {
      if (u.ref.kind !== 'repository' || !u.ref.owner || !u.ref.repo) continue;
      const slug = `${u.ref.owner}/${u.ref.repo}`.toLowerCase();
      const original = imitated(slug);
      if (!original) continue;
      const at = u.value.indexOf(u.ref.owner);
      ctx.report({
        span: { start: u.span.start + Math.max(0, at), end: u.span.start + Math.max(0, at) + slug.length },
        message: `'${u.ref.owner}/${u.ref.repo}' is one character away from the popular action '${original}': check that this is the action you meant, not a lookalike`,
      });
    }
  },
});
