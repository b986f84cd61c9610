import assert from 'node:assert/strict';
import { it } from 'node:test';
import rule, { parseImage } from '../../server/src/engine/rules/github/unpinned-images.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const D = '@sha256:' + 'a'.repeat(64);
const job = (body: string) => `on: push\njobs:\n  a:\n    runs-on: x\n${body}`;
ruleTester(rule as Rule, {
  valid: [
    job(`    container:\n      image: node:20${D}\n`),
    job(`    services:\n      db:\n        image: postgres${D}\n`),
    job(`    steps:\n      - uses: docker://alpine:3.20${D}\n`),
    { code: `name: x\ndescription: y\nruns:\n  using: docker\n  image: Dockerfile\n`, path: 'action.yml' },
  ],
  invalid: [
    { code: job('    container: node\n'), errors: [{ text: 'node', severity: 'high', message: /has no tag/ }] },
    { code: job('    services:\n      db:\n        image: postgres:latest\n'), errors: [{ text: 'postgres:latest', message: /'latest'/ }] },
    { code: job('    container:\n      image: node:20\n'), errors: [{ text: 'node:20', severity: 'low', message: /tag '20'/ }] },
    { code: job('    steps:\n      - uses: docker://ghcr.io/o/img\n'), errors: ['docker://ghcr.io/o/img'] },
    { code: job('    container:\n      image: ${{ matrix.img }}\n'), errors: [{ message: /expression/ }] },
    { code: `name: x\ndescription: y\nruns:\n  using: docker\n  image: docker://alpine:3\n`, path: 'action.yml', errors: ['docker://alpine:3'] },
  ],
});

it('parseImage splits registry ports, tags and digests', () => {
  assert.deepEqual(parseImage('localhost:5000/img'), { name: 'localhost:5000/img', tag: undefined, digest: undefined });
  assert.deepEqual(parseImage('ghcr.io/o/i:1.2@sha256:ab'), { name: 'ghcr.io/o/i', tag: '1.2', digest: 'sha256:ab' });
});
