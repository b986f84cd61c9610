import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import archived from '../../server/src/engine/rules/github/archived-uses.js';
import vulnerable from '../../server/src/engine/rules/github/known-vulnerable-actions.js';
import typosquat, { imitated } from '../../server/src/engine/rules/github/typosquat-uses.js';
import { editDistance, parseVersion, versionAffected } from '../../server/src/engine/supply-chain/index.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const wf = (uses: string) => `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: ${uses}\n`;
const SHA = 'a'.repeat(40);

ruleTester(vulnerable as Rule, {
  valid: [wf('tj-actions/changed-files@v46'), wf('tj-actions/changed-files@v46.0.1'), wf('actions/download-artifact@v4'), wf('actions/download-artifact@v3'), wf(`tj-actions/changed-files@${SHA} # v46.0.5`), wf('tj-actions/branch-names@v7'), wf('other/action@v1')],
  invalid: [
    { code: wf('tj-actions/changed-files@v44'), errors: [{ text: 'tj-actions/changed-files@v44', message: /CVE-2025-30066/ }, { message: /CVE-2023-51664/ }].slice(0, 1), outputAll: wf('tj-actions/changed-files@v46') },
    { code: wf('tj-actions/changed-files@v40.1.0'), errors: [{ message: /CVE-2025-30066/ }, { message: /CVE-2023-51664/ }] },
    { code: wf('actions/download-artifact@v4.1.2'), errors: [{ message: /CVE-2024-42471/ }], outputAll: wf('actions/download-artifact@v4.1.3') },
    { code: wf(`tj-actions/changed-files@${SHA} # v45.0.7`), errors: [{ message: /pinned as v45\.0\.7 per its comment/ }], output: null },
    { code: wf('tj-actions/changed-files@0e58ed8671d6b60d0890c21b07f8835ace038e67'), errors: [{ message: /malicious commit/ }] },
    { code: wf('reviewdog/action-setup@v1'), errors: [{ message: /CVE-2025-30154/, severity: 'medium' }] },
    { code: wf('tj-actions/branch-names@v6'), errors: [{ message: /CVE-2023-49291/ }], outputAll: wf('tj-actions/branch-names@v7') },
  ],
});
ruleTester(archived as Rule, {
  valid: [wf('actions/checkout@v4'), wf('./local')],
  invalid: [
    { code: wf('actions/create-release@v1'), errors: [{ message: /archived.*softprops\/action-gh-release/ }] },
    { code: wf('Actions-RS/toolchain@v1'), errors: [{ message: /dtolnay\/rust-toolchain/ }] },
  ],
});
ruleTester(typosquat as Rule, {
  valid: [wf('actions/checkout@v4'), wf('actions/setup-node@v4'), wf('docker/setup-buildx-action@v3'), wf('my-org/checkout-tool@v1'), wf('actions/cache@v4'), { name: 'only GitHub can create repositories under actions/', code: wf('actions/chekcout@v4') }],
  invalid: [
    { code: wf('actons/checkout@v4'), errors: [{ text: 'actons/checkout', message: /'actions\/checkout'/ }] },
    { code: wf('action/checkout@v4'), errors: ['action/checkout'] },
  ],
});

describe('supply-chain helpers', () => {
  it('floating refs are affected only if every release they can reach is', () => {
    const adv = { patched: '46.0.1' };
    assert.equal(versionAffected(parseVersion('v45')!, adv), true);
    assert.equal(versionAffected(parseVersion('v46')!, adv), false);
    assert.equal(versionAffected(parseVersion('v46.0.0')!, adv), true);
    assert.equal(versionAffected(parseVersion('v4')!, { introduced: '4.0.0', patched: '4.1.3' }), false);
    assert.equal(versionAffected(parseVersion('v4.1')!, { introduced: '4.0.0', patched: '4.1.3' }), false);
    assert.equal(versionAffected(parseVersion('v4.0')!, { introduced: '4.0.0', patched: '4.1.3' }), true);
    assert.equal(versionAffected(parseVersion('v3.0.2')!, { introduced: '4.0.0', patched: '4.1.3' }), false);
  });
  it('edit distance counts swaps as one edit', () => {
    assert.equal(editDistance('checkout', 'chekcout'), 1);
    assert.equal(editDistance('abc', 'abc'), 0);
    assert.equal(imitated('actions/checkout'), undefined);
  });
});
