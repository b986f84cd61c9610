import rule from '../../server/src/engine/rules/github/unsound-condition.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const wf = (cond: string) => `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n        if: ${cond}\n`;

ruleTester(rule as Rule, {
  valid: [
    wf("github.ref == 'refs/heads/main'"),
    wf("${{ github.ref == 'refs/heads/main' }}"),
    wf("|-\n          ${{ github.ref == 'refs/heads/main' }}"),
    wf(">-\n          ${{ github.event_name == 'push' }}"),
    wf("|\n          github.event_name == 'push'"),
    wf("\"${{ success() }}\""),
  ],
  invalid: [
    {
      name: 'block scalar with a trailing newline: safe fix strips it',
      code: wf("|\n          ${{ github.ref == 'refs/heads/main' }}"),
      errors: [{ text: "|\n          ${{ github.ref == 'refs/heads/main' }}\n", message: /trailing newline/ }],
      output: wf("|-\n          ${{ github.ref == 'refs/heads/main' }}"),
    },
    {
      name: 'folded scalar',
      code: wf(">\n          ${{ github.event_name == 'push' }}"),
      errors: [{ message: /always true/ }],
      output: wf(">-\n          ${{ github.event_name == 'push' }}"),
    },
    {
      name: 'two expressions joined by text: unsafe rewrite into one',
      code: wf('${{ success() }} && ${{ github.event_name == \'push\' }}'),
      errors: [{ text: "${{ success() }} && ${{ github.event_name == 'push' }}", message: /several/ }],
      output: null,
      outputAll: wf("${{ (success()) && (github.event_name == 'push') }}"),
    },
    {
      name: 'text after the expression',
      code: wf("\"${{ github.actor == 'me' }} \""),
      errors: [{ message: /text outside/ }],
    },
    {
      name: 'job level',
      code: "on: push\njobs:\n  a:\n    if: |\n      ${{ false }}\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n",
      errors: [{ message: /The job runs/ }],
      output: "on: push\njobs:\n  a:\n    if: |-\n      ${{ false }}\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n",
    },
  ],
});
