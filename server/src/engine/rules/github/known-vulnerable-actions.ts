import { usesOf, type ActionMetadata, type ScalarField, type UsesRef, type Workflow } from '../../model/github.js';
import { ADVISORIES, parseVersion, versionAffected, type ActionAdvisory } from '../../supply-chain/index.js';
import { commitKey, type AdvisoryFact } from '../../online/facts.js';
import type { Fix } from '../../types.js';
import { defineRule, type RuleContext } from '../rule.js';

/** The version a ref stands for: the ref itself, or for a SHA pin the `# v1.2.3` comment after it. */
function refVersion(ctx: RuleContext<unknown>, uses: ScalarField & { ref: UsesRef }): { version?: number[]; fromComment: boolean } {
  const ref = uses.ref.ref ?? '';
  const v = parseVersion(ref);
  if (v) return { version: v, fromComment: false };
  if (!uses.ref.isShaPinned) return { fromComment: false };
  // Online: the tags that really point at the commit beat a comment, which may be wrong.
  const tags = uses.ref.owner && uses.ref.repo ? ctx.settings.online?.commits[commitKey(uses.ref.owner, uses.ref.repo, ref)]?.tags : undefined;
  const tagged = (tags ?? []).map(parseVersion).filter((v): v is number[] => !!v).sort((a, b) => b.length - a.length)[0];
  if (tagged) return { version: tagged, fromComment: false };
  const line = ctx.lines.lineText(ctx.lines.position(uses.span.end).line);
  const m = /#\s*(?:tag=|ratchet:[^@\s]*@)?(v?\d{1,6}(?:\.\d{1,6}){0,2})\b/.exec(line.slice(line.indexOf('#')));
  return m ? { version: parseVersion(m[1]), fromComment: true } : { fromComment: false };
}

function bumpFix(uses: ScalarField & { ref: UsesRef }, adv: ActionAdvisory, ctx: RuleContext<unknown>): Fix[] {
  const patched = parseVersion(adv.patched);
  const ref = uses.ref.ref;
  if (!patched || !ref || uses.ref.isShaPinned) return [];
  const current = parseVersion(ref)!;
  // Keep the ref's style: a major-only ref stays major-only when the patched major floats past the fix.
  const target = current.length === 1 && patched[1] === 0 && (patched[2] ?? 0) === 0 ? `${patched[0]}` : current.length === 1 && patched[0] > current[0] ? `${patched[0]}` : adv.patched;
  const newRef = (ref.startsWith('v') ? 'v' : '') + target;
  const at = ctx.text.lastIndexOf('@', uses.span.end);
  if (at < uses.span.start) return [];
  const refStart = at + 1;
  const refEnd = refStart + ref.length;
  return [{ title: `Update to ${newRef} (first release with the fix: ${adv.patched})`, safe: false, edits: [{ start: refStart, end: refEnd, newText: newRef }] }];
}

/** An advisory from GitHub's database (online mode) in the bundled shape. */
export function fromOnline(action: string, a: AdvisoryFact): ActionAdvisory | undefined {
  const introduced = /(?:^|,)\s*>=\s*v?([\d.]+)/.exec(a.vulnerableRange)?.[1];
  const below = /(?:^|,)\s*<\s*v?([\d.]+)/.exec(a.vulnerableRange)?.[1];
  const patched = a.firstPatched?.replace(/^v/, '') ?? below;
  if (!patched) return undefined;
  return {
    action,
    cve: a.cve ?? a.ghsa,
    ghsa: a.ghsa,
    severity: a.severity === 'critical' ? 'high' : a.severity,
    kind: 'vulnerable',
    summary: a.summary,
    introduced,
    patched,
  };
}

export default defineRule<Workflow | ActionMetadata>({
  meta: {
    id: 'known-vulnerable-actions',
    platform: 'github',
    kinds: ['github-workflow', 'github-action'],
    title: 'Action version with a known vulnerability or compromise',
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
    fixable: 'unsafe',
    equivalents: { zizmor: ['known-vulnerable-actions'] },
  },
  check(ctx) {
    const uses = usesOf(ctx.model);
    for (const u of uses) {
      const slug = u.ref.slug && u.ref.owner && u.ref.repo ? `${u.ref.owner}/${u.ref.repo}`.toLowerCase() : undefined;
      if (!slug || u.ref.kind !== 'repository') continue;
      const online = (ctx.settings.online?.advisories[slug] ?? [])
        .map((a) => fromOnline(slug, a))
        .filter((a): a is ActionAdvisory => !!a && !ADVISORIES.some((b) => b.action === slug && (b.cve === a.cve || (b.ghsa && b.ghsa === a.ghsa))));
      for (const adv of [...ADVISORIES, ...online]) {
        if (adv.action !== slug) continue;
        const ref = u.ref.ref ?? '';
        const where = adv.ghsa && adv.ghsa !== adv.cve ? `${adv.cve}, ${adv.ghsa}` : adv.cve;
        if (adv.maliciousCommits?.includes(ref.toLowerCase())) {
          ctx.report({ span: u.span, message: `${u.value} pins the malicious commit of a known compromise (${where}): ${adv.summary}. Rotate every secret this workflow could read` });
          continue;
        }
        if (adv.mutableRefs?.includes(ref)) {
          ctx.report({
            span: u.span,
            severity: 'medium',
            message: `${adv.action}@${ref} was repointed to malicious code during a known compromise (${where}): ${adv.summary}. Pin a reviewed commit SHA and check runs from that window`,
          });
          continue;
        }
        const { version, fromComment } = refVersion(ctx, u);
        if (!version || !versionAffected(version, adv)) continue;
        const verb = adv.kind === 'compromised' ? 'is affected by the compromise' : 'has a known vulnerability';
        ctx.report({
          span: u.span,
          severity: adv.severity,
          confidence: fromComment ? 'medium' : 'high',
          message: `${adv.action} ${fromComment ? `(pinned as v${version.join('.')} per its comment) ` : `@${ref} `}${verb} (${where}): ${adv.summary}. Fixed in ${adv.patched}`,
          fixes: bumpFix(u, adv, ctx),
        });
      }
    }
  },
});
