import rule from '../../server/src/engine/rules/github/insecure-commands.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const wf = (steps: string, extra = '') => `on: push\n${extra}jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;

ruleTester(rule as Rule, {
  valid: [
    wf('      - run: echo "x=1" >> "$GITHUB_OUTPUT"\n'),
    wf('      - run: |\n          # old style was ::set-output name=x::1\n          echo "x=1" >> "$GITHUB_OUTPUT"\n'),
    wf('      - run: echo hi\n        env:\n          ACTIONS_ALLOW_UNSECURE_COMMANDS: false\n'),
    wf('      - run: echo "::warning::careful" && echo "::group::x"\n'),
  ],
  invalid: [
    {
      name: 'set-output with a plain value: safe rewrite',
      code: wf('      - id: v\n        run: |\n          echo "::set-output name=version::1.2.3"\n'),
      errors: [{ text: '::set-output', severity: 'low' }],
      output: wf('      - id: v\n        run: |\n          echo "version=1.2.3" >> "$GITHUB_OUTPUT"\n'),
    },
    {
      name: 'set-output with an expansion: unsafe rewrite only',
      code: wf('      - run: echo ::set-output name=sha::$(git rev-parse HEAD)\n'),
      errors: ['::set-output'],
      output: null,
      outputAll: wf('      - run: echo sha=$(git rev-parse HEAD) >> "$GITHUB_OUTPUT"\n'),
    },
    {
      name: 'save-state',
      code: wf("      - run: echo '::save-state name=pid::42'\n"),
      errors: ['::save-state'],
      output: wf("      - run: echo 'pid=42' >> \"$GITHUB_STATE\"\n"),
    },
    {
      name: 'set-env is disabled (medium) unless re-enabled (high)',
      code: wf('      - run: echo "::set-env name=A::b"\n      - run: echo "::add-path::/opt/bin"\n        env:\n          ACTIONS_ALLOW_UNSECURE_COMMANDS: true\n'),
      errors: [{ text: '::set-env', severity: 'medium' }, { text: '::add-path', severity: 'high' }, { text: 'ACTIONS_ALLOW_UNSECURE_COMMANDS', severity: 'high' }],
      output: null,
    },
    {
      name: 'workflow-level variable: removal is unsafe',
      code: wf('      - run: make\n', 'env:\n  FOO: 1\n  ACTIONS_ALLOW_UNSECURE_COMMANDS: "true"\n'),
      errors: [{ text: 'ACTIONS_ALLOW_UNSECURE_COMMANDS', severity: 'high' }],
      output: null,
      outputAll: wf('      - run: make\n', 'env:\n  FOO: 1\n'),
    },
    {
      name: 'only entry: env: goes too',
      code: wf('      - run: make\n', 'env:\n  ACTIONS_ALLOW_UNSECURE_COMMANDS: true\n'),
      errors: ['ACTIONS_ALLOW_UNSECURE_COMMANDS'],
      outputAll: wf('      - run: make\n'),
    },
    {
      name: 'set from an expression: auditor',
      code: wf('      - run: make\n        env:\n          ACTIONS_ALLOW_UNSECURE_COMMANDS: ${{ inputs.legacy }}\n'),
      errors: [{ text: 'ACTIONS_ALLOW_UNSECURE_COMMANDS', severity: 'high' }],
    },
    {
      name: 'composite action',
      path: 'action.yml',
      code: 'name: x\ndescription: y\nruns:\n  using: composite\n  steps:\n    - run: echo "::set-output name=a::b"\n      shell: bash\n',
      errors: ['::set-output'],
      output: 'name: x\ndescription: y\nruns:\n  using: composite\n  steps:\n    - run: echo "a=b" >> "$GITHUB_OUTPUT"\n      shell: bash\n',
    },
  ],
});
