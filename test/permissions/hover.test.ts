// Hover on permission scopes, levels, shorthands and jobs without a block.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hoverAt } from '../../server/src/engine/index.js';
import { permissionsHover } from '../../server/src/engine/permissions/hover.js';

const text = `on: push
permissions:
  contents: read
jobs:
  release:
    runs-on: ubuntu-latest
    permissions:
      contents: write
      issues: write
    steps:
      - uses: softprops/action-gh-release@v2
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
  all:
    runs-on: ubuntu-latest
    permissions: write-all
    steps:
      - run: make
`;
const at = (needle: string, nth = 0, delta = 1) => {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  return hoverAt(text, i + delta, { path: '.github/workflows/a.yml', providers: [permissionsHover], findings: [] });
};

describe('permissions hover', () => {
  it('on a job scope key: what the scope allows, what the token can never do, which step uses it', () => {
    const h = at('contents: write')!;
    assert.match(h.markdown, /\*\*`contents`\*\*/);
    assert.match(h.markdown, /`write`: git push/);
    assert.match(h.markdown, /can never edit \.github\/workflows/);
    assert.match(h.markdown, /Job `release` needs `contents: write`:\n- `contents: write` softprops\/action-gh-release to create the release/);
    assert.equal(text.slice(h.span.start, h.span.end), 'contents');
  });
  it('on a level of an unused scope', () => {
    const h = at('issues: write', 0, 9)!;
    assert.equal(text.slice(h.span.start, h.span.end), 'write');
    assert.match(h.markdown, /Job `release`: no step uses `issues`/);
  });
  it('on a workflow-level scope: the jobs that inherit it', () => {
    const h = at('contents: read')!;
    assert.match(h.markdown, /Job `build` needs `contents: read`/);
    assert.doesNotMatch(h.markdown, /Job `release`/);
  });
  it('on write-all', () => {
    const h = at('write-all')!;
    assert.match(h.markdown, /including `id-token: write`/);
    assert.match(h.markdown, /Least privilege for job `all`: `\{\}`/);
  });
  it('on a job without any block: the default token', () => {
    const t = 'on: push\njobs:\n  build:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n';
    const h = hoverAt(t, t.indexOf('build') + 1, { path: '.github/workflows/a.yml', providers: [permissionsHover], findings: [], settings: { defaultPermissions: 'restricted' } })!;
    assert.match(h.markdown, /no `permissions:` block, so it gets the restricted repository default: contents: read, packages: read/);
    assert.match(h.markdown, /Least privilege for job `build`: `contents: read`/);
  });
  it('nothing elsewhere', () => assert.equal(at('runs-on'), undefined));
});
