// `flowguard permissions [paths...] [--format yaml|json]`: the least-privilege GITHUB_TOKEN permissions
// of every job of every workflow under the paths, with the step behind each scope, what the job is
// granted today, and why a job could not be fully analysed.
import { relative, resolve } from 'node:path';
import { DEFAULT_MAX_FILE_SIZE, LineIndex, detectKind, kindAssociations, resolveConfig } from '../engine/index.js';
import { buildWorkflow } from '../engine/model/github.js';
import { LEVEL_RANK, SCOPE_NAMES, type DefaultPermissions, type Level } from '../engine/permissions/scopes.js';
import { analyseWorkflow, type JobPermissions } from '../engine/permissions/solver.js';
import { workflowTokenGrants, type TokenGrantKind } from '../engine/permissions/grants.js';
import { parseYaml } from '../engine/yaml/parse.js';
import { parseArgs, UsageError, type OptionSpec } from './args.js';
import type { CliIO } from './io.js';
import { collectFiles, ConfigError, displayPath, errorMessage, findWorkspace, toPosix, workspaceView, type Workspace } from './workspace.js';

const OPTIONS: Record<string, OptionSpec> = {
  format: { type: 'string', choices: ['yaml', 'json'], short: 'f' },
  'default-permissions': { type: 'string', choices: ['unknown', 'restricted', 'permissive'] },
  config: { type: 'string', short: 'c' },
  'no-config': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export const PERMISSIONS_HELP = `Usage: flowguard permissions [paths...] [options]

Prints the least-privilege GITHUB_TOKEN permissions of every job of the GitHub workflows under the
paths (default: the current folder), the step that needs each scope, what each job is granted today,
and why a job could not be fully analysed ("unknown": never assume such a block is complete).

Options:
  -f, --format yaml|json            output format (default: yaml)
      --default-permissions MODE    repository default token: unknown (default), restricted, permissive
  -c, --config FILE                 use this configuration file instead of discovering one
      --no-config                   ignore configuration files
`;

interface Reason {
  by: string;
  why: string;
  step: string;
  line: number;
  certain: boolean;
}

interface JobReport {
  id: string;
  line: number;
  status: 'known' | 'unknown';
  /** Where the job's token comes from today. */
  granted: { source: 'job' | 'workflow' | 'default'; shorthand?: 'read-all' | 'write-all'; permissions: Record<string, Level> | 'invalid' };
  /** The least-privilege block. */
  permissions: Record<string, { level: Level; reasons: Reason[] }>;
  /** Scopes granted today beyond the block (only judged for fully analysed jobs). */
  broader: string[];
  unknown: { line: number; step: string; why: string }[];
}

interface FileReport {
  path: string;
  /** What to put at the workflow level once every job has its block. */
  workflow: { permissions: Record<string, never> };
  jobs: JobReport[];
  /** The token the jobs get today and the write scopes they need (engine/permissions/grants.ts), for reports. */
  token: TokenReport;
}

/** Write scopes granted, needed and in excess: per job (counts) and for the workflow (scope lists). */
interface TokenReport {
  /** The broadest job grant and where it is written (1-based; the job when no block applies). */
  grant?: TokenGrantKind;
  job?: string;
  line?: number;
  column?: number;
  writes: string[];
  needed: string[];
  excess: string[];
  undetermined: string[];
  jobs: { job: string; grant: TokenGrantKind; line: number; writes: number; needed: number; excess: number | null }[];
}

export async function runPermissionsCommand(argv: string[], io: CliIO): Promise<number> {
  const { positionals, options } = parseArgs(argv, OPTIONS);
  if (options.help) {
    io.writeOut(PERMISSIONS_HELP);
    return 0;
  }
  const format = (options.format as string | undefined) ?? 'yaml';
  const explicit = options['no-config'] ? false : options.config !== undefined ? resolve(io.cwd, options.config as string) : undefined;
  if (typeof explicit === 'string' && io.exists && !io.exists(explicit)) throw new ConfigError(`configuration file not found: ${displayPath(io, explicit)}`);
  const inputs = positionals.length ? positionals : ['.'];
  if (inputs.includes('-')) throw new UsageError("'permissions' reads files, not standard input");

  const workspaces = new Map<string, Workspace>();
  const files: FileReport[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    const abs = resolve(io.cwd, input);
    if (io.exists && !io.exists(abs)) {
      errors.push(`${displayPath(io, abs)}: no such file or directory`);
      continue;
    }
    const ws = findWorkspace(io, abs, { explicit }, workspaces);
    const view = workspaceView(io, ws.root, DEFAULT_MAX_FILE_SIZE);
    let candidates;
    try {
      candidates = collectFiles(io, abs, ws);
    } catch (e) {
      errors.push(`${displayPath(io, abs)}: cannot list files: ${errorMessage(e)}`);
      continue;
    }
    for (const c of candidates) {
      if (seen.has(c.abs)) continue;
      seen.add(c.abs);
      let text: string;
      try {
        text = io.readFile(c.abs);
      } catch (e) {
        errors.push(`${displayPath(io, c.abs)}: cannot read: ${errorMessage(e)}`);
        continue;
      }
      if (detectKind(c.rel, text, kindAssociations(ws.config)) !== 'github-workflow') continue;
      const mode = ((options['default-permissions'] as DefaultPermissions | undefined) ?? resolveConfig(ws.config, c.rel).defaultPermissions ?? 'unknown') as DefaultPermissions;
      const report = analyseFile(text, c.rel, mode, view);
      if (report) files.push({ ...report, path: toPosix(relative(io.cwd, c.abs)) || c.rel });
    }
  }
  for (const e of errors) io.writeErr(`flowguard: ${e}\n`);
  const summary = summarise(files);
  io.writeOut(format === 'json' ? JSON.stringify({ files, summary }, null, 2) + '\n' : toYaml(files, summary));
  return errors.length ? 2 : 0;
}

function analyseFile(text: string, path: string, mode: DefaultPermissions, view: ReturnType<typeof workspaceView>): Omit<FileReport, 'path'> | undefined {
  const doc = parseYaml(text).documents[0];
  const wf = doc ? buildWorkflow(doc) : undefined;
  if (!wf) return undefined;
  const lines = new LineIndex(text);
  const line = (offset: number) => lines.position(offset).line + 1;
  const wp = analyseWorkflow(wf, text, { settings: { defaultPermissions: mode, workspace: view }, path });
  const g = workflowTokenGrants(wp, mode);
  const at = g.broadest ? lines.position(g.broadest.span.start) : undefined;
  const token: TokenReport = {
    ...(g.broadest && at ? { grant: g.broadest.kind, job: g.broadest.job, line: at.line + 1, column: at.character + 1 } : {}),
    writes: g.writes,
    needed: g.needed,
    excess: g.excess,
    undetermined: g.undetermined,
    jobs: g.jobs.map((j) => ({ job: j.job, grant: j.kind, line: line(j.span.start), writes: j.writes.length, needed: j.needed.length, excess: j.excess === 'unknown' ? null : j.excess.length })),
  };
  return { workflow: { permissions: {} }, jobs: wp.jobs.map((jp) => jobReport(jp, line)), token };
}

function jobReport(jp: JobPermissions, line: (offset: number) => number): JobReport {
  const permissions: JobReport['permissions'] = {};
  for (const [scope, c] of jp.minimal) {
    const needs = [...c.needs].sort((a, b) => Number(b.level === c.level) - Number(a.level === c.level));
    permissions[scope] = { level: c.level, reasons: needs.map((n) => ({ by: n.by, why: n.why, step: n.step, line: line(n.span.start), certain: n.certain })) };
  }
  const granted: JobReport['granted'] = { source: jp.grant.source, permissions: jp.grant.valid ? {} : 'invalid' };
  const shape = jp.grant.block?.shape;
  if (shape === 'read-all' || shape === 'write-all') granted.shorthand = shape;
  if (jp.grant.valid && typeof granted.permissions === 'object') {
    for (const s of SCOPE_NAMES) {
      const l = jp.grant.upper[s];
      if (l && l !== 'none') granted.permissions[s] = l;
    }
  }
  const broader = jp.status === 'known' && jp.grant.valid ? SCOPE_NAMES.filter((s) => LEVEL_RANK[jp.grant.upper[s] ?? 'none'] > LEVEL_RANK[jp.minimal.get(s)?.level ?? 'none']) : [];
  return {
    id: jp.job.id,
    line: line(jp.job.idSpan.start),
    status: jp.status,
    granted,
    permissions,
    broader,
    unknown: jp.unknown.map((u) => ({ line: line(u.span.start), step: u.step, why: u.why })),
  };
}

export interface PermissionsSummary {
  workflows: number;
  jobs: number;
  /** Jobs whose needs were fully determined. */
  known: number;
  /** Jobs relying on the repository default (no block anywhere). */
  defaultToken: number;
  /** Fully analysed jobs granted more than they need today (explicit blocks or default). */
  broader: number;
  /** Fully analysed jobs with an explicit block (job or workflow level). */
  knownExplicit: number;
  /** Fully analysed jobs with an explicit block granting more than they need. */
  broaderExplicit: number;
}

export function summarise(files: readonly FileReport[]): PermissionsSummary {
  const jobs = files.flatMap((f) => f.jobs);
  return {
    workflows: files.length,
    jobs: jobs.length,
    known: jobs.filter((j) => j.status === 'known').length,
    defaultToken: jobs.filter((j) => j.granted.source === 'default').length,
    broader: jobs.filter((j) => j.broader.length).length,
    knownExplicit: jobs.filter((j) => j.status === 'known' && j.granted.source !== 'default').length,
    broaderExplicit: jobs.filter((j) => j.broader.length && j.granted.source !== 'default').length,
  };
}

const q = (s: string) => JSON.stringify(s);

function toYaml(files: readonly FileReport[], summary: PermissionsSummary): string {
  const out: string[] = [];
  for (const f of files) {
    out.push(`${q(f.path)}:`, '  workflow:', '    permissions: {}', '  jobs:');
    for (const j of f.jobs) {
      out.push(`    ${q(j.id)}: # line ${j.line}, ${j.status === 'known' ? 'fully analysed' : 'NOT fully analysed: check the block before using it'}`);
      const entries = Object.entries(j.permissions);
      if (!entries.length) out.push('      permissions: {}');
      else {
        out.push('      permissions:');
        for (const [scope, p] of entries) {
          const first = p.reasons[0];
          out.push(`        ${scope}: ${p.level} # ${first.by}${first.why ? ' ' + first.why : ''} (line ${first.line})${p.reasons.length > 1 ? ` +${p.reasons.length - 1} more` : ''}`);
        }
      }
      const g = j.granted.permissions;
      const gText = j.granted.shorthand ?? (g === 'invalid' ? 'invalid' : Object.keys(g).length ? `{ ${Object.entries(g).map(([s, l]) => `${s}: ${l}`).join(', ')} }` : '{}');
      out.push(`      granted-today: ${q(`${j.granted.source === 'default' ? 'repository default (up to)' : j.granted.source + ' block'} ${gText}`)}`);
      if (j.broader.length) out.push(`      broader-than-needed: [${j.broader.join(', ')}]`);
      if (j.unknown.length) {
        out.push('      not-analysed:');
        for (const u of j.unknown) out.push(`        - ${q(`line ${u.line}: ${u.why}`)}`);
      }
    }
  }
  const pct = (n: number) => (summary.jobs ? ((100 * n) / summary.jobs).toFixed(1) : '0.0');
  out.push(
    `# ${summary.workflows} workflows, ${summary.jobs} jobs: ${summary.known} fully analysed (${pct(summary.known)}%), ` +
      `${summary.defaultToken} on the repository default token, ${summary.broader} granted more than they need (${pct(summary.broader)}%; ${summary.broaderExplicit} of ${summary.knownExplicit} fully analysed jobs with an explicit block)`,
  );
  return out.join('\n') + '\n';
}
