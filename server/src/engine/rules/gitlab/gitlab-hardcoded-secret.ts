import { isScalar } from 'yaml';
import { readVariables, type Pipeline, type Variable } from '../../model/gitlab.js';
import { walk } from '../../yaml/nodes.js';
import type { Span } from '../../types.js';
import { defineRule } from '../rule.js';

/** Credential formats with a recognisable prefix or shape (very few false positives). */
const PATTERNS: { name: string; re: RegExp }[] = [
  { name: 'GitLab personal/project/group access token', re: /\bglpat-[0-9A-Za-z_-]{20,}/g },
  { name: 'GitLab deploy token', re: /\bgldt-[0-9A-Za-z_-]{20,}/g },
  { name: 'GitLab runner token', re: /\bglrt-[0-9A-Za-z_-]{20,}/g },
  { name: 'GitLab pipeline trigger token', re: /\bglptt-[0-9a-f]{40}/g },
  { name: 'GitLab runner registration token', re: /\bGR1348941[0-9A-Za-z_-]{20,}/g },
  { name: 'AWS access key id', re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { name: 'GitHub token', re: /\b(?:ghp|gho|ghs|ghu|ghr)_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{60,}/g },
  { name: 'Slack token', re: /\bxox[abposr]-[0-9A-Za-z-]{10,}/g },
  { name: 'Anthropic API key', re: /\bsk-ant-[A-Za-z0-9_-]{20,}/g },
  { name: 'OpenAI API key', re: /\bsk-(?:proj-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}/g },
  { name: 'Google API key', re: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { name: 'npm token', re: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { name: 'PyPI token', re: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}/g },
  { name: 'SendGrid API key', re: /\bSG\.[\w-]{22}\.[\w-]{43}\b/g },
  { name: 'Stripe secret key', re: /\b[rs]k_live_[0-9A-Za-z]{20,}/g },
  { name: 'private key', re: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----/g },
];
/** `scheme://user:password@host` with a literal password. */
const URL_CREDENTIALS = /\b[a-z][a-z0-9+.-]*:\/\/([^\s:/@$"'{}]+):([^\s@/$"'{}]{3,})@[^\s/]+/gi;
/**
 * Text every pattern above needs (its literal part): a scalar without any of these matches none of them,
 * so most scalars are passed over by this one search instead of seventeen.
 */
const ANY_PATTERN = /glpat-|gldt-|glrt-|glptt-|GR1348941|AKIA|ASIA|gh[opsur]_|github_pat_|xox[abposr]-|sk-|AIza|npm_|pypi-|SG\.|k_live_|-----BEGIN|:\/\//;
const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?)$/i;
const PLACEHOLDER = /^(x+|\*+|changeme|change-me|example|dummy|test|testing|secret|password|token|none|null|true|false|yes|no|disabled?|enabled?|<.*>|\{.*\}|\[.*\])$/i;

export default defineRule<Pipeline>({
  meta: {
    id: 'gitlab-hardcoded-secret',
    platform: 'gitlab',
    kinds: ['gitlab-ci'],
    title: 'Secret written in the pipeline configuration',
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
    equivalents: { glsec: ['GL006', 'GL036', 'GL035'] },
  },
  check(ctx) {
    const p = ctx.model;
    const reported: Span[] = [];
    const report = (span: Span, message: string, extra: { severity?: 'medium'; confidence?: 'low' | 'medium'; persona?: 'pedantic' } = {}) => {
      if (reported.some((r) => span.start < r.end && r.start < span.end)) return;
      reported.push(span);
      ctx.report({ span, message, ...extra });
    };
    // Known formats anywhere in the document's scalars (variables, scripts, URLs, service commands...).
    walk(p.root, (node) => {
      if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return;
      const src = ctx.text.slice(node.range[0], node.range[1]);
      if (!ANY_PATTERN.test(src)) return;
      for (const { name, re } of PATTERNS) {
        re.lastIndex = 0;
        for (let m; (m = re.exec(src)); ) {
          report({ start: node.range[0] + m.index, end: node.range[0] + m.index + m[0].length }, `A ${name} is written in the pipeline: everyone who can read the repository (and its history) has it; revoke it and use a masked CI/CD variable or a secrets manager`);
        }
      }
      URL_CREDENTIALS.lastIndex = 0;
      for (let m; (m = URL_CREDENTIALS.exec(src)); ) {
        if (PLACEHOLDER.test(m[2])) continue;
        const at = m.index + m[0].indexOf(':' + m[2] + '@') + 1;
        report({ start: node.range[0] + at, end: node.range[0] + at + m[2].length }, `A password is written in the URL for user '${m[1]}': move it to a masked CI/CD variable`, { severity: 'medium' as const, confidence: 'medium' as const });
      }
    }, p.doc);
    // Secret-looking names with a literal value: lower confidence.
    const named = (vars: Variable[]) => {
      for (const v of vars) {
        if (!SECRET_NAME.test(v.name) || !v.value) continue;
        const val = v.value.value.trim();
        if (val.length < 8 || val.includes('$') || PLACEHOLDER.test(val) || /^[\w.-]+\/[\w./-]+$/.test(val) || /^(https?:)?\/\//.test(val) || /\s/.test(val) || !/\d/.test(val) || !/[A-Za-z]/.test(val)) continue;
        report(v.value.span, `'${v.name}' holds a literal value that looks like a secret: CI/CD variables in .gitlab-ci.yml are visible to anyone who can read the repository; use a masked, protected project variable instead`, { severity: 'medium', confidence: 'low', persona: 'pedantic' });
      }
    };
    named(p.variables);
    for (const job of p.jobs) named(readVariables(job.own.get('variables')?.value, p.doc));
  },
});
