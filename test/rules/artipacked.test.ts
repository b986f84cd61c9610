import rule from '../../server/src/engine/rules/github/artipacked.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const wf = (steps: string) => `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;
const upload = (ref: string, path = '.', extra = '') => `      - uses: actions/upload-artifact@${ref}\n        with:\n          name: ws\n          path: ${path}\n${extra}`;

ruleTester(rule as Rule, {
  valid: [
    wf('      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n' + upload('v3')),
    { name: 'plain checkout is below the regular persona', code: wf('      - uses: actions/checkout@v4\n      - run: make\n'), settings: { persona: 'regular' } },
    // upload-artifact v4 (latest minor) leaves hidden files out.
    { name: 'v4 upload leaves .git out', code: wf('      - uses: actions/checkout@v4\n' + upload('v4')), settings: { persona: 'regular' } },
    { name: 'a build directory only', code: wf('      - uses: actions/checkout@v3\n' + upload('v3', 'dist/')), settings: { persona: 'regular' } },
  ],
  invalid: [
    {
      name: 'workspace uploaded by upload-artifact v3: high, fix adds with:',
      code: wf('      - uses: actions/checkout@v4\n      - run: make\n' + upload('v3')),
      errors: [{ text: 'actions/checkout@v4', severity: 'high', message: /uploads the workspace/ }],
      output: null,
      outputAll: wf('      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n      - run: make\n' + upload('v3')),
    },
    {
      name: 'include-hidden-files with v4, github.workspace path, existing with: extended',
      code: wf('      - uses: actions/checkout@v4\n        with:\n          fetch-depth: 0\n' + upload('v4', '${{ github.workspace }}', '          include-hidden-files: true\n')),
      errors: [{ severity: 'high' }],
      outputAll: wf('      - uses: actions/checkout@v4\n        with:\n          fetch-depth: 0\n          persist-credentials: false\n' + upload('v4', '${{ github.workspace }}', '          include-hidden-files: true\n')),
    },
    {
      name: 'no upload: pedantic, medium',
      code: wf('      - uses: actions/checkout@v4\n      - run: make\n'),
      settings: { persona: 'pedantic' },
      errors: [{ severity: 'medium', message: /keeps the job's GITHUB_TOKEN in \.git\/config/ }],
    },
    {
      name: 'a later git push needs it: auditor, low',
      code: wf('      - uses: actions/checkout@v4\n      - run: git push origin HEAD\n'),
      errors: [{ severity: 'low', message: /pushes or fetches/ }],
    },
    {
      name: 'checkout v6 keeps credentials outside the workspace',
      code: wf('      - uses: actions/checkout@v6\n' + upload('v3')),
      errors: [{ severity: 'medium', message: /temp directory/ }],
    },
  ],
});
