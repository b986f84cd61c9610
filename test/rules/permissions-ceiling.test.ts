import rule from '../../server/src/engine/rules/github/permissions-ceiling.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const policy = (files: string[], max: unknown) => ({ policy: { github: { 'permissions-ceiling': [{ files, max }] } } });
const ci = '.github/workflows/ci-test.yml';
const job = (block: string) => `on: pull_request\njobs:\n  test:\n    runs-on: ubuntu-latest\n${block}    steps:\n      - uses: actions/checkout@v4\n`;

ruleTester(rule as Rule, {
  valid: [
    { name: 'under the ceiling', path: ci, config: policy(['.github/workflows/ci-*.yml'], { contents: 'read' }), code: job('    permissions:\n      contents: read\n') },
    { name: 'the ceiling does not match the path', path: '.github/workflows/release.yml', config: policy(['.github/workflows/ci-*.yml'], { contents: 'read' }), code: job('    permissions:\n      contents: write\n') },
    { name: 'no policy at all', path: ci, code: job('    permissions: write-all\n') },
    { name: 'restricted default fits contents+packages read', path: ci, config: { ...policy(['**'], { contents: 'read', packages: 'read' }), 'default-permissions': 'restricted' }, code: job('') },
  ],
  invalid: [
    {
      name: 'entry above the ceiling; the fix fits',
      path: ci,
      config: policy(['.github/workflows/ci-*.yml'], { contents: 'read' }),
      code: job('    permissions:\n      contents: write\n      issues: read\n'),
      errors: [{ text: 'contents: write', message: /exceeds the ceiling .* allows contents: read$/ }, { text: 'issues: read', message: /allows issues: none/ }],
      output: job('    permissions:\n      contents: read # actions/checkout to clone the repository\n'),
    },
    {
      name: 'write-all',
      path: ci,
      config: policy(['**/ci-*.yml'], 'read-all'),
      code: job('    permissions: write-all\n'),
      errors: [{ text: 'permissions: write-all', message: /exceeds the ceiling/ }],
    },
    {
      name: 'default token may exceed',
      path: ci,
      config: policy(['.github/workflows/ci-*.yml'], { contents: 'read' }),
      code: job(''),
      errors: [{ text: 'test', message: /no permissions block: the repository default may grant actions: write/ }],
    },
    {
      name: 'a step needs more than the ceiling: no fix, and it says so',
      path: ci,
      config: policy(['.github/workflows/ci-*.yml'], { contents: 'read' }),
      code: 'on: push\njobs:\n  r:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: write\n    steps:\n      - uses: softprops/action-gh-release@v2\n',
      errors: [{ message: /job 'r' needs contents: write \(softprops\/action-gh-release\), so this file cannot meet the ceiling/ }],
      output: null,
    },
    {
      name: 'ceiling pinned in the file',
      code: '# flowguard: permissions-ceiling {}\non: push\npermissions:\n  issues: write\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: make\n',
      errors: ['issues: write'],
    },
  ],
});
