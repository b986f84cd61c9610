// A workspace on disk for the parallel-audit tests: enough files for `--jobs 3` to start two workers
// (pool.ts FILES_PER_THREAD), with cross-file references that rules follow through the WorkspaceView (a
// local composite action, a reusable workflow, a GitLab include:local), a config with an override, fixable
// findings, and files that cannot be checked (invalid UTF-8, NUL bytes).
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const examples = fileURLToPath(new URL('../../examples', import.meta.url));

/** Number of generated workflows (plus the fixed files below). */
export const GENERATED_WORKFLOWS = 96;

const put = (root: string, rel: string, content: string | Buffer) => {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), content);
};

const LOCAL_ACTION = `name: greet
description: greets someone
inputs:
  who:
    description: whom to greet
runs:
  using: composite
  steps:
    - run: echo Hello \${{ inputs.who }}
      shell: bash
`;

const REUSABLE = `on:
  workflow_call:
    secrets:
      token:
        required: true
permissions:
  contents: write
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: gh release create v1
        env:
          GH_TOKEN: \${{ secrets.token }}
`;

/** Workflow number i: four shapes in turn, so every kind of cross-file and fixable finding repeats. */
function workflow(i: number): string {
  switch (i % 4) {
    case 0:
      return `on: issues\njobs:\n  greet${i}:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/greet\n        with:\n          who: \${{ github.event.issue.title }}\n`;
    case 1:
      return `on: push\npermissions: write-all\njobs:\n  call${i}:\n    uses: ./.github/workflows/reusable.yml\n    secrets: inherit\n`;
    case 2:
      return `on: pull_request_target\njobs:\n  build${i}:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: \${{ github.event.pull_request.head.sha }}\n      - run: echo "\${{ github.event.pull_request.title }}" && npm test\n      - uses: softprops/action-gh-release@v2\n`;
    default:
      return `name: nightly ${i}\non:\n  schedule:\n    - cron: '0 3 * * *'\njobs:\n  n${i}:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@main\n      - run: curl -sSL https://example.com/install.sh | bash\n`;
  }
}

/** Writes the workspace under `root` (an empty folder). */
export function writeParallelWorkspace(root: string): void {
  mkdirSync(join(root, '.git'), { recursive: true });
  cpSync(join(examples, '.github'), join(root, '.github'), { recursive: true });
  cpSync(join(examples, 'action.yml'), join(root, 'action.yml'));
  cpSync(join(examples, 'flows'), join(root, 'flows'), { recursive: true });
  put(root, '.flowguard.yml', `persona: regular\nignore-paths:\n  - "vendor/**"\noverrides:\n  - files: [".github/workflows/wf-007.yml"]\n    min-severity: high\n`);
  put(root, '.github/actions/greet/action.yml', LOCAL_ACTION);
  put(root, '.github/workflows/reusable.yml', REUSABLE);
  for (let i = 0; i < GENERATED_WORKFLOWS; i++) put(root, `.github/workflows/wf-${String(i).padStart(3, '0')}.yml`, workflow(i));
  put(root, '.gitlab-ci.yml', `include:\n  - local: ci/jobs.yml\nstages: [build, test]\nbuild:\n  stage: build\n  extends: .template\n  script: make\n`);
  put(root, 'ci/jobs.yml', `.template:\n  image: node:latest\n  variables:\n    API_TOKEN: "glpat-abcdefghijklmnopqrst"\n`);
  put(root, 'vendor/.github/workflows/vendored.yml', 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: a/b@main\n');
  put(root, '.github/workflows/latin1.yml', Buffer.from([0x6f, 0x6e, 0x3a, 0x20, 0xe9, 0x0a]));
  put(root, '.github/workflows/binary.yml', 'on: push\n\0\n');
}
