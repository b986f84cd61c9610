import rule from '../../server/src/engine/rules/github/undocumented-permissions.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const job = (block: string) => `on: push\njobs:\n  r:\n    runs-on: ubuntu-latest\n    permissions:\n${block}    steps:\n      - uses: actions/checkout@v4\n      - uses: softprops/action-gh-release@v2\n`;

ruleTester(rule as Rule, {
  valid: [
    job('      contents: write # releases\n'),
    job('      # the release step\n      contents: write\n'),
    { name: 'contents: read alone', code: 'on: push\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n' },
    { name: 'none entries', code: 'on: push\npermissions:\n  contents: none\n  issues: none\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n' },
    { name: 'regular persona does not see it', code: job('      contents: write\n'), settings: { persona: 'regular' } },
  ],
  invalid: [
    {
      code: job('      contents: write\n'),
      errors: [{ text: 'contents: write', message: 'contents: write has no comment saying which step needs it (FlowGuard finds: softprops/action-gh-release to create the release and upload assets)' }],
      output: job('      contents: write # softprops/action-gh-release to create the release and upload assets\n'),
    },
    {
      name: 'a scope no step needs gets no comment fix',
      code: job('      contents: write # release\n      issues: write\n'),
      errors: [{ text: 'issues: write', message: 'issues: write has no comment saying which step needs it' }],
      output: null,
    },
  ],
});
