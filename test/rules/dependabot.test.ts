import cooldown from '../../server/src/engine/rules/github/dependabot-cooldown.js';
import execution from '../../server/src/engine/rules/github/dependabot-execution.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const entry = (extra: string) => `version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n    schedule:\n      interval: weekly\n${extra}`;
ruleTester(cooldown as Rule, {
  valid: [entry('    cooldown:\n      default-days: 7\n'), { code: entry('    cooldown:\n      default-days: 3\n'), options: { days: 3 } }],
  invalid: [
    { code: entry(''), errors: ['package-ecosystem'], output: entry('    cooldown:\n      default-days: 7\n') },
    { code: entry('    cooldown:\n      default-days: 2 # too short\n'), errors: [{ text: '2', message: /2-day/ }], output: entry('    cooldown:\n      default-days: 7 # too short\n') },
    { code: entry('    cooldown:\n      semver-major-days: 30\n'), errors: ['cooldown'], output: entry('    cooldown:\n      semver-major-days: 30\n      default-days: 7\n') },
  ].map((c) => ({ ...c, path: '.github/dependabot.yml' })),
});
ruleTester(execution as Rule, {
  valid: [{ code: entry('    insecure-external-code-execution: deny\n'), path: '.github/dependabot.yml' }],
  invalid: [{ code: entry('    insecure-external-code-execution: allow\n'), path: '.github/dependabot.yml', errors: ['allow'], output: null, outputAll: entry('    insecure-external-code-execution: deny\n') }],
});
