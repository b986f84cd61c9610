import rule from '../../server/src/engine/rules/github/overprovisioned-secrets.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const step = (env: string) => `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: ./x\n        env:\n          V: ${env}\n`;
ruleTester(rule as Rule, {
  valid: [step('${{ secrets.TOKEN }}'), step("${{ secrets['TOKEN'] }}"), step('${{ toJSON(github) }}'), step('${{ hashFiles(secrets.X) }}')],
  invalid: [
    { code: step('${{ toJSON(secrets) }}'), errors: ['secrets'] },
    { code: step('${{ secrets[inputs.name] }}'), errors: [{ text: 'secrets', message: /computed index/ }] },
    { code: step("${{ secrets[format('{0}_KEY', matrix.env)] }}"), errors: [{ message: /computed index/ }] },
    { code: 'name: a\ndescription: b\nruns:\n  using: composite\n  steps:\n    - run: echo "${{ toJson(secrets) }}"\n      shell: bash\n', path: 'action.yml', errors: ['secrets'] },
  ],
});
