import { stepsOf, withValue, type ActionMetadata, type Workflow } from '../../model/github.js';
import { defineRule } from '../rule.js';

const WELL_KNOWN_SHELLS = new Set(['bash', 'sh', 'pwsh', 'powershell', 'python', 'cmd']);

export default defineRule<Workflow | ActionMetadata>({
  meta: {
    id: 'misfeature',
    platform: 'github',
    kinds: ['github-workflow', 'github-action'],
    title: 'Use of a GitHub Actions feature that is easy to misuse',
    severity: 'low',
    confidence: 'high',
    persona: 'regular',
    equivalents: { zizmor: ['misfeature'] },
  },
  check(ctx) {
    const { doc } = ctx;
    for (const step of stepsOf(ctx.model)) {
      if (step.uses?.ref.slug === 'actions/setup-python') {
        const pip = withValue(step, 'pip-install', doc);
        if (pip) ctx.report({ span: pip.span, message: "setup-python's 'pip-install' installs packages into the global interpreter outside any lockfile or hash check; install them in a run step from a locked requirements file (pip install --require-hashes -r ...)" });
      }
      const shell = step.shell;
      if (!shell) continue;
      const name = shell.value.trim().split(/\s+/)[0];
      if (name === 'cmd') {
        ctx.report({ span: shell.span, message: "shell: cmd has error-prone quoting and does not stop on a failing command; use pwsh (or bash), which fail fast" });
      } else if (!WELL_KNOWN_SHELLS.has(name) && !shell.value.includes('{0}')) {
        ctx.report({ span: shell.span, persona: 'auditor', confidence: 'medium', message: `'${shell.value}' is not a shell GitHub knows; the step relies on whatever '${name}' is on the runner's PATH` });
      }
    }
  },
});
