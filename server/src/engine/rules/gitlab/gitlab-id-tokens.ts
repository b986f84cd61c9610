import { isMap, isScalar, isSeq, type Pair } from 'yaml';
import { effective, isReference, jobLabel, jobScripts, jobVariables, type Job, type Pipeline } from '../../model/gitlab.js';
import { findVariables } from '../../expressions/gitlab.js';
import { universe } from '../../gitlab/workspace.js';
import { get, keySpan, keyString, pairs, pairSpan, resolve, scalarString, spanOf, walk } from '../../yaml/nodes.js';
import type { Fix } from '../../types.js';
import { defineRule } from '../rule.js';

const REMOVED_JWT = new Set(['CI_JOB_JWT', 'CI_JOB_JWT_V1', 'CI_JOB_JWT_V2']);
/** Token variable names that tools read from the environment by themselves. */
const IMPLICIT = new Set(['SIGSTORE_ID_TOKEN', 'GITLAB_OIDC_TOKEN', 'VAULT_ID_TOKEN', 'AWS_WEB_IDENTITY_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN']);

/** Deletes a block-mapping pair with its lines, when it sits on lines of its own. */
function removePairFix(text: string, pair: Pair<unknown, unknown>, title: string): Fix | undefined {
  const span = pairSpan(pair);
  if (!span) return undefined;
  const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
  if (text.slice(lineStart, span.start).trim() !== '') return undefined;
  let end = span.end;
  if (text[end - 1] !== '\n') {
    const nl = text.indexOf('\n', end);
    const rest = text.slice(end, nl === -1 ? text.length : nl).trim();
    if (rest !== '' && !rest.startsWith('#')) return undefined;
    end = nl === -1 ? text.length : nl + 1;
  }
  return { title, safe: false, edits: [{ start: lineStart, end, newText: '' }] };
}

export default defineRule<Pipeline>({
  meta: {
    id: 'gitlab-id-tokens',
    platform: 'gitlab',
    kinds: ['gitlab-ci'],
    title: 'OIDC tokens: removed CI_JOB_JWT, unused or broad id_tokens',
    severity: 'medium',
    confidence: 'medium',
    persona: 'regular',
    fixable: 'unsafe',
    equivalents: { glsec: ['GL009'] },
  },
  check(ctx) {
    const p = ctx.model;
    // CI_JOB_JWT*: removed in GitLab 17.0 (always-on tokens replaced by opt-in id_tokens).
    walk(p.root, (node) => {
      if (!isScalar(node) || typeof node.value !== 'string' || !node.value.includes('CI_JOB_JWT') || !node.range) return;
      const src = ctx.text.slice(node.range[0], node.range[1]);
      for (const r of findVariables(src, (i) => node.range![0] + i)) {
        if (!REMOVED_JWT.has(r.name)) continue;
        ctx.report({ span: r.span, severity: 'high', confidence: 'high', message: `$${r.name} was removed in GitLab 17.0 (it was issued to every job with a shared audience): declare an id_tokens entry with the audience of the service that consumes it, and use that variable` });
      }
    }, p.doc);

    const u = universe(p, ctx.path, ctx.settings.workspace);
    const checkTokens = (owner: Job | undefined, node: unknown) => {
      for (const pair of pairs(node, p.doc)) {
        const name = keyString(pair, p.doc);
        const ks = keySpan(pair);
        if (!name || !ks) continue;
        const aud = get(pair.value, 'aud', p.doc);
        const auds = isSeq(resolve(aud, p.doc)) ? (resolve(aud, p.doc) as import('yaml').YAMLSeq<unknown>).items.map((i) => scalarString(i, p.doc) ?? '') : [scalarString(aud, p.doc) ?? ''];
        if (auds.some((a) => a.includes('*'))) ctx.report({ span: spanOf(aud) ?? ks, message: `id_tokens '${name}' has a wildcard audience: any service that accepts the pattern accepts this job's identity; use the exact audience of one service` });
        else if (auds.length > 1) ctx.report({ span: spanOf(aud) ?? ks, severity: 'low', persona: 'pedantic', message: `id_tokens '${name}' is valid for ${auds.length} audiences: whichever of them receives it can replay it against the others; issue one token per service` });
        if (!owner) {
          ctx.report({ span: ks, severity: 'low', persona: 'pedantic', message: `id_tokens '${name}' in default: is issued to every job, also those that never use it; declare it in the jobs that need it` });
          continue;
        }
        if (owner.hidden || IMPLICIT.has(name)) continue;
        // Unused: no script, secret, variable or hook of the job mentions it (all of them must be known).
        const scripts = jobScripts(p, owner, ctx.text);
        const scriptNodes = ['before_script', 'script', 'after_script', 'hooks', 'secrets', 'variables'].map((k) => effective(p, owner, k)?.value);
        let unknown = !u.complete || owner.extends.some((e) => !p.byName.has(e.value));
        for (const n of scriptNodes) if (n) walk(n, (x) => {
          if (isReference(x)) unknown = true;
        }, p.doc);
        if (unknown) continue;
        const mention = new RegExp(`\\$\\{?${name}\\b|%${name}%|\\$env:${name}\\b|\\b${name}\\b`);
        const mentions = (s: string) => mention.test(s);
        const used = scripts.some((l) => mentions(l.value))
          || jobVariables(p, owner).some((v) => v.value && mentions(v.value.value))
          || [effective(p, owner, 'secrets')?.value, effective(p, owner, 'hooks')?.value].some((n) => {
            let hit = false;
            walk(n, (x) => {
              if (isScalar(x) && typeof x.value === 'string' && mentions(x.value)) hit = true;
            }, p.doc);
            return hit;
          });
        const secrets = effective(p, owner, 'secrets')?.value;
        // `secrets:` without `token:` uses the job's only ID token automatically.
        const implicitVault = !!secrets && isMap(resolve(secrets, p.doc)) && pairs(owner.own.get('id_tokens')?.value, p.doc).length === 1;
        if (used || implicitVault) continue;
        // The only token: remove the whole id_tokens key rather than leave it empty.
        const whole = pairs(owner.own.get('id_tokens')?.value, p.doc).length === 1 ? owner.own.get('id_tokens') : undefined;
        const fix = removePairFix(ctx.text, whole ?? pair, `Remove the unused id_tokens entry '${name}'`);
        ctx.report({ span: ks, severity: 'low', persona: 'pedantic', confidence: 'low', message: `id_tokens '${name}' of ${jobLabel(owner)} is never used by its scripts, variables, hooks or secrets: an unused identity token is one more credential a compromised step can steal; remove it`, fixes: fix ? [fix] : [] });
      }
    };
    checkTokens(undefined, get(p.default, 'id_tokens', p.doc));
    for (const job of p.jobs) checkTokens(job, job.own.get('id_tokens')?.value);
  },
});
