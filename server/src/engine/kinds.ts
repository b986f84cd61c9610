// What a file is, from its path and (when the path does not say) its content.
import picomatch from 'picomatch';
import type { DocumentKind } from './types.js';

export interface KindAssociation {
  /** Glob matched against the workspace-relative path (forward slashes). */
  pattern: string;
  kind: DocumentKind;
}

const GITHUB_WORKFLOW = /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i;
const GITHUB_ACTION = /(^|\/)action\.ya?ml$/i;
const DEPENDABOT = /(^|\/)\.github\/dependabot\.ya?ml$/i;
const GITLAB_CI = /(^|\/)(\.gitlab-ci\.ya?ml|[^/]+\.gitlab-ci\.ya?ml)$/i;
/** Where projects keep the files their `.gitlab-ci.yml` includes. */
const GITLAB_INCLUDED = /(^|\/)(\.gitlab\/ci|\.gitlab-ci|\.gitlab\/ci-templates|gitlab-ci)\/.+\.ya?ml$/i;
/** Job keywords at a job's indentation: two of them mark a GitLab CI fragment. */
const GITLAB_JOB_KEYS = /^ {2,4}(script|stage|extends|before_script|after_script|needs|artifacts|only|except|allow_failure|when|tags):/gm;
const KESTRA_PATH = /(^|\/)(_flows|flows)\/[^/]+\.ya?ml$/i;

const matcherCache = new Map<string, (p: string) => boolean>();
function matcher(pattern: string): (p: string) => boolean {
  let m = matcherCache.get(pattern);
  if (!m) {
    m = picomatch(pattern, { dot: true, matchBase: !pattern.includes('/') });
    matcherCache.set(pattern, m);
  }
  return m;
}

export function globMatch(pattern: string, path: string): boolean {
  return matcher(pattern)(path);
}

/**
 * Detects the kind of a YAML document. Associations (from settings or `.flowguard.yml`) win; then
 * well-known paths; then content sniffing for files whose path says nothing.
 */
export function detectKind(path: string, text: string, associations: readonly KindAssociation[] = []): DocumentKind {
  const p = path.replace(/\\/g, '/');
  for (const a of associations) if (globMatch(a.pattern, p)) return a.kind;
  if (!/\.ya?ml$/i.test(p) && p !== '') return 'unknown';
  if (GITHUB_WORKFLOW.test(p)) return 'github-workflow';
  if (DEPENDABOT.test(p)) return 'github-dependabot';
  if (GITHUB_ACTION.test(p)) return 'github-action';
  if (GITLAB_CI.test(p) || GITLAB_INCLUDED.test(p)) return 'gitlab-ci';
  return sniff(text, KESTRA_PATH.test(p));
}

/** Content heuristics on top-level keys only (cheap: no full parse). */
function sniff(text: string, kestraPath: boolean): DocumentKind {
  const head = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const keys = new Set<string>();
  for (const m of head.matchAll(/^([A-Za-z_$][\w.$-]*)[ \t]*:/gm)) keys.add(m[1]);
  if (keys.has('id') && keys.has('namespace') && (keys.has('tasks') || keys.has('triggers'))) return 'kestra-flow';
  if (kestraPath && keys.has('id') && keys.has('namespace')) return 'kestra-flow';
  if (keys.has('on') && keys.has('jobs')) return 'github-workflow';
  if (keys.has('runs') && (keys.has('name') || keys.has('description')) && /^runs:[ \t]*$/m.test(head) && /^[ \t]+using:/m.test(head)) return 'github-action';
  if (keys.has('stages') || (keys.has('include') && (keys.has('workflow') || keys.has('default')))) return 'gitlab-ci';
  // A CI/CD component (`spec:` header document, then the jobs) or an included fragment of jobs.
  if (/^spec:[ \t]*\r?\n[ \t]+inputs:/m.test(head) && /^---/m.test(head)) return 'gitlab-ci';
  if (!keys.has('on') && !keys.has('jobs') && !keys.has('runs') && !keys.has('services') && !keys.has('apiVersion')) {
    const found = new Set([...head.matchAll(GITLAB_JOB_KEYS)].map((m) => m[1]));
    if (found.has('script') && found.size >= 2) return 'gitlab-ci';
  }
  return 'unknown';
}
