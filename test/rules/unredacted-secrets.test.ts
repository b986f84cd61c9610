import rule from '../../server/src/engine/rules/github/unredacted-secrets.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const step = (env: string) => `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: ./x\n        env:\n          V: ${env}\n`;
ruleTester(rule as Rule, {
  valid: [step('${{ secrets.TOKEN }}'), step('${{ fromJSON(vars.CFG).key }}'), step('${{ fromJSON(secrets.LIST) }}')],
  invalid: [
    { code: step('${{ fromJSON(secrets.CFG).key }}'), errors: [{ text: '${{ fromJSON(secrets.CFG).key }}', message: /'CFG'/ }] },
    { code: step("${{ fromJson(secrets.CFG)['a'].b }}"), errors: [{ message: /fromJSON/ }] },
  ],
});
