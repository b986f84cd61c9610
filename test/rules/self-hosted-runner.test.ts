import rule from '../../server/src/engine/rules/github/self-hosted-runner.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const job = (runsOn: string, extra = '') => `on: push\njobs:\n  a:\n    runs-on: ${runsOn}\n${extra}    steps:\n      - run: make\n`;
ruleTester(rule as Rule, {
  valid: [job('ubuntu-latest'), job('[ubuntu-22.04]'), job('${{ matrix.os }}', '    strategy:\n      matrix:\n        os: [ubuntu-latest, windows-latest]\n')],
  invalid: [
    { code: job('self-hosted'), errors: ['self-hosted'] },
    { code: job('[self-hosted, linux]'), errors: ['[self-hosted, linux]'] },
    { code: job('\n      group: big-runners'), errors: [{ message: /runner group 'big-runners'/ }] },
    { code: job('${{ matrix.os }}', '    strategy:\n      matrix:\n        os: [ubuntu-latest, self-hosted]\n'), errors: [{ text: '${{ matrix.os }}', message: /some matrix entries/ }] },
  ],
});
