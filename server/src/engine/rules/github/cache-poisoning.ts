import { isMap, type Node, type Pair } from 'yaml';
import { stepCaches } from '../../github/execution.js';
import type { Step, Workflow } from '../../model/github.js';
import type { Fix } from '../../types.js';
import { get, getPair, getString } from '../../yaml/nodes.js';
import { shown } from '../../github/persona.js';
import { defineRule, type RuleContext } from '../rule.js';

const PUBLISH_ACTIONS = /^(pypa\/gh-action-pypi-publish|softprops\/action-gh-release|ncipollo\/release-action|goreleaser\/goreleaser-action|js-devtools\/npm-publish|changesets\/action|actions\/attest-build-provenance|svenstaro\/upload-release-action|rubygems\/release-gem|katyo\/publish-crates|release-drafter\/release-drafter)$/;
const PUBLISH_COMMANDS = /\b(npm|yarn|pnpm|bun)\s+publish\b|\bcargo\s+publish\b|\btwine\s+upload\b|\b(uv|poetry|hatch|flit)\s+publish\b|\bgem\s+push\b|\bnuget\s+push\b|\bgh\s+release\s+(create|upload)\b|\bdocker\s+push\b|\bvsce\s+publish\b|\bovsx\s+publish\b/;
/** Tools whose publishing sub-command can come anywhere on the line. */
const publishesOnLine = (line: string) => PUBLISH_COMMANDS.test(line) || (/\bdocker\s+buildx\s+build\b/.test(line) && line.includes('--push')) || (/\bmvnw?\b/.test(line) && /\bdeploy\b/.test(line)) || (/\bgradlew?\b/.test(line) && /\bpublish/.test(line));

export default defineRule<Workflow>({
  meta: {
    id: 'cache-poisoning',
    platform: 'github',
    kinds: ['github-workflow'],
    title: 'Cache restored in a release or publishing job',
    severity: 'medium',
    confidence: 'medium',
    persona: 'regular',
    fixable: 'unsafe',
    equivalents: { zizmor: ['cache-poisoning'] },
  },
  check(ctx) {
    const wf = ctx.model;
    const release = releaseTrigger(wf, ctx);
    // Without a release trigger every finding is pedantic.
    if (!release && !shown(ctx.settings, 'pedantic')) return;
    for (const job of wf.jobs) {
      // Only steps that restore a cache are reported: look for publishing only in jobs that have one.
      const caches = job.steps.map((step) => restores(step, ctx));
      if (!caches.some(Boolean)) continue;
      const publishes = job.steps.find((s) => publishStep(s, ctx));
      if (!release && !publishes) continue;
      for (const [k, step] of job.steps.entries()) {
        const cache = caches[k];
        if (!cache) continue;
        const why = release ? `this workflow runs on ${release}` : `job '${job.id}' publishes (${label(publishes!)})`;
        const fix = disableFix(ctx, step, cache.input);
        ctx.report({
          span: step.uses!.span,
          severity: release ? 'medium' : 'low',
          persona: release ? 'regular' : 'pedantic',
          confidence: release ? 'medium' : 'low',
          message: `${cache.action} restores a cache, and ${why}: caches are shared with every workflow run on the default branch, so code that once ran there (a pull request build, a compromised dependency) can plant files that end up in what you release. Build releases without caches`,
          related: publishes && publishes !== step ? [{ span: (publishes.uses ?? publishes.run)!.span, message: 'publishes here' }] : undefined,
          fixes: fix ? [fix] : undefined,
        });
      }
    }
  },
});

function label(step: Step): string {
  return step.name?.value ?? step.uses?.value ?? step.run?.value.split('\n')[0].slice(0, 40) ?? `step ${step.index + 1}`;
}

/** `release`, or `push` filtered to tags. */
function releaseTrigger(wf: Workflow, ctx: RuleContext<Workflow>): string | undefined {
  for (const t of wf.triggers) {
    if (t.name === 'release') return 'release';
    if (t.name === 'push' && t.node && (get(t.node, 'tags', ctx.doc) || get(t.node, 'tags-ignore', ctx.doc)) && !get(t.node, 'branches', ctx.doc) && !get(t.node, 'branches-ignore', ctx.doc)) return 'tag pushes';
  }
  return undefined;
}

function publishStep(step: Step, ctx: RuleContext<Workflow>): boolean {
  const slug = step.uses?.ref.slug ?? '';
  if (slug === 'goreleaser/goreleaser-action') return !/\bcheck\b|--snapshot|--skip[= ]?publish|build\b/.test(getString(step.with, 'args', ctx.doc) ?? '');
  if (PUBLISH_ACTIONS.test(slug)) return true;
  if (slug === 'docker/build-push-action') return getString(step.with, 'push', ctx.doc) === 'true';
  // Dry runs and local publications publish nothing.
  const lines = (step.run?.value ?? '').split('\n').filter((l) => !/--dry-run|publishToMavenLocal|^\s*#/.test(l));
  return lines.some(publishesOnLine);
}

/** Steps that restore a cache (a save-only step does not read one). */
function restores(step: Step, ctx: RuleContext<Workflow>): { action: string; input?: string } | undefined {
  const slug = step.uses?.ref.slug;
  if (slug === 'actions/cache/save') return undefined;
  if (slug === 'actions/cache/restore') return { action: slug };
  const c = stepCaches(step, ctx.doc);
  if (!c || slug === 'docker/build-push-action') return undefined;
  return c;
}

/** Turns the cache off: `cache: npm` removed, `*-cache: true` -> false, setup-go gets `cache: false`. */
function disableFix(ctx: RuleContext<Workflow>, step: Step, input: string | undefined): Fix | undefined {
  if (!input) return undefined;
  const title = `Disable the cache (${input})`;
  const pair = getPair(step.with, input, ctx.doc) as Pair<Node, Node> | undefined;
  const text = ctx.text;
  if (pair?.key?.range && pair.value?.range) {
    const v = String((pair.value as { value?: unknown }).value ?? '');
    if (input === 'cache-disabled' || input === 'no-cache') return { title, safe: false, edits: [{ start: pair.value.range[0], end: pair.value.range[1], newText: 'true' }] };
    if (v === 'true') return { title, safe: false, edits: [{ start: pair.value.range[0], end: pair.value.range[1], newText: 'false' }] };
    if (v === 'false') return undefined;
    // `cache: npm`: remove the line (the only way to say "no cache" for setup-node/python/java).
    const with_ = step.with;
    if (!isMap(with_) || with_.items.length < 2) return undefined;
    const start = text.lastIndexOf('\n', pair.key.range[0] - 1) + 1;
    if (text.slice(start, pair.key.range[0]).trim()) return undefined;
    const nl = text.indexOf('\n', pair.value.range[1] - 1);
    return { title, safe: false, edits: [{ start, end: nl < 0 ? text.length : nl + 1, newText: '' }] };
  }
  // Default-on caches: add `<input>: false` to an existing block `with:`.
  if (input !== 'cache' || step.uses?.ref.slug !== 'actions/setup-go') return undefined;
  const with_ = step.with;
  if (!isMap(with_) || with_.flow || !with_.items.length) return undefined;
  const first = (with_.items[0] as Pair<Node, Node>).key;
  const last = with_.items[with_.items.length - 1] as Pair<Node, Node>;
  const endNode = last.value ?? last.key;
  if (!first?.range || !endNode?.range) return undefined;
  let q = endNode.range[1] - 1;
  while (q > 0 && /\s/.test(text[q])) q--;
  const nl = text.indexOf('\n', q);
  const at = nl < 0 ? text.length : text[nl - 1] === '\r' ? nl - 1 : nl;
  const indent = first.range[0] - (text.lastIndexOf('\n', first.range[0] - 1) + 1);
  return { title, safe: false, edits: [{ start: at, end: at, newText: `${text.includes('\r\n') ? '\r\n' : '\n'}${' '.repeat(indent)}cache: false` }] };
}

