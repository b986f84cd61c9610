import { shaPins, type ActionMetadata, type Workflow } from '../../model/github.js';
import { commitKey, refKey, versionComment } from '../../online/facts.js';
import { defineRule } from '../rule.js';

export default defineRule<Workflow | ActionMetadata>({
  meta: {
    id: 'ref-version-mismatch',
    platform: 'github',
    kinds: ['github-workflow', 'github-action'],
    title: "SHA pin whose version comment does not match the commit (online)",
    severity: 'medium',
    confidence: 'high',
    persona: 'regular',
    fixable: 'safe',
    equivalents: { zizmor: ['ref-version-mismatch'] },
  },
  check(ctx) {
    const facts = ctx.settings.online;
    if (!facts) return;
    for (const { uses: u, owner, repo, sha: pinned } of shaPins(ctx.model)) {
      const sha = pinned.toLowerCase();
      const comment = versionComment(ctx.lines, u.span.end);
      const tags = facts.commits[commitKey(owner, repo, sha)]?.tags ?? [];
      if (!comment) {
        if (tags.length) {
          const best = [...tags].sort((a, b) => b.length - a.length)[0];
          ctx.report({
            span: u.span,
            severity: 'low',
            persona: 'pedantic',
            message: `${owner}/${repo} is pinned to a SHA with no version comment; it is ${tags.join(', ')}`,
            fixes: [{ title: `Add the comment '# ${best}'`, safe: true, edits: [{ start: u.span.end, end: u.span.end, newText: ` # ${best}` }] }],
          });
        }
        continue;
      }
      const pointed = facts.refs[refKey(owner, repo, comment.version)];
      if (!pointed?.sha || pointed.sha.toLowerCase() === sha) continue;
      const replacement = tags.length ? [...tags].sort((a, b) => b.length - a.length)[0] : undefined;
      ctx.report({
        span: { start: comment.start, end: comment.end },
        message: `The comment says ${comment.version}, but ${owner}/${repo}@${comment.version} is ${pointed.sha.slice(0, 12)}, not the pinned ${sha.slice(0, 12)}${replacement ? ` (which is ${tags.join(', ')})` : ''}: readers and update tools are misled about what runs`,
        fixes: replacement ? [{ title: `Correct the comment to ${replacement}`, safe: true, edits: [{ start: comment.start, end: comment.end, newText: replacement }] }] : [],
      });
    }
  },
});
