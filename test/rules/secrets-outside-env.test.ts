import rule from '../../server/src/engine/rules/github/secrets-outside-env.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const job = (extra: string, env: string) => `on: push\njobs:\n  deploy:\n    runs-on: x\n${extra}    steps:\n      - run: ./x\n        env:\n          V: ${env}\n`;
ruleTester(rule as Rule, {
  valid: [
    job('    environment: prod\n', '${{ secrets.DEPLOY }}'),
    job('', '${{ secrets.GITHUB_TOKEN }}'),
    job('', '${{ github.token }}'),
    { code: job('', '${{ secrets.NPM }}'), options: { allow: ['GITHUB_TOKEN', 'NPM'] } },
    'on: push\njobs:\n  call:\n    uses: o/r/.github/workflows/x.yml@v1\n    secrets:\n      A: ${{ secrets.A }}\n',
  ],
  invalid: [
    { code: job('', '${{ secrets.DEPLOY }}'), errors: [{ text: 'deploy', message: /the secret DEPLOY/ }] },
    { code: job('', '${{ secrets.A }}-${{ secrets.B }}'), errors: [{ message: /2 secrets \(A, B\)/ }] },
  ],
});
