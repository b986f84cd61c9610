// A Markdown report from the CLI's JSON findings (`flowguard audit --format json`) and token permissions
// (`flowguard permissions --format json`), and the rows of the "Broadest token permissions" table that the
// report panel shows too. Pure: formatting only.
import { compareTokenBreadth, type TokenGrantKind, type WorkflowTokenPermissions } from '../../server/src/lsp/protocol.js';

export interface CliFinding {
  ruleId: string;
  severity: string;
  confidence: string;
  message: string;
  file: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
  fixes?: { title: string; safe: boolean }[];
}

const SEVERITIES = ['high', 'medium', 'low', 'info'];

/** Markdown table cells: no pipes or newlines. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** What `flowguard permissions --format json` prints (the parts the report reads). */
export interface CliPermissions {
  files: {
    path: string;
    token?: {
      grant?: TokenGrantKind;
      job?: string;
      /** 1-based. */
      line?: number;
      column?: number;
      writes: string[];
      needed: string[];
      excess: string[];
      undetermined: string[];
      jobs: { job: string; grant: TokenGrantKind; line: number; writes: number; needed: number; excess: number | null }[];
    };
  }[];
}

/** The CLI's token permissions in the language server's shape (0-based lines; `uri` is the path). */
export function tokenPermissionsFromCli(cli: CliPermissions): WorkflowTokenPermissions[] {
  const out: WorkflowTokenPermissions[] = [];
  for (const f of cli.files) {
    const t = f.token;
    if (!t?.grant || t.line === undefined) continue;
    out.push({
      uri: f.path,
      path: f.path,
      grant: t.grant,
      ...(t.job !== undefined ? { job: t.job } : {}),
      line: t.line - 1,
      character: (t.column ?? 1) - 1,
      writes: t.writes,
      needed: t.needed,
      excess: t.excess,
      undetermined: t.undetermined,
      jobs: t.jobs.map((j) => ({ ...j, line: j.line - 1 })),
    });
  }
  return out;
}

const GRANT_WORDS: Record<TokenGrantKind, string> = {
  'write-all': 'write-all',
  'default-permissive': 'default token (permissive)',
  'default-unknown': 'default token (unknown)',
  scopes: 'permissions block',
  'read-all': 'read-all',
  'default-restricted': 'default token (restricted)',
  caller: "the caller's token",
  invalid: 'invalid permissions block',
};

export const grantWords = (kind: TokenGrantKind): string => GRANT_WORDS[kind] ?? kind;

/** One row of the "Broadest token permissions" table. */
export interface TokenRow {
  path: string;
  uri: string;
  /** 0-based position of the broadest grant (its permissions block, or the job when none applies). */
  line: number;
  character: number;
  /** The broadest grant in words, with its job when the workflow has several ("write-all (job release)"). */
  token: string;
  /** Write scopes granted ("up to 17" for an unknown default), with the scope names. */
  writes: string;
  writeScopes: string[];
  needed: number;
  neededScopes: string[];
  /** Granted but not needed: a count, "unknown" when no job could be fully analysed, or "2 + 3 unknown". */
  excess: string;
  excessScopes: string[];
  undeterminedScopes: string[];
  /** Each job's grant when the workflow has more than one: "build: write-all, 18 write (17 unneeded)". */
  jobs: { job: string; line: number; text: string }[];
}

export interface TokenTable {
  /** Workflows whose jobs get at least one write scope, broadest first (at most `limit`). */
  rows: TokenRow[];
  /** Workflows with a write scope left out by the limit. */
  more: number;
  /** Workflows no job of which gets a write scope (read-only blocks, `{}`, a restricted default...). */
  readOnly: number;
  /** Some row's excess is unknown / some row is an unknown default: the explanations the table needs. */
  hasUnknownExcess: boolean;
  hasUnknownDefault: boolean;
}

/** The sentence shown instead of an empty table. */
export const noWriteScopes = (table: TokenTable): string => `No workflow gives a job a write scope${table.readOnly ? ` (${workflows(table.readOnly)} audited)` : ''}.`;

/** The ranked table of workflows by token breadth (write-all and permissive defaults first, then write scopes). */
export function tokenTable(workflows: readonly WorkflowTokenPermissions[], limit = 25): TokenTable {
  const ranked = [...workflows].sort(compareTokenBreadth);
  const broad = ranked.filter((w) => w.writes.length > 0);
  const rows = broad.slice(0, limit).map((w): TokenRow => {
    const upTo = w.grant === 'default-unknown' ? 'up to ' : '';
    const known = w.excess.length ? `${upTo}${w.excess.length}` : '0';
    const excess = w.undetermined.length ? (w.excess.length ? `${known} + ${w.undetermined.length} unknown` : 'unknown') : known;
    return {
      path: w.path,
      uri: w.uri,
      line: w.line,
      character: w.character,
      token: grantWords(w.grant) + (w.jobs.length > 1 && w.job !== undefined ? ` (job ${w.job})` : ''),
      writes: `${upTo}${w.writes.length}`,
      writeScopes: w.writes,
      needed: w.needed.length,
      neededScopes: w.needed,
      excess,
      excessScopes: w.excess,
      undeterminedScopes: w.undetermined,
      jobs: w.jobs.length > 1
        ? w.jobs.map((j) => ({ job: j.job, line: j.line, text: `${j.job}: ${grantWords(j.grant)}, ${j.writes} write${j.excess === null ? (j.writes > j.needed ? ' (unused unknown)' : '') : j.excess ? ` (${j.excess} unneeded)` : ''}` }))
        : [],
    };
  });
  return {
    rows,
    more: broad.length - rows.length,
    readOnly: ranked.length - broad.length,
    hasUnknownExcess: rows.some((r) => r.undeterminedScopes.length > 0),
    hasUnknownDefault: broad.some((w) => w.jobs.some((j) => j.grant === 'default-unknown')),
  };
}

const workflows = (n: number) => `${n} workflow${n === 1 ? '' : 's'}`;

/** What the table leaves out and what its words mean, as sentences with `code` (the panel and the Markdown show the same). */
export function tokenTableNotes(table: TokenTable): string[] {
  const notes: string[] = [];
  if (table.more) notes.push(`${workflows(table.more)} with write scopes not shown.`);
  if (table.readOnly) notes.push(`${workflows(table.readOnly)} give${table.readOnly === 1 ? 's' : ''} no job a write scope.`);
  notes.push(
    "Write scopes: what the jobs' GITHUB_TOKEN may change (`write-all` gives every scope write). Needed: those a step needs, by FlowGuard's least-privilege analysis. Excess: granted but not needed (the `excessive-permissions` quick fix removes them).",
  );
  if (table.hasUnknownDefault) {
    notes.push('Default token (unknown): no `permissions:` block applies, so the job gets the repository default, which FlowGuard does not know; counts are the most it may get. Set `default-permissions: restricted` (contents and packages read) or `permissive` (write to most scopes) in `.flowguard.yml` (or the `flowguard.defaultPermissions` setting) to match your repository or organisation setting.');
  }
  if (table.hasUnknownExcess) {
    notes.push('Unknown: a job runs a step FlowGuard cannot analyse (an action outside its knowledge base, a script that passes the token on), so it cannot tell which of that job\'s grants are unused.');
  }
  return notes;
}

export function markdownReport(findings: CliFinding[], options: { title: string; generated: string; docsUrl?: (ruleId: string) => string | undefined; tokenPermissions?: readonly WorkflowTokenPermissions[] }): string {
  const bySeverity = new Map(SEVERITIES.map((s) => [s, 0]));
  const byRule = new Map<string, number>();
  const files = new Set<string>();
  for (const f of findings) {
    bySeverity.set(f.severity, (bySeverity.get(f.severity) ?? 0) + 1);
    byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
    files.add(f.file);
  }
  const lines = [
    `# ${options.title}`,
    '',
    `Generated ${options.generated}. ${findings.length} finding${findings.length === 1 ? '' : 's'} in ${files.size} file${files.size === 1 ? '' : 's'}.`,
    '',
    '| severity | findings |',
    '|---|---:|',
    ...SEVERITIES.map((s) => `| ${s} | ${bySeverity.get(s) ?? 0} |`),
    '',
    '| rule | findings |',
    '|---|---:|',
    ...[...byRule].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([id, n]) => {
      const url = options.docsUrl?.(id);
      return `| ${url ? `[\`${id}\`](${url})` : `\`${id}\``} | ${n} |`;
    }),
    '',
  ];
  if (options.tokenPermissions) lines.push(...tokenMarkdown(tokenTable(options.tokenPermissions)), '');
  lines.push('## Findings', '');
  if (!findings.length) lines.push('No findings.');
  else {
    lines.push('| severity | location | rule | message | fix |', '|---|---|---|---|---|');
    const rank = (s: string) => (SEVERITIES.includes(s) ? SEVERITIES.indexOf(s) : SEVERITIES.length);
    const sorted = [...findings].sort((a, b) => rank(a.severity) - rank(b.severity) || a.file.localeCompare(b.file) || a.range.start.line - b.range.start.line);
    for (const f of sorted) {
      const fix = f.fixes?.length ? cell(f.fixes.map((x) => `${x.title}${x.safe ? '' : ' (review)'}`).join('; ')) : '';
      lines.push(`| ${f.severity} | \`${cell(f.file)}:${f.range.start.line}:${f.range.start.column}\` | \`${f.ruleId}\` | ${cell(f.message)} | ${fix} |`);
    }
  }
  return lines.join('\n') + '\n';
}

function tokenMarkdown(table: TokenTable): string[] {
  const lines = ['## Broadest token permissions', ''];
  if (!table.rows.length) {
    lines.push(noWriteScopes(table));
    return lines;
  }
  lines.push('| workflow | token | write scopes granted | needed | excess |', '|---|---|---:|---:|---:|');
  for (const r of table.rows) {
    const jobs = r.jobs.length ? `<br>${cell(r.jobs.map((j) => j.text).join('; '))}` : '';
    const needed = r.neededScopes.length ? `${r.needed} (${r.neededScopes.join(', ')})` : '0';
    lines.push(`| \`${cell(r.path)}:${r.line + 1}\`${jobs} | ${cell(r.token)} | ${r.writes} | ${cell(needed)} | ${r.excess} |`);
  }
  lines.push('', ...tokenTableNotes(table).map((n) => `- ${n}`));
  return lines;
}
