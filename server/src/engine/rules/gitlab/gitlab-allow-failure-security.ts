import { effective, jobLabel, visibleJobs, type Job, type Pipeline } from '../../model/gitlab.js';
import { get, keySpan, pairs, keyString, scalarString, getPair } from '../../yaml/nodes.js';
import { defineRule } from '../rule.js';

const SCANNER = /(^|[-_ .:/])(sast|secret[-_ ]?detection|dependency[-_ ]?scanning|container[-_ ]?scanning|dast|gemnasium|semgrep|trivy|grype|gitleaks|trufflehog|bandit|brakeman|kics|license[-_ ]?scanning|api[-_ ]?fuzzing|coverage[-_ ]?fuzzing|codeql|snyk)([-_ .:/]|$)/i;
const REPORTS = new Set(['sast', 'secret_detection', 'dependency_scanning', 'container_scanning', 'dast', 'api_fuzzing', 'coverage_fuzzing', 'cyclonedx']);

function scannerOf(p: Pipeline, job: Job): string | undefined {
  const m = SCANNER.exec(job.name) ?? job.extends.map((e) => SCANNER.exec(e.value)).find(Boolean);
  if (m) return m[2];
  const reports = get(effective(p, job, 'artifacts')?.value, 'reports', p.doc);
  return pairs(reports, p.doc).map((r) => keyString(r, p.doc)).find((k) => k && REPORTS.has(k));
}

export default defineRule<Pipeline>({
  meta: {
    id: 'gitlab-allow-failure-security',
    platform: 'gitlab',
    kinds: ['gitlab-ci'],
    title: 'Security scanning job allowed to fail',
    severity: 'low',
    confidence: 'medium',
    persona: 'pedantic',
    equivalents: { glsec: ['GL008'] },
  },
  check(ctx) {
    const p = ctx.model;
    for (const job of visibleJobs(p)) {
      const eff = effective(p, job, 'allow_failure');
      if (!eff?.from) continue; // GitLab's own templates set it; only what this file writes is reported
      const v = eff.value;
      const on = scalarString(v, p.doc) === 'true' || !!getPair(v, 'exit_codes', p.doc);
      if (!on) continue;
      const scanner = scannerOf(p, job);
      if (!scanner) continue;
      ctx.report({
        span: keySpan(eff.pair) ?? job.nameSpan,
        message: `${jobLabel(job)[0].toUpperCase()}${jobLabel(job).slice(1)} runs a security scan (${scanner}) with allow_failure: a scanner that crashes or finds a leaked secret leaves the pipeline green; let it fail, or enforce the result with a merge request approval policy`,
      });
    }
  },
});
