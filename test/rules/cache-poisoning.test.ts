import rule from '../../server/src/engine/rules/github/cache-poisoning.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const wf = (on: string, steps: string) => `on:\n${on}jobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;
const tags = '  push:\n    tags: ["v*"]\n';

ruleTester(rule as Rule, {
  valid: [
    wf(tags, '      - uses: actions/setup-node@v4\n        with:\n          node-version: 22\n      - run: npm publish\n'),
    wf('  push:\n    branches: [main]\n', '      - uses: actions/setup-node@v4\n        with:\n          cache: npm\n      - run: npm test\n'),
    wf(tags, '      - uses: actions/setup-go@v5\n        with:\n          cache: false\n'),
    wf(tags, '      - uses: actions/cache/save@v4\n        with:\n          path: x\n          key: k\n'),
    { name: 'a dry run publishes nothing', code: wf('  pull_request:\n', '      - uses: swatinem/rust-cache@v2\n      - run: cargo publish --dry-run\n'), settings: { persona: 'pedantic' } },
  ],
  invalid: [
    {
      name: 'tag-triggered release with a setup-node cache: fix removes the input',
      code: wf(tags, '      - uses: actions/setup-node@v4\n        with:\n          node-version: 22\n          cache: npm\n      - run: npm publish\n'),
      errors: [{ text: 'actions/setup-node@v4', severity: 'medium', message: /tag pushes/ }],
      output: null,
      outputAll: wf(tags, '      - uses: actions/setup-node@v4\n        with:\n          node-version: 22\n      - run: npm publish\n'),
    },
    {
      name: 'setup-go caches by default: fix adds cache: false',
      code: wf('  release:\n    types: [published]\n', '      - uses: actions/setup-go@v5\n        with:\n          go-version: stable\n'),
      errors: [{ message: /runs on release/ }],
      outputAll: wf('  release:\n    types: [published]\n', '      - uses: actions/setup-go@v5\n        with:\n          go-version: stable\n          cache: false\n'),
    },
    {
      name: 'bundler-cache true -> false',
      code: wf('  release:\n', '      - uses: ruby/setup-ruby@v1\n        with:\n          bundler-cache: true\n'),
      errors: ['ruby/setup-ruby@v1'],
      outputAll: wf('  release:\n', '      - uses: ruby/setup-ruby@v1\n        with:\n          bundler-cache: false\n'),
    },
    {
      name: 'a publishing job in another workflow: pedantic',
      code: wf('  workflow_dispatch:\n', '      - uses: actions/cache@v4\n        with:\n          path: ~/.cargo\n          key: k\n      - run: cargo publish\n'),
      settings: { persona: 'pedantic' },
      errors: [{ text: 'actions/cache@v4', severity: 'low', message: /publishes/ }],
    },
  ],
});
