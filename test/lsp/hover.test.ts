// The engine's hoverAt: rule-finding hovers (title, message, doc sections, link), the provider registry
// (context handed to providers, narrowest span wins, a throwing provider is reported and skipped).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { docSection, getRule, hoverAt, HOVER_PROVIDERS, lint, ruleSourceDocPath, type HoverProvider } from '../../server/src/engine/index.js';
import type { Workflow } from '../../server/src/engine/model/github.js';

const PATH = '.github/workflows/ci.yml';
const TEXT = `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: tj-actions/changed-files@v45
`;
const DOC = readFileSync(ruleSourceDocPath('unpinned-uses', 'github'), 'utf8');
const at = (needle: string, delta = 1) => TEXT.indexOf(needle) + delta;
// One rule, so other rules landing in the registry do not change these hovers.
const rules = [getRule('unpinned-uses')!];

describe('hoverAt', () => {
  it('explains the finding under the cursor with the rule doc sections and a link', () => {
    const h = hoverAt(TEXT, at('changed-files'), { path: PATH, rules, ruleDoc: (id) => (id === 'unpinned-uses' ? DOC : undefined), providers: [] });
    assert.ok(h);
    assert.match(h.markdown, /^\*\*FlowGuard: Action or reusable workflow not pinned to a full commit SHA\*\* `unpinned-uses` \(medium severity/);
    assert.match(h.markdown, /'tj-actions\/changed-files' is pinned to/);
    assert.ok(h.markdown.includes(`**Why it matters**\n\n${docSection(DOC, 'Why it matters')}`));
    assert.ok(h.markdown.includes(`**How to fix**\n\n${docSection(DOC, 'How to fix')}`));
    assert.match(h.markdown, /\[Documentation for `unpinned-uses`\]\(https:\/\/github\.com\/.*\/unpinned-uses\.md\)/);
    assert.equal(TEXT.slice(h.span.start, h.span.end), 'tj-actions/changed-files@v45');
  });

  it('reuses given findings instead of linting, and uses the caller link', () => {
    const findings = lint(TEXT, { path: PATH, rules }).findings;
    const h = hoverAt(TEXT, at('changed-files'), { path: PATH, findings, docLink: () => 'file:///docs/x.md', providers: [] });
    assert.match(h!.markdown, /\(file:\/\/\/docs\/x\.md\)/);
    assert.doesNotMatch(h!.markdown, /Why it matters/, 'no doc text given');
    assert.equal(hoverAt(TEXT, at('changed-files'), { path: PATH, findings: [], providers: [] }), undefined);
  });

  it('says nothing where there is nothing to say', () => {
    assert.equal(hoverAt(TEXT, 1, { path: PATH, rules, providers: [] }), undefined);
    assert.equal(hoverAt('a: 1\n', 1, { path: 'notes.yml' }), undefined);
  });

  it('asks registered providers with the parsed document and model; the narrowest span wins', () => {
    const seen: string[] = [];
    const scope: HoverProvider = {
      kinds: ['github-workflow'],
      provide(ctx) {
        const wf = ctx.model as Workflow;
        const entry = wf.jobs[0].permissions?.entries.find((e) => e.keySpan.start <= ctx.offset && ctx.offset <= e.keySpan.end);
        seen.push(`${ctx.kind}:${ctx.settings.persona}`);
        return entry ? { markdown: `scope ${entry.scope}`, span: entry.keySpan } : undefined;
      },
    };
    const h = hoverAt(TEXT, at('contents'), { path: PATH, findings: [], providers: [scope], settings: { persona: 'auditor' } });
    assert.deepEqual(h && { markdown: h.markdown, text: TEXT.slice(h.span.start, h.span.end) }, { markdown: 'scope contents', text: 'contents' });
    assert.deepEqual(seen, ['github-workflow:auditor']);
    const gitlabOnly: HoverProvider = { kinds: ['gitlab-ci'], provide: () => ({ markdown: 'never', span: { start: 0, end: 1 } }) };
    assert.equal(hoverAt(TEXT, at('contents'), { path: PATH, findings: [], providers: [gitlabOnly] }), undefined);
  });

  it('combines a finding and a provider, and reports a throwing provider without failing', () => {
    const wide: HoverProvider = { kinds: ['github-workflow'], provide: (ctx) => ({ markdown: 'about this step', span: { start: ctx.offset - 20, end: ctx.offset + 20 } }) };
    const broken: HoverProvider = {
      kinds: ['github-workflow'],
      provide() {
        throw new Error('provider bug');
      },
    };
    const h = hoverAt(TEXT, at('changed-files'), { path: PATH, rules, providers: [broken, wide] });
    assert.ok(h);
    assert.match(h.markdown, /unpinned-uses[\s\S]*\n\n---\n\nabout this step$/);
    assert.equal(TEXT.slice(h.span.start, h.span.end), 'tj-actions/changed-files@v45', 'the narrower finding span');
    assert.deepEqual(h.errors, ['hover provider: provider bug']);
  });

  it('keeps the registry open for platforms to add providers', () => {
    assert.ok(Array.isArray(HOVER_PROVIDERS));
    for (const p of HOVER_PROVIDERS) assert.ok(p.kinds.length > 0 && typeof p.provide === 'function');
  });
});

describe('docSection', () => {
  it('returns the body of a ## section up to the next one', () => {
    const md = '# id\n\n## Why it matters\n\nBecause.\n\nReally.\n\n## How to fix\n\nPin.\n';
    assert.equal(docSection(md, 'Why it matters'), 'Because.\n\nReally.');
    assert.equal(docSection(md, 'how to fix'), 'Pin.');
    assert.equal(docSection(md, 'Examples'), undefined);
  });
});
