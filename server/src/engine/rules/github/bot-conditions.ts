import { conditionsOf } from '../../github/conditions.js';
import type { ActionMetadata, Workflow } from '../../model/github.js';
import type { Fix } from '../../types.js';
import { defineRule } from '../rule.js';

/** `github.actor == 'x[bot]'` in either order. */
const ACTOR = String.raw`(github\.(?:actor|triggering_actor)|github\.event\.sender\.login)`;
const BOT = String.raw`'([^']*\[bot\])'`;
const CHECK = new RegExp(String.raw`${ACTOR}\s*==\s*${BOT}|${BOT}\s*==\s*${ACTOR}`, 'gi');

const PR_EVENTS = ['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment'];
const PRIVILEGED = ['pull_request_target', 'workflow_run', 'issue_comment'];
const RELEVANT = [...PR_EVENTS, 'issue_comment', 'workflow_run'];

export default defineRule<Workflow | ActionMetadata>({
  meta: {
    id: 'bot-conditions',
    platform: 'github',
    kinds: ['github-workflow'],
    title: 'Spoofable bot check on github.actor',
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
    fixable: 'safe',
    equivalents: { zizmor: ['bot-conditions'] },
  },
  check(ctx) {
    const wf = ctx.model;
    if (!('jobs' in wf)) return;
    const triggers = wf.triggers.map((t) => t.name);
    const relevant = triggers.filter((t) => RELEVANT.includes(t));
    if (!relevant.length) return;
    const privileged = relevant.some((t) => PRIVILEGED.includes(t));
    // The author of the pull request (or issue) is fixed when it is opened; the actor is whoever acted last.
    const replacement = triggers.every((t) => PR_EVENTS.includes(t)) ? 'github.event.pull_request.user.login' : triggers.every((t) => t === 'issue_comment') ? 'github.event.issue.user.login' : undefined;
    for (const c of conditionsOf(wf, ctx.text)) {
      for (const e of c.expressions) {
        const src = ctx.text.slice(e.inner.start, e.inner.end);
        // ANDed with a check of the pull request's (or issue's) author: the actor test adds nothing spoofable.
        if (/\.(pull_request|issue)\.user\.login\s*==/.test(src) && !src.includes('||')) continue;
        for (const m of src.matchAll(CHECK)) {
          const ctxPath = m[1] ?? m[4];
          const bot = m[2] ?? m[3];
          const start = e.inner.start + m.index!;
          const span = { start, end: start + m[0].length };
          const fixes: Fix[] = [];
          if (replacement) {
            const at = start + m[0].indexOf(ctxPath);
            fixes.push({ title: `Check the pull request's author (${replacement}) instead`, safe: true, edits: [{ start: at, end: at + ctxPath.length, newText: replacement }] });
          }
          ctx.report({
            span,
            severity: privileged ? 'high' : 'medium',
            message: `${ctxPath} is whoever triggered this run, not who wrote the change: on ${relevant.join('/')} anyone can make ${bot} the actor (for example by getting it to rebase or recreate their pull request) while their own code is in it. Check the pull request's author instead`,
            fixes,
          });
        }
      }
    }
  },
});
