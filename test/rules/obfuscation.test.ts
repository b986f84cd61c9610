import rule from '../../server/src/engine/rules/github/obfuscation.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const wf = (steps: string) => `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;

ruleTester(rule as Rule, {
  valid: [
    wf('      - uses: actions/checkout@v4\n      - uses: github/codeql-action/init@v3\n'),
    // Local actions checked out beside the workspace, trailing slash.
    wf('      - uses: ./../action/init\n      - uses: ./.github/actions/build/\n'),
    wf("      - run: echo ${{ format('{0}-{1}', github.ref_name, github.sha) }} ${{ toJSON(github.event) }}\n"),
  ],
  invalid: [
    {
      name: 'dot segment in an action path',
      code: wf('      - uses: actions/checkout/./@v4\n'),
      errors: [{ text: 'actions/checkout/./@v4', message: /'actions\/checkout@v4'/ }],
      output: wf('      - uses: actions/checkout@v4\n'),
    },
    {
      name: 'double slash and .. inside the repository',
      code: wf('      - uses: github/codeql-action//init/../analyze@v3\n'),
      errors: ['github/codeql-action//init/../analyze@v3'],
      output: wf('      - uses: github/codeql-action/analyze@v3\n'),
    },
    {
      name: 'climbing out of the action repository: no fix',
      code: wf('      - uses: foo/bar/../../evil/repo@v1\n'),
      errors: [{ message: /climbs back out/ }],
      output: null,
    },
    {
      name: 'fromJSON(toJSON(x)) round trip',
      code: wf('      - run: echo "$T"\n        env:\n          T: ${{ fromJSON(toJSON(github.event.issue.title)) }}\n'),
      errors: ['fromJSON(toJSON(github.event.issue.title))'],
      output: wf('      - run: echo "$T"\n        env:\n          T: ${{ github.event.issue.title }}\n'),
    },
    {
      name: 'format() of literals only',
      code: wf("      - run: echo\n        env:\n          NAME: ${{ format('{0}-{1}', 'app', 'v1') }}\n"),
      errors: [{ text: "format('{0}-{1}', 'app', 'v1')", severity: 'info' }],
      output: wf('      - run: echo\n        env:\n          NAME: app-v1\n'),
    },
  ],
});
