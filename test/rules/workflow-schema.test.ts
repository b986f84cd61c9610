import rule from '../../server/src/engine/rules/github/workflow-schema.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const job = (body: string) => `on: push\njobs:\n  build:\n${body}`;
const steps = (items: string) => job(`    runs-on: ubuntu-latest\n    steps:\n${items}`);

/** The 20 GITHUB_TOKEN scopes of ../shared/reference/github-permissions.md with their allowed levels. */
const SCOPES: Record<string, string[]> = {
  actions: ['read', 'write', 'none'],
  'artifact-metadata': ['read', 'write', 'none'],
  attestations: ['read', 'write', 'none'],
  checks: ['read', 'write', 'none'],
  'code-quality': ['read', 'write', 'none'],
  contents: ['read', 'write', 'none'],
  'copilot-requests': ['write', 'none'],
  deployments: ['read', 'write', 'none'],
  discussions: ['read', 'write', 'none'],
  drives: ['read', 'write', 'none'],
  'id-token': ['write', 'none'],
  issues: ['read', 'write', 'none'],
  models: ['read', 'none'],
  packages: ['read', 'write', 'none'],
  pages: ['read', 'write', 'none'],
  'pull-requests': ['read', 'write', 'none'],
  'repository-projects': ['read', 'write', 'none'],
  'security-events': ['read', 'write', 'none'],
  statuses: ['read', 'write', 'none'],
  'vulnerability-alerts': ['read', 'none'],
};
const allScopes = (level: (levels: string[]) => string) => Object.entries(SCOPES).map(([s, l]) => `  ${s}: ${level(l)}`).join('\n');

ruleTester(rule as Rule, {
  valid: [
    { name: 'minimal', code: steps('      - run: echo hi\n') },
    { name: 'all 20 permission scopes at their highest level', code: `on: push\npermissions:\n${allScopes((l) => l[0])}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions:\n${allScopes((l) => l[l.length - 1]).replace(/^/gm, '    ')}\n    steps:\n      - run: echo\n` },
    { name: 'permission shorthands and empty mapping', code: 'on: push\npermissions: read-all\njobs:\n  a:\n    runs-on: x\n    permissions: {}\n    steps: [{run: echo}]\n  b:\n    runs-on: x\n    permissions: write-all\n    steps: [{run: echo}]\n' },
    { name: 'expressions where GitHub accepts them', code: job([
      '    runs-on: ${{ matrix.os }}',
      '    timeout-minutes: ${{ fromJSON(inputs.timeout) }}',
      '    continue-on-error: ${{ matrix.experimental }}',
      "    if: github.event_name == 'push'",
      '    container: ${{ matrix.image }}',
      '    environment: ${{ inputs.env }}',
      '    concurrency: ci-${{ github.ref }}',
      '    strategy:',
      '      fail-fast: ${{ inputs.fail-fast }}',
      '      max-parallel: ${{ inputs.parallel }}',
      '      matrix: ${{ fromJSON(needs.setup.outputs.matrix) }}',
      '    env: ${{ fromJSON(inputs.env) }}',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '        with: ${{ fromJSON(inputs.with) }}',
      '        continue-on-error: ${{ steps.x.outputs.soft }}',
      '        timeout-minutes: ${{ env.T }}',
      '      - run: echo',
      '        env:',
      '          ${{ inputs.name }}: value',
      '',
    ].join('\n')) },
    { name: 'matrix with expression entries, include and exclude', code: job([
      '    runs-on: ${{ matrix.os }}',
      '    strategy:',
      '      matrix:',
      '        os: [ubuntu-latest, macos-latest]',
      '        node: ${{ fromJSON(inputs.versions) }}',
      '        include:',
      '          - os: windows-latest',
      '            node: 20',
      '            experimental: true',
      '          - ${{ fromJSON(inputs.extra) }}',
      '        exclude:',
      '          - os: macos-latest',
      '            node: 18',
      '    steps:',
      '      - run: echo ${{ matrix.node }}',
      '',
    ].join('\n')) },
    { name: 'reusable workflow calls', code: 'on: push\njobs:\n  a:\n    uses: octo/ci/.github/workflows/b.yml@v1\n    with:\n      n: 1\n      flag: true\n      s: ${{ github.sha }}\n    secrets: inherit\n    permissions:\n      contents: read\n    strategy:\n      matrix:\n        x: [1, 2]\n  b:\n    needs: [a]\n    if: always()\n    uses: ./.github/workflows/c.yml\n    secrets:\n      token: ${{ secrets.T }}\n    concurrency:\n      group: g\n      cancel-in-progress: true\n' },
    { name: 'concurrency, environment and services', code: 'on: push\nconcurrency:\n  group: ${{ github.workflow }}\n  cancel-in-progress: ${{ github.ref != \'refs/heads/main\' }}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    concurrency: deploy\n    environment:\n      name: prod\n      url: ${{ steps.d.outputs.url }}\n    services:\n      db:\n        image: postgres:16\n        env:\n          POSTGRES_PASSWORD: ${{ secrets.PW }}\n        ports: [5432]\n        options: --health-cmd pg_isready\n      cache: redis:7\n    container:\n      image: node:20\n      credentials:\n        username: u\n        password: ${{ secrets.P }}\n    steps:\n      - run: echo\n' },
    { name: 'every form of on', code: 'on:\n  push:\n    branches: [main]\n    tags: ["v*"]\n    paths-ignore: ["docs/**"]\n  pull_request:\n    types: [opened, synchronize]\n  pull_request_target:\n  schedule:\n    - cron: "0 0 * * *"\n  workflow_dispatch:\n    inputs:\n      level:\n        type: choice\n        options: [a, b]\n        default: a\n      n:\n        type: number\n      env:\n        type: environment\n  workflow_call:\n    inputs:\n      x:\n        type: boolean\n        default: false\n    secrets:\n      t:\n        required: true\n    outputs:\n      o:\n        value: ${{ jobs.a.outputs.o }}\n  repository_dispatch:\n    types: [go]\n  workflow_run:\n    workflows: [CI]\n    types: [completed]\njobs:\n  a:\n    runs-on: x\n    outputs:\n      o: ${{ steps.s.outputs.o }}\n    steps: [{id: s, run: echo}]\n' },
    { name: 'on as a list including repository_dispatch (upstream schema bug patched)', code: 'on: [push, repository_dispatch, workflow_dispatch]\njobs:\n  a:\n    runs-on: x\n    steps: [{run: echo}]\n' },
    { name: 'scalars where strings are expected', code: 'on: push\nname: 123\nenv:\n  A: 1\n  B: true\n  C:\njobs:\n  a:\n    name: 2\n    runs-on: x\n    steps:\n      - uses: a/b@v1\n        with:\n          n: 3\n          f: false\n' },
    { name: 'anchors and aliases (GitHub supports them since August 2025)', code: 'on: push\njobs:\n  a:\n    runs-on: &os ubuntu-latest\n    env: &env\n      A: 1\n    steps: &steps\n      - run: echo\n  b:\n    runs-on: *os\n    env: *env\n    steps: *steps\n' },
    { name: 'background and parallel steps (GitHub schema)', code: steps('      - run: sleep 5\n        background: true\n        id: bg\n      - wait: bg\n      - wait-all: true\n      - cancel: bg\n') },
    { name: 'run-name, defaults, description', code: 'name: CI\nrun-name: Deploy ${{ inputs.t }}\ndescription: builds\non: push\ndefaults:\n  run:\n    shell: bash\n    working-directory: src\njobs:\n  a:\n    runs-on: x\n    defaults:\n      run:\n        shell: ${{ matrix.shell }}\n    steps: [{run: echo}]\n' },
    { name: 'runs-on group and labels', code: job('    runs-on:\n      group: big\n      labels: [self-hosted, linux]\n    steps: [{run: echo}]\n') },
    { name: 'not a workflow mapping: nothing to check', code: '' },
    { name: 'expressions without a context are legal everywhere; defaults.run.shell may read the matrix', code: job("    runs-on: x\n    defaults:\n      run:\n        shell: ${{ matrix.shell }}\n    steps:\n      - run: echo\n        shell: ${{ 'bash' }}\n") },
  ],
  invalid: [
    {
      name: 'misspelled key with a suggestion (the missing runs-on is the same mistake)',
      code: job('    runs_on: ubuntu-latest\n    steps:\n      - run: make\n'),
      errors: [{ text: 'runs_on', message: "Unknown key 'runs_on' in job 'build'; did you mean 'runs-on'?", severity: 'high' }],
    },
    {
      name: 'unknown key without a close match',
      code: job('    runs-on: x\n    frobnicate: 1\n    steps: [{run: echo}]\n'),
      errors: [{ text: 'frobnicate', message: "Unknown key 'frobnicate' in job 'build'" }],
    },
    {
      name: 'runs-on on a reusable workflow call: one finding, no oneOf cascade',
      code: 'on: push\njobs:\n  call:\n    uses: o/r/.github/workflows/w.yml@v1\n    runs-on: ubuntu-latest\n    steps: [{run: echo}]\n',
      errors: [
        { text: 'runs-on', message: "Key 'runs-on' cannot be used in job 'call', a job that calls a reusable workflow ('uses')" },
        { text: 'steps', message: "Key 'steps' cannot be used in job 'call', a job that calls a reusable workflow ('uses')" },
      ],
    },
    {
      name: 'job with neither runs-on nor uses',
      code: 'on: push\njobs:\n  lonely:\n    needs: x\n',
      errors: [{ text: 'lonely', message: "Job 'lonely' needs 'runs-on' or 'uses'" }],
    },
    {
      name: 'missing runs-on in a job with steps',
      code: job('    steps:\n      - run: echo\n'),
      errors: [{ text: 'build', message: "Missing required key 'runs-on' in job 'build'" }],
    },
    {
      name: 'permission level typo and unknown scope',
      code: 'on: push\npermissions:\n  contents: writ\n  metadata: read\n  id-token: read\njobs:\n  a:\n    runs-on: x\n    permissions:\n      pull_requests: write\n    steps: [{run: echo}]\n',
      errors: [
        { text: 'writ', message: "Invalid value 'writ' for 'permissions.contents' in the workflow; expected one of: read, write, none; did you mean 'write'?" },
        { text: 'metadata', message: "Unknown key 'metadata' in 'permissions' of the workflow" },
        { text: 'read', message: "Invalid value 'read' for 'permissions.id-token' in the workflow; expected one of: write, none" },
        { text: 'pull_requests', message: "Unknown key 'pull_requests' in 'permissions' of job 'a'; did you mean 'pull-requests'?" },
      ],
    },
    {
      name: 'invalid permissions shorthand',
      code: 'on: push\npermissions: read\njobs:\n  a:\n    runs-on: x\n    steps: [{run: echo}]\n',
      errors: [{ text: 'read', message: "Invalid value 'read' for 'permissions' in the workflow; expected one of: read-all, write-all" }],
    },
    {
      name: 'wrong value types; expressions are named where allowed',
      code: job("    runs-on: x\n    timeout-minutes: ten\n    continue-on-error: 'yes'\n    strategy:\n      fail-fast: maybe\n    steps:\n      - run: echo\n"),
      errors: [
        { text: 'ten', message: "'timeout-minutes' in job 'build' must be a number or an expression, not the string 'ten'" },
        { text: "'yes'", message: "'continue-on-error' in job 'build' must be true or false or an expression, not the string 'yes'" },
        { text: 'maybe', message: "'strategy.fail-fast' in job 'build' must be true or false or an expression, not the string 'maybe'" },
      ],
    },
    {
      name: 'a mapping where a string is expected is flagged at its key',
      code: steps('      - uses:\n          name: actions/checkout\n'),
      errors: [{ text: 'uses', message: "'uses' in step 1 of job 'build' must be a string, not a mapping" }],
    },
    {
      name: 'step kinds: neither run nor uses, both, misspelled',
      code: steps('      - name: nothing\n      - run: echo\n        uses: a/b@v1\n      - usess: a/b@v1\n      - run: echo\n        wiht:\n          a: 1\n'),
      errors: [
        { text: 'name', message: "Step 1 of job 'build' needs 'run' or 'uses'" },
        { text: 'uses', message: "Key 'uses' cannot be used in step 2 of job 'build', a step that runs a script ('run')" },
        { text: 'usess', message: "Unknown key 'usess' in step 3 of job 'build'; did you mean 'uses'?" },
        { text: 'wiht', message: "Unknown key 'wiht' in step 4 of job 'build'" },
      ],
    },
    {
      name: 'empty uses',
      code: steps("      - uses: ''\n"),
      errors: [{ text: "''", message: "'uses' in step 1 of job 'build' must not be empty" }],
    },
    {
      name: 'unknown events and activity types',
      code: 'on:\n  pushh:\n  pull_request:\n    types: [opend]\njobs:\n  a:\n    runs-on: x\n    steps: [{run: echo}]\n',
      errors: [
        { text: 'pushh', message: "Unknown event 'pushh'; did you mean 'push'?", severity: 'high' },
        { text: 'opend', message: /^Invalid value 'opend' for 'types\[0\]' in trigger 'pull_request'; expected one of 22 values .*; did you mean 'opened'\?$/, severity: 'medium' },
      ],
    },
    {
      name: 'unknown event in a list',
      code: 'on: [push, pull-request]\njobs:\n  a:\n    runs-on: x\n    steps: [{run: echo}]\n',
      errors: [{ text: 'pull-request', message: "Unknown event 'pull-request'; did you mean 'pull_request'?" }],
    },
    {
      name: 'an expression in a trigger filter is rejected by GitHub (high), unlike an ignored filter',
      code: 'on:\n  push:\n    branches: ["${{ vars.MAIN }}"]\njobs:\n  a:\n    runs-on: x\n    steps: [{run: echo}]\n',
      errors: [{ text: '"${{ vars.MAIN }}"', message: "'branches[0]' in trigger 'push' cannot use an expression ('vars' is not available here); GitHub rejects the workflow", severity: 'high' }],
    },
    {
      name: 'schedule entry without cron',
      code: 'on:\n  schedule:\n    - cron: "0 0 * * *"\n    - timezone: UTC\njobs:\n  a:\n    runs-on: x\n    steps: [{run: echo}]\n',
      errors: [{ text: 'timezone', message: "Missing required key 'cron' in schedule 2 of trigger 'schedule'" }],
    },
    {
      name: 'filters on a trigger that takes none',
      code: 'on:\n  create:\n    tags: [v*]\njobs:\n  a:\n    runs-on: x\n    steps: [{run: echo}]\n',
      errors: [{ text: 'create', message: "Trigger 'create' takes no filters or settings: GitHub ignores them and runs the workflow on every 'create' event", severity: 'medium' }],
    },
    {
      name: 'workflow_call input without type; workflow_dispatch input type',
      code: 'on:\n  workflow_call:\n    inputs:\n      x:\n        required: true\n  workflow_dispatch:\n    inputs:\n      n:\n        type: int\njobs:\n  a:\n    runs-on: x\n    steps: [{run: echo}]\n',
      errors: [
        { text: 'x', message: "Missing required key 'type' in input 'x' of trigger 'workflow_call'", severity: 'high' },
        { text: 'int', message: "Invalid value 'int' for 'type' in input 'n' of trigger 'workflow_dispatch'; expected one of: string, boolean, number, environment, choice" },
      ],
    },
    {
      name: 'missing on and jobs',
      code: 'name: nothing\n',
      errors: [
        { text: 'name', message: "Missing required key 'on' in the workflow" },
        { text: 'name', message: "Missing required key 'jobs' in the workflow" },
      ],
    },
    {
      name: 'concurrency mapping without group; bad queue value',
      code: job('    runs-on: x\n    concurrency:\n      cancel-in-progress: true\n      queue: all\n    steps: [{run: echo}]\n'),
      errors: [
        { text: 'concurrency', message: "Missing required key 'group' in 'concurrency' of job 'build'" },
        { text: 'all', message: "Invalid value 'all' for 'concurrency.queue' in job 'build'; expected one of: single, max" },
      ],
    },
    {
      name: 'a mapping where a list of branches is expected (trigger settings: medium)',
      code: 'on:\n  push:\n    branches:\n      main: true\njobs:\n  a:\n    runs-on: x\n    steps: [{run: echo}]\n',
      errors: [{ text: 'branches', message: "'branches' in trigger 'push' must be a sequence or a string, not a mapping", severity: 'medium' }],
    },
    {
      name: 'expressions where GitHub evaluates none',
      code: 'name: Build ${{ github.ref_name }}\n' + steps('      - uses: actions/checkout@${{ inputs.ref }}\n      - run: echo\n        shell: ${{ matrix.shell }}\n'),
      errors: [
        { text: 'Build ${{ github.ref_name }}', message: "'name' in the workflow cannot use an expression ('github' is not available here); GitHub rejects the workflow; use 'run-name' for a dynamic run name" },
        { text: 'actions/checkout@${{ inputs.ref }}', message: "'uses' in step 1 of job 'build' cannot use an expression ('inputs' is not available here); GitHub rejects the workflow", severity: 'high' },
        { text: '${{ matrix.shell }}', message: "'shell' in step 2 of job 'build' cannot use an expression ('matrix' is not available here); GitHub rejects the workflow" },
      ],
    },
    {
      name: 'quoted numbers and booleans: removing the quotes is a safe fix',
      code: job('    runs-on: x\n    timeout-minutes: "10"\n    continue-on-error: \'true\'\n    steps: [{run: echo}]\n'),
      errors: [
        { text: '"10"', message: "'timeout-minutes' in job 'build' must be a number or an expression, not the string '10'" },
        { text: "'true'", message: "'continue-on-error' in job 'build' must be true or false or an expression, not the string 'true'" },
      ],
      output: job('    runs-on: x\n    timeout-minutes: 10\n    continue-on-error: true\n    steps: [{run: echo}]\n'),
    },
    {
      name: 'suggested renames are offered as unsafe fixes',
      code: 'on: push\npermissions:\n  contents: "writ"\njobs:\n  a:\n    runs_on: x\n    steps: [{run: echo}]\n',
      errors: [{ text: '"writ"' }, { text: 'runs_on' }],
      output: null,
      outputAll: 'on: push\npermissions:\n  contents: "write"\njobs:\n  a:\n    runs-on: x\n    steps: [{run: echo}]\n',
    },
    {
      name: 'no rename fix when the suggested key is already there',
      code: job('    runs-on: x\n    Runs-On: y\n    steps: [{run: echo}]\n'),
      errors: [{ text: 'Runs-On', message: "Unknown key 'Runs-On' in job 'build'; did you mean 'runs-on'?" }],
      outputAll: job('    runs-on: x\n    Runs-On: y\n    steps: [{run: echo}]\n'),
    },
    {
      name: 'merge keys: GitHub does not support them',
      code: 'on: push\njobs:\n  a:\n    runs-on: x\n    env: &env\n      A: 1\n    steps: [{run: echo}]\n  b:\n    runs-on: x\n    env:\n      <<: *env\n      B: 2\n    steps: [{run: echo}]\n',
      errors: [{ text: '<<', message: "Merge key '<<' in 'env' of job 'b': GitHub supports YAML anchors and aliases but not merge keys, and rejects the workflow; write the keys out or alias the whole mapping", severity: 'high' }],
    },
    {
      name: 'keys that differ only in case (GitHub compares keys ignoring case)',
      code: 'on: push\nenv:\n  FOO: 1\n  foo: 2\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: a/b@v1\n        with:\n          Path: x\n          path: y\n  A:\n    runs-on: x\n    steps: [{run: echo}]\n',
      errors: [
        { text: 'foo', message: "Key 'foo' in 'env' of the workflow repeats 'FOO': GitHub compares keys ignoring case and rejects the file" },
        { text: 'path', message: "Key 'path' in 'with' of step 1 of job 'a' repeats 'Path': GitHub compares keys ignoring case and rejects the file" },
        { text: 'A', message: "Key 'A' in 'jobs' of the workflow repeats 'a': GitHub compares keys ignoring case and rejects the file" },
      ],
    },
    {
      name: 'error inside an alias is reported once, at the anchor',
      code: 'on: push\njobs:\n  a:\n    runs-on: x\n    steps: &s\n      - run: echo\n        shel: bash\n  b:\n    runs-on: x\n    steps: *s\n',
      errors: [{ text: 'shel', message: "Unknown key 'shel' in step 1 of job 'a'; did you mean 'shell'?" }],
    },
    {
      name: 'alias bomb: one finding, no hang',
      code: 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\non: push\njobs: {}\n',
      errors: [{ text: 'a', message: /^Not checked against the schema: the document could not be expanded/, severity: 'medium' }],
    },
  ],
});
