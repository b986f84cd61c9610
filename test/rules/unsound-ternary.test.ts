import rule from '../../server/src/engine/rules/github/unsound-ternary.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const wf = (value: string, cond = 'always()') => `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "$V"\n        if: ${cond}\n        env:\n          V: ${value}\n`;

ruleTester(rule as Rule, {
  valid: [
    wf("${{ github.event_name == 'push' && 'yes' || 'no' }}"),
    wf("${{ github.event_name != 'push' && 'x' || '' }}"),
    wf("${{ github.ref || '' }}"),
    // Comments are not values.
    "on: push\n# ${{ github.ref && '' || 'x' }}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n",
  ],
  invalid: [
    {
      code: wf("${{ github.event_name == 'push' && '' || '--dry-run' }}"),
      errors: [{ text: "${{ github.event_name == 'push' && '' || '--dry-run' }}", severity: 'low', message: /never yields ''/ }],
      output: null,
      outputAll: wf("${{ !(github.event_name == 'push') && ('--dry-run') || '' }}"),
    },
    {
      name: 'zero and grouping, inside a larger expression',
      code: wf("${{ format('{0}', (github.ref == 'refs/heads/main' && 0) || 1) }}"),
      errors: [{ message: /never yields 0/ }],
    },
    {
      name: 'bare if: condition',
      code: wf('x', "github.event_name == 'push' && false || true"),
      errors: [{ text: "github.event_name == 'push' && false || true" }],
    },
  ],
});
