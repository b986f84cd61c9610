// Recognising credentials in literal text: well-known token formats (high confidence), and a weaker
// heuristic for credential-named keys with high-entropy literal values. Shared by every platform.

export interface CredentialPattern {
  name: string;
  /** Bounded, linear patterns only (test/robustness/redos.test.ts checks them). */
  pattern: RegExp;
}

export const CREDENTIAL_PATTERNS: readonly CredentialPattern[] = [
  { name: 'GitHub token', pattern: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b/ },
  { name: 'GitHub fine-grained token', pattern: /\bgithub_pat_[A-Za-z0-9_]{82}\b/ },
  { name: 'GitLab token', pattern: /\b(?:glpat|gldt|glrt|glptt|glsoat)-[A-Za-z0-9_-]{20}\b/ },
  { name: 'AWS access key ID', pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/ },
  { name: 'Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,200}/ },
  { name: 'Slack webhook URL', pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,12}\/B[A-Z0-9]{6,12}\/[A-Za-z0-9]{20,32}/ },
  { name: 'npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/ },
  { name: 'PyPI token', pattern: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,300}/ },
  { name: 'Docker Hub token', pattern: /\bdckr_pat_[A-Za-z0-9_-]{27}\b/ },
  { name: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { name: 'Stripe secret key', pattern: /\b(?:sk|rk)_live_[0-9A-Za-z]{24,99}\b/ },
  { name: 'Anthropic API key', pattern: /\bsk-ant-[A-Za-z0-9_-]{32,200}/ },
  { name: 'OpenAI API key', pattern: /\bsk-(?:proj-)?[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}\b/ },
  { name: 'Private key', pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----/ },
];

/** A cheap first look: every pattern above needs one of these prefixes, so most values skip the list. */
export const CREDENTIAL_HINT = /gh[pousr]_|github_pat_|gl(?:pat|dt|rt|ptt|soat)-|A(?:KIA|SIA)|xox[abposr]-|hooks\.slack\.com|npm_|pypi-|dckr_pat_|AIza|_live_|sk-|PRIVATE KEY/;

const HINT_ALL = new RegExp(CREDENTIAL_HINT.source, 'g');

/**
 * `(start, end) => CREDENTIAL_HINT.test(text.slice(start, end))` for many ranges of one text, from one scan
 * of the whole text. Exact because the hint's alternatives start with different characters and have fixed
 * lengths: at most one occurrence starts at any offset, and the scan finds each (overlapping ones too).
 */
export function credentialHintsIn(text: string): (start: number, end: number) => boolean {
  const at: number[] = [];
  HINT_ALL.lastIndex = 0;
  for (let m = HINT_ALL.exec(text); m; m = HINT_ALL.exec(text)) {
    at.push(m.index, m.index + m[0].length);
    HINT_ALL.lastIndex = m.index + 1;
  }
  if (!at.length) return () => false;
  return (start, end) => {
    let lo = 0;
    let hi = at.length / 2;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at[mid * 2] < start) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo * 2; k < at.length && at[k] < end; k += 2) if (at[k + 1] <= end) return true;
    return false;
  };
}

const CREDENTIAL_NAME = /(?:^|[_.-])(?:pass(?:word|wd)?|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|client[_-]?secret|auth)(?:$|[_.-])/i;

/** True for keys that name a credential: PASSWORD, api_key, clientSecret, NPM_TOKEN... */
export function credentialNamed(key: string): boolean {
  // camelCase to snake so `clientSecret` and `apiKey` match.
  const k = key.replace(/([a-z0-9])([A-Z])/g, '$1_$2');
  if (/(?:^|[_.-])(?:name|file|path|url|env|var|variable|names|id|ids|type|length|format|header|input|field|endpoint|audience|scopes?|expir\w*|ttl|user(?:name)?)$/i.test(k)) return false;
  return CREDENTIAL_NAME.test(k);
}

const PLACEHOLDER = /^(?:x+|\*+|\.+|-+|changeme|change[_-]?me|example\S*|dummy\S*|test\S*|fake\S*|sample\S*|placeholder|password\d*|passw0rd|secret|token|root|admin|postgres|mysql|redis|guest|user|none|null|true|false|yes|no|<[^>]*>|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|%[A-Za-z_]+%|\{\{[^}]*\}\})$/i;

export function looksLikePlaceholder(value: string): boolean {
  const v = value.trim();
  return (
    v === '' ||
    PLACEHOLDER.test(v) ||
    /\$\{\{|\$\{|\$\(|\{\{|secret\(/.test(v) ||
    /\s/.test(v) ||
    // URLs, and ALL_CAPS names of environment variables (inputs that take a variable's name).
    /^[a-z][a-z0-9+.-]*:\/\//i.test(v) ||
    /^[A-Z][A-Z0-9_]*$/.test(v) ||
    // Comma-separated lists of names.
    /^[A-Za-z_][\w-]*(?:,[A-Za-z_][\w-]*)+$/.test(v)
  );
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}
