import rule from '../../server/src/engine/rules/kestra/kestra-unpinned-image.js';
import { ruleTester } from '../helpers/rule-tester.js';
import type { Rule } from '../../server/src/engine/index.js';

const task = (image: string) => `id: f\nnamespace: company.team\ntasks:\n  - id: py\n    type: io.kestra.plugin.scripts.python.Script\n    containerImage: ${image}\n    script: print(1)\n`;
const DIGEST = 'sha256:2b0079146a74e23bf4ae8f6a28e1b484c6292f6fb904cbb51825b4a19812fcd8';

ruleTester(rule as Rule, {
  valid: [
    { name: 'the Process runner pulls nothing', code: task('python').replace('    script:', '    taskRunner:\n      type: io.kestra.plugin.core.runner.Process\n    script:') },
    { name: 'legacy core task without runner: DOCKER runs as a process', code: 'id: f\nnamespace: n\ntasks:\n  - id: b\n    type: io.kestra.core.tasks.scripts.Bash\n    dockerOptions:\n      image: ubuntu\n    commands: [ls]\n' },
    task(`python:3.12-slim@${DIGEST}`), task('"{{ inputs.image }}"'), { name: 'tag only is pedantic', code: task('python:3.12-slim'), settings: { persona: 'regular' } }],
  invalid: [
    { code: task('ghcr.io/kestra-io/pydata:latest'), errors: [{ text: 'ghcr.io/kestra-io/pydata:latest', severity: 'medium', message: /:latest tag/ }] },
    { name: 'no tag; registry port is not a tag', code: task('registry:5000/team/python'), errors: [{ message: /without a tag/ }] },
    { name: 'tag without digest (pedantic)', code: task('python:3.12-slim'), settings: { persona: 'pedantic' }, errors: [{ severity: 'low', message: /pin the digest too/ }] },
    { name: 'legacy dockerOptions', code: 'id: f\nnamespace: n\ntasks:\n  - id: b\n    type: io.kestra.core.tasks.scripts.Bash\n    runner: DOCKER\n    dockerOptions:\n      image: ubuntu\n    commands: [ls]\n', errors: [{ text: 'ubuntu', message: /\(dockerOptions\)/ }] },
  ],
});
