import { allScripts, jobLabel, type Pipeline } from '../../model/gitlab.js';
import { findVariables } from '../../expressions/gitlab.js';
import { commandAt, commandName, readShell } from '../../gitlab/shell.js';
import { defineRule } from '../rule.js';

const TOKENS = new Set(['CI_JOB_TOKEN', 'CI_REGISTRY_PASSWORD', 'CI_DEPENDENCY_PROXY_PASSWORD']);
const URL = /\bhttps?:\/\/([^\s/"'`:@]+@)?([^\s/"'`:]+)/gi;
/** Hosts that are certainly not a GitLab instance. */
const FOREIGN = /(^|\.)(github\.com|githubusercontent\.com|amazonaws\.com|docker\.io|docker\.com|npmjs\.org|pypi\.org|codecov\.io|sonarcloud\.io|slack\.com|discord(app)?\.com|googleapis\.com|azure\.com|quay\.io|ghcr\.io)$/i;

export default defineRule<Pipeline>({
  meta: {
    id: 'gitlab-job-token-leak',
    platform: 'gitlab',
    kinds: ['gitlab-ci'],
    title: 'CI_JOB_TOKEN sent to another host or printed',
    severity: 'high',
    confidence: 'medium',
    persona: 'regular',
    equivalents: { glsec: ['GL004', 'GL021'] },
  },
  check(ctx) {
    for (const { line, job } of allScripts(ctx.model, ctx.text)) {
      const refs = findVariables(line.value, line.offsetAt).filter((r) => TOKENS.has(r.name));
      if (!refs.length) continue;
      const shell = readShell(line.value);
      for (const r of refs) {
        const cmd = commandAt(shell, r.index);
        if (!cmd) continue;
        const text = line.value.slice(cmd.start, cmd.end);
        const name = commandName(cmd);
        const hosts = [...text.matchAll(URL)].map((m) => m[2].toLowerCase()).filter((h) => !h.includes('$'));
        const foreign = hosts.filter((h) => !/gitlab/.test(h));
        if (foreign.length) {
          const certain = foreign.some((h) => FOREIGN.test(h));
          ctx.report({
            span: r.span,
            severity: certain ? 'high' : 'medium',
            confidence: certain ? 'high' : 'low',
            persona: certain ? 'regular' : 'pedantic',
            message: `$${r.name} of ${jobLabel(job)} is sent to ${foreign[0]}${certain ? ', which is not a GitLab instance' : ', which does not look like this GitLab instance'}: the receiver can use it with the triggering user's access until the job ends; send it only to $CI_SERVER_URL, $CI_API_V4_URL or $CI_REGISTRY`,
          });
          continue;
        }
        if ((name === 'echo' || name === 'printf' || name === 'print' || name === 'write-host' || name === 'write-output') && !cmd.next.startsWith('|') && !/(^|[^<>&0-9])>/.test(text)) {
          ctx.report({ span: r.span, severity: 'medium', message: `${jobLabel(job)[0].toUpperCase()}${jobLabel(job).slice(1)} prints $${r.name} to the job log: masking hides the exact value only, and anyone who can read the log of a running job may use it` });
        }
      }
    }
  },
});
