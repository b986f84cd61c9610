// Knowledge about well-known actions that the GitHub rules share. Sink data derived in part from
// CodeQL's action models (via zizmor's codeql-injection-sinks.json, MIT) plus runners of scripts.

/** What language a script-like input is in: decides how the env-var fix references a variable. */
export type SinkLanguage = 'javascript' | 'bash' | 'pwsh' | 'python' | 'template' | 'other';

export interface ActionSink {
  /** `owner/repo[/path]`, lower case; `*` matches one path segment. */
  action: string;
  inputs: string[];
  language: SinkLanguage;
}

export const ACTION_SINKS: readonly ActionSink[] = [
  { action: 'actions/github-script', inputs: ['script'], language: 'javascript' },
  { action: 'cardinalby/js-eval-action', inputs: ['expression'], language: 'javascript' },
  { action: '8398a7/action-slack', inputs: ['custom_payload'], language: 'javascript' },
  { action: 'skitionek/notify-microsoft-teams', inputs: ['overwrite'], language: 'javascript' },
  { action: 'gautamkrishnar/blog-post-workflow', inputs: ['item_exec'], language: 'javascript' },
  { action: 'azure/cli', inputs: ['inlinescript'], language: 'bash' },
  { action: 'azure/powershell', inputs: ['inlinescript'], language: 'pwsh' },
  { action: 'amadevus/pwsh-script', inputs: ['script'], language: 'pwsh' },
  { action: 'appleboy/ssh-action', inputs: ['script'], language: 'bash' },
  { action: 'garygrossgarten/github-action-ssh', inputs: ['command'], language: 'bash' },
  { action: 'nick-fields/retry', inputs: ['command'], language: 'bash' },
  { action: 'wandalen/wretry.action', inputs: ['command'], language: 'bash' },
  { action: 'uraimo/run-on-arch-action', inputs: ['run'], language: 'bash' },
  { action: 'addnab/docker-run-action', inputs: ['run'], language: 'bash' },
  { action: 'pguyot/arm-runner-action', inputs: ['commands'], language: 'bash' },
  { action: 'cross-platform-actions/action', inputs: ['run'], language: 'bash' },
  { action: 'vmactions/*', inputs: ['run', 'prepare'], language: 'bash' },
  { action: 'jannekem/run-python-script-action', inputs: ['script'], language: 'python' },
  { action: 'mikefarah/yq', inputs: ['cmd'], language: 'bash' },
  { action: 'sergeysova/jq-action', inputs: ['cmd'], language: 'bash' },
  { action: 'devorbitus/yq-action-output', inputs: ['cmd'], language: 'bash' },
  { action: 'roots/issue-closer-action', inputs: ['issue-close-message', 'pr-close-message'], language: 'template' },
  { action: 'lucasbento/auto-close-issues', inputs: ['issue-close-message'], language: 'template' },
  { action: 'imjohnbo/issue-bot', inputs: ['body', 'linked-comments-previous-issue-text', 'linked-comments-new-issue-text'], language: 'template' },
  { action: 'tibdex/backport', inputs: ['body_template', 'head_template', 'labels_template', 'title_template'], language: 'template' },
];

/** Patterns without `*`, by slug (the first of duplicates wins, as in list order). */
const EXACT = new Map<string, { sink: ActionSink; order: number }>();
/** Patterns with a `*` segment, split once. */
const WILDCARD: { sink: ActionSink; order: number; segments: string[] }[] = [];
ACTION_SINKS.forEach((sink, order) => {
  if (sink.action.split('/').includes('*')) WILDCARD.push({ sink, order, segments: sink.action.split('/') });
  else if (!EXACT.has(sink.action)) EXACT.set(sink.action, { sink, order });
});

/** The script-like inputs of the action a `uses:` slug names (lower-cased `owner/repo[/path]`). */
export function actionSinks(slug: string | undefined): ActionSink | undefined {
  if (!slug) return undefined;
  // Asked for every step of every file: a map lookup, plus the few `*` patterns (the earliest entry wins).
  let best = EXACT.get(slug);
  if (WILDCARD.length) {
    const got = slug.split('/');
    for (const w of WILDCARD) {
      if (best && best.order < w.order) break;
      if (w.segments.length === got.length && w.segments.every((p, i) => p === '*' || p === got[i])) {
        best = w;
        break;
      }
    }
  }
  return best?.sink;
}
