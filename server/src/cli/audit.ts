// `flowguard audit`: collect files by kind, lint each with its workspace's config, optionally fix, report.
import { relative, resolve } from 'node:path';
import { RULES, getRule, PERSONAS, SEVERITIES, type Confidence, type Persona, type Severity } from '../engine/index.js';
import { distance, parseArgs, UsageError, type OptionSpec } from './args.js';
import { addOutcome, checkFile, writeFix, type CheckSettings, type FileOutcome, type Job } from './check.js';
import { COLOR, formatFindings, formatSummary, PLAIN } from './format/text.js';
import { formatGithub } from './format/github.js';
import { formatJson } from './format/json.js';
import { formatSarif } from './format/sarif.js';
import type { CliIO } from './io.js';
import { gatherOnlineFacts } from './online.js';
import { checkInParallel, defaultJobs, workersFor } from './pool.js';
import type { AuditReport } from './report.js';
import { collectFiles, ConfigError, displayPath, errorMessage, findWorkspace, toPosix, unknownRuleIds, type Candidate, type Workspace } from './workspace.js';

export const AUDIT_OPTIONS: Record<string, OptionSpec> = {
  format: { type: 'string', choices: ['text', 'json', 'sarif', 'github'], short: 'f' },
  output: { type: 'string', short: 'o' },
  'min-severity': { type: 'string', choices: SEVERITIES },
  'min-confidence': { type: 'string', choices: ['low', 'medium', 'high'] },
  persona: { type: 'string', choices: PERSONAS },
  rule: { type: 'string', multiple: true },
  config: { type: 'string', short: 'c' },
  'no-config': { type: 'boolean' },
  fix: { type: 'optional', choices: ['safe', 'all'] },
  'stdin-filename': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  color: { type: 'boolean' },
  'exit-zero': { type: 'boolean' },
  online: { type: 'boolean' },
  'github-api-url': { type: 'string' },
  jobs: { type: 'string', short: 'j' },
  help: { type: 'boolean', short: 'h' },
};

export const AUDIT_HELP = `Usage: flowguard audit [paths...] [options]

Checks GitHub Actions workflows and action metadata, GitLab CI pipelines and Kestra flows found under
the paths (default: the current folder). Use '-' to read one file from standard input.

Options:
  -f, --format FORMAT            text (default), json, sarif, or github (annotations in GitHub Actions)
  -o, --output FILE              write the report to FILE instead of standard output
      --min-severity LEVEL       report only findings at or above info|low|medium|high
      --min-confidence LEVEL     report only findings with confidence at or above low|medium|high
      --persona NAME             regular (default), pedantic or auditor: how much to report
      --rule ID                  run only this rule (repeatable; see flowguard rules)
  -c, --config FILE              use this configuration file instead of discovering one
      --no-config                ignore configuration files
      --fix                      apply safe fixes, then report what remains
      --fix=all                  apply all fixes, including ones that change behaviour (review them)
      --stdin-filename PATH      path used for standard input (decides the file kind and config)
  -q, --quiet                    print findings only (no summary or notes)
      --color, --no-color        force colour on or off (default: on for a terminal, off if NO_COLOR is set)
      --exit-zero                exit 0 even when findings remain
      --online                   also run the checks that ask GitHub's API (pinning fixes, impostor commits,
                                 version comments, advisories, remote actions); token from GITHUB_TOKEN or
                                 GH_TOKEN, responses cached in ~/.cache/flowguard/github
      --github-api-url URL       GitHub Enterprise Server API (https://HOST/api/v3; default GITHUB_API_URL)
  -j, --jobs N                   check files in up to N threads (default: one per CPU but one, at most 8, and
                                 at least 200 files per thread; or FLOWGUARD_JOBS); 1 checks every file in
                                 this thread; the output is the same for every N
  -h, --help                     show this help

Configuration is read from the nearest .flowguard.yml, .flowguard.yaml or .github/flowguard.yml above
each path (not above the repository root). Command-line options win over it.

Exit codes: 0 no findings at or above the threshold, 1 findings remain, 2 usage, configuration or file
error (a file that could not be checked).
`;

export interface AuditContext {
  version: string;
}

export async function auditCommand(argv: string[], io: CliIO, ctx: AuditContext): Promise<number> {
  const { positionals, options } = parseArgs(argv, AUDIT_OPTIONS);
  if (options.help) {
    io.writeOut(AUDIT_HELP);
    return 0;
  }
  const format = (options.format as string | undefined) ?? 'text';
  const quiet = options.quiet === true;
  const fixMode = options.fix === undefined ? undefined : options.fix === 'all' ? 'all' : 'safe';
  const minConfidence = (options['min-confidence'] as Confidence | undefined) ?? 'low';
  if (options.config !== undefined && options['no-config']) throw new UsageError('--config and --no-config cannot be used together');
  const only = options.rule as string[] | undefined;
  for (const id of only ?? []) {
    if (!getRule(id)) throw new UsageError(`unknown rule '${id}'${nearestRule(id)} (flowguard rules lists them)`);
  }
  const inputs = positionals.length ? positionals : ['.'];
  const stdinCount = inputs.filter((p) => p === '-').length;
  if (stdinCount > 1) throw new UsageError("'-' (standard input) can be given only once");
  if (stdinCount && fixMode) throw new UsageError('--fix cannot be used with standard input');
  if (stdinCount && !io.readStdin) throw new UsageError('standard input is not available');
  if (options['stdin-filename'] !== undefined && !stdinCount) throw new UsageError("--stdin-filename needs '-' among the paths");
  if (fixMode && !io.writeFile) throw new UsageError('--fix is not available here (no file writing)');
  if (options.output !== undefined && !io.writeFile) throw new UsageError('--output is not available here (no file writing)');
  const threads = jobsOption(options.jobs as string | undefined, io.env?.FLOWGUARD_JOBS);
  const explicit = options['no-config'] ? false : options.config !== undefined ? resolve(io.cwd, options.config as string) : undefined;
  if (typeof explicit === 'string' && io.exists && !io.exists(explicit)) throw new ConfigError(`configuration file not found: ${displayPath(io, explicit)}`);

  const notes: string[] = [];
  const note = (s: string) => {
    if (!quiet) notes.push(s);
  };
  const report: AuditReport = { files: [], checked: 0, errors: [] };
  const workspaces = new Map<string, Workspace>();
  const warnedConfigs = new Set<string>();
  const useWorkspace = (input: string) => {
    const ws = findWorkspace(io, input, { explicit }, workspaces);
    if (ws.configFile && !warnedConfigs.has(ws.configFile)) {
      warnedConfigs.add(ws.configFile);
      const unknown = unknownRuleIds(ws.config);
      if (unknown.length) io.writeErr(`flowguard: warning: ${displayPath(io, ws.configFile)} names unknown rules: ${unknown.join(', ')}\n`);
    }
    return ws;
  };

  // Collect (file, workspace) pairs; a file named twice is checked once.
  const jobs: Job[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    if (input === '-') {
      const name = (options['stdin-filename'] as string | undefined) ?? 'stdin';
      const abs = resolve(io.cwd, name);
      const ws = useWorkspace(abs);
      let text: string;
      try {
        text = io.readStdin!();
      } catch (e) {
        throw new UsageError(`cannot read standard input: ${errorMessage(e)}`);
      }
      const rel = options['stdin-filename'] !== undefined ? toPosix(relative(ws.root, abs)) : '';
      jobs.push({ candidate: { abs, rel, explicit: true }, ws, stdin: text });
      continue;
    }
    const abs = resolve(io.cwd, input);
    if (io.exists && !io.exists(abs)) {
      report.errors.push({ display: displayPath(io, abs), message: 'no such file or directory' });
      continue;
    }
    const ws = useWorkspace(abs);
    let candidates: Candidate[];
    try {
      candidates = collectFiles(io, abs, ws);
    } catch (e) {
      report.errors.push({ display: displayPath(io, abs), message: `cannot list files: ${errorMessage(e)}` });
      continue;
    }
    for (const c of candidates) {
      if (seen.has(c.abs)) continue;
      seen.add(c.abs);
      jobs.push({ candidate: c, ws });
    }
  }

  const settings: CheckSettings = {
    persona: options.persona as Persona | undefined,
    minSeverity: options['min-severity'] as Severity | undefined,
    minConfidence,
    only,
    fixMode,
    stdinFilename: options['stdin-filename'] as string | undefined,
  };
  if (options.online) {
    const files = jobs.map((j) => ({ rel: j.candidate.rel, read: () => (j.stdin !== undefined ? j.stdin : tryRead(io, j.candidate.abs)) }));
    const online = await gatherOnlineFacts(io, files, options['github-api-url'] as string | undefined);
    settings.online = online.facts;
    note(`online: ${online.refs} references looked up with ${online.stats.network} request(s) to GitHub (${online.stats.cached} from the cache)${online.facts.status === 'ok' ? '' : `; ${online.facts.message}`}`);
  }
  const totals = { excluded: 0, fix: { files: 0, applied: 0, refused: 0 } };
  const workers = io.startWorker ? workersFor(threads.jobs, jobs.filter((j) => j.stdin === undefined).length, threads.explicit) : 0;
  const outcomes: FileOutcome[] = workers > 0 ? await checkInParallel(jobs, workers, io, settings, (m) => io.writeErr(`flowguard: warning: ${m}\n`)) : jobs.map((job) => checkFile(job, io, settings));
  for (const o of outcomes) {
    // Every file is checked before any fix is written (see check.ts).
    if (fixMode) writeFix(o, io);
    addOutcome(report, o, note, totals);
  }
  if (!report.checked && !report.errors.length && !totals.excluded) {
    note(`no pipeline files found in ${inputs.join(', ')} (GitHub workflows and action.yml, .gitlab-ci.yml, Kestra flows; map other paths with 'kinds:' in .flowguard.yml)`);
  }
  if (fixMode) report.fix = { mode: fixMode, ...totals.fix };

  const color = options.color === true || (options.color !== false && !options.output && io.isTTY === true && !io.env?.NO_COLOR) || (options.color === undefined && !!io.env?.FORCE_COLOR && io.env.FORCE_COLOR !== '0');
  const style = color && format === 'text' ? COLOR : PLAIN;
  for (const e of report.errors) io.writeErr(`flowguard: ${e.display}: ${e.message}\n`);
  for (const n of notes) io.writeErr(`flowguard: ${n}\n`);

  let out: string;
  if (format === 'json') out = formatJson(report);
  else if (format === 'github') out = formatGithub(report);
  else if (format === 'sarif') out = formatSarif(report, ctx.version, io.ruleDoc?.bind(io));
  else out = formatFindings(report, style) + (quiet ? '' : formatSummary(report, style));
  if (options.output !== undefined) {
    const target = resolve(io.cwd, options.output as string);
    try {
      io.writeFile!(target, out);
    } catch (e) {
      io.writeErr(`flowguard: cannot write ${displayPath(io, target)}: ${errorMessage(e)}\n`);
      return 2;
    }
    if (format !== 'text' && !quiet) io.writeErr(formatSummary(report, PLAIN));
  } else {
    io.writeOut(out);
    if (format !== 'text' && !quiet) io.writeErr(formatSummary(report, PLAIN));
  }

  if (report.errors.length) return 2;
  const remaining = report.files.some((f) => f.findings.length);
  return remaining && !options['exit-zero'] ? 1 : 0;
}

function tryRead(io: CliIO, abs: string): string | undefined {
  try {
    return io.readFile(abs);
  } catch {
    return undefined;
  }
}

/** `--jobs N`, else FLOWGUARD_JOBS, else one thread per CPU but one (defaultJobs); `explicit` unless the default. */
function jobsOption(option: string | undefined, env: string | undefined): { jobs: number; explicit: boolean } {
  for (const [value, name] of [
    [option, '--jobs'],
    [env, 'FLOWGUARD_JOBS'],
  ] as const) {
    if (value === undefined || (name === 'FLOWGUARD_JOBS' && value.trim() === '')) continue;
    if (!/^[1-9][0-9]{0,3}$/.test(value.trim())) throw new UsageError(`invalid value '${value}' for ${name} (expected a number of threads, 1 or more)`);
    return { jobs: Number(value.trim()), explicit: true };
  }
  return { jobs: defaultJobs(), explicit: false };
}

function nearestRule(id: string): string {
  const best = RULES.map((r) => [r.meta.id, distance(id, r.meta.id)] as const).sort((a, b) => a[1] - b[1])[0];
  return best && best[1] <= Math.max(2, id.length / 4) ? ` (did you mean '${best[0]}'?)` : '';
}
