import rule from '../../server/src/engine/rules/github/action-schema.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const meta = 'name: A\ndescription: B\n';
const composite = (steps: string) => `${meta}runs:\n  using: composite\n  steps:\n${steps}`;

ruleTester(rule as Rule, {
  valid: [
    { name: 'javascript action', code: `${meta}author: me\ninputs:\n  token:\n    description: t\n    required: true\n    default: \${{ github.token }}\n    deprecationMessage: use x\noutputs:\n  o:\n    description: d\nruns:\n  using: node24\n  main: dist/index.js\n  pre: dist/pre.js\n  pre-if: runner.os == 'Linux'\n  post: dist/post.js\n  post-if: always()\nbranding:\n  icon: lock\n  color: gray-dark\n` },
    { name: 'older node runtimes are still accepted syntax', code: `${meta}runs:\n  using: node16\n  main: index.js\n` },
    { name: 'docker action with expression args and env', code: `${meta}runs:\n  using: docker\n  image: docker://alpine:3.20\n  entrypoint: /entry.sh\n  args:\n    - \${{ inputs.level }}\n    - --fast\n  env:\n    LEVEL: \${{ inputs.level }}\n  post-entrypoint: /cleanup.sh\n` },
    { name: 'composite action with run and uses steps', code: composite('    - run: echo hi\n      shell: bash\n      id: s\n      working-directory: ${{ inputs.dir }}\n      env:\n        A: ${{ inputs.a }}\n      continue-on-error: ${{ inputs.soft }}\n    - uses: actions/cache@v4\n      if: ${{ always() }}\n      with:\n        path: ~/.cache\n        n: 1\n') + 'outputs:\n  x:\n    description: d\n    value: ${{ steps.s.outputs.x }}\n' },
    { name: 'inputs accept extra keys (the runner reads them loosely)', code: `${meta}inputs:\n  a:\n    description: d\n    type: string\n    required: false\nruns:\n  using: node20\n  main: i.js\n` },
  ],
  invalid: [
    {
      name: 'misspelled main in a JavaScript action (the missing main is the same mistake)',
      code: `${meta}runs:\n  using: node24\n  mian: dist/index.js\n`,
      errors: [{ text: 'mian', message: "Unknown key 'mian' in 'runs'; did you mean 'main'?", severity: 'high' }],
    },
    {
      name: 'runs keys of another kind of action',
      code: `${meta}runs:\n  using: docker\n  image: Dockerfile\n  steps:\n    - run: echo\n`,
      errors: [{ text: 'steps', message: "Key 'steps' cannot be used in 'runs', a Docker action" }],
    },
    {
      name: 'unknown runtime (no guess among equally close runtimes)',
      code: `${meta}runs:\n  using: node18\n  main: index.js\n`,
      errors: [{ text: 'node18', message: "Invalid value 'node18' for 'using' in 'runs'; expected one of: docker, node12, node16, node20, node24, composite" }],
    },
    {
      name: 'composite action without steps',
      code: `${meta}runs:\n  using: composite\n`,
      errors: [{ text: 'runs', message: "Missing required key 'steps' in 'runs'" }],
    },
    {
      name: 'composite steps: run without shell, neither run nor uses, misspelled with',
      code: composite('    - run: make\n    - name: nothing\n    - uses: actions/cache@v4\n      wiht:\n        path: x\n'),
      errors: [
        { text: 'run', message: "Missing required key 'shell' in step 1 of the composite action" },
        { text: 'name', message: "Step 2 of the composite action needs 'run' or 'uses'" },
        { text: 'wiht', message: "Unknown key 'wiht' in step 3 of the composite action; did you mean 'with'?" },
      ],
    },
    {
      name: 'wrong value type in a composite step',
      code: composite('    - run: make\n      shell: bash\n      continue-on-error: maybe\n'),
      errors: [{ text: 'maybe', message: "'continue-on-error' in step 1 of the composite action must be true or false or an expression, not the string 'maybe'" }],
    },
    {
      name: 'unknown key in an output',
      code: `${meta}outputs:\n  o:\n    value: x\n    vaule: y\nruns:\n  using: node20\n  main: i.js\n`,
      errors: [{ text: 'vaule', message: "Unknown key 'vaule' in output 'o'; did you mean 'value'?", severity: 'high' }],
    },
    {
      name: 'top-level problems the runner ignores are low severity',
      code: `name: A\nenv:\n  X: 1\nruns:\n  using: node20\n  main: i.js\nbranding:\n  color: black\n`,
      errors: [
        { text: 'name', message: "Missing required key 'description' in the action metadata", severity: 'low' },
        { text: 'env', message: "Unknown key 'env' in the action metadata", severity: 'low' },
        { text: 'black', message: "Invalid value 'black' for 'branding.color' in the action metadata; expected one of: white, yellow, blue, green, orange, red, purple, gray-dark", severity: 'low' },
      ],
    },
    {
      name: 'input settings the runner does not read strictly are low severity',
      code: `${meta}inputs:\n  a:\n    description: d\n    required: 'yes'\nruns:\n  using: node20\n  main: i.js\n`,
      errors: [{ text: "'yes'", message: "'required' in input 'a' must be true or false, not the string 'yes'", severity: 'low' }],
    },
    {
      name: 'no runs at all',
      code: meta,
      errors: [{ text: 'name', message: "Missing required key 'runs' in the action metadata", severity: 'low' }],
    },
  ],
});
