// Editing latency over a real LSP connection: didChange -> publishDiagnostics for that version, through
// `node dist/server.js --stdio`, on the median-sized and the largest workflow of ../shared/corpus/github.
// Debounce is set to 0 so the figure is the server's work plus the transport, not a deliberate delay.
// Edits are replayed the way an editor sends them (incremental changes): typing a line character by
// character, deleting a key (and undoing it), pasting a job (and undoing it). Each edit waits for its
// diagnostics before the next one, so no figure includes queueing behind an earlier edit. The server is
// started with the launch options editors use (server/src/lsp/launch.ts); `--bare` starts plain
// `node dist/server.js --stdio` instead.
//
//   npm run build && node --import tsx bench/lsp-latency.ts [--rounds N] [--bare]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import { lint } from '../server/src/engine/index.js';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../server/src/lsp/launch.js';
import { serverMissing, TestClient, uriOf } from '../test/lsp/client.js';

const CORPUS = join('..', 'shared', 'corpus', 'github');
const roundsArg = process.argv.indexOf('--rounds');
const ROUNDS = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 3;
const WARMUP = 15;
const bare = process.argv.includes('--bare');

if (!existsSync(CORPUS)) {
  console.log(`lsp-latency: ${CORPUS} not found; this benchmark needs the shared corpus beside the project. Skipping.`);
  process.exit(0);
}
const missing = serverMissing();
if (missing) {
  console.log(`lsp-latency: ${missing}. Skipping.`);
  process.exit(0);
}

function workflows(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...workflows(p));
    else if (/\.ya?ml$/i.test(e.name) && /[\\/]\.github[\\/]workflows[\\/]/.test(p)) out.push(p);
  }
  return out;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const fmt = (n: number) => n.toFixed(2);

interface Edit {
  scenario: string;
  start: number;
  end: number;
  text: string;
}

/** The edit script for one file: typing a line, deleting a key and undoing, pasting a job and undoing. */
function script(text: string): Edit[] {
  const edits: Edit[] = [];
  const jobs = /^jobs:[ \t]*\r?\n/m.exec(text);
  // Typing a comment line just above `jobs:` (keeps the file valid while typing), char by char.
  const at = jobs ? jobs.index : text.length;
  const line = '# bench: typing a line in the editor\n';
  for (let i = 0; i < line.length; i++) edits.push({ scenario: 'type a line', start: at + i, end: at + i, text: line[i] });
  let shifted = text.slice(0, at) + line + text.slice(at);
  // Deleting a key: the first indented `name:` line (or any key line), then undo.
  const key = /^[ \t]+(?:name|runs-on|if|timeout-minutes):.*\r?\n/m.exec(shifted);
  if (key) {
    edits.push({ scenario: 'delete a key', start: key.index, end: key.index + key[0].length, text: '' });
    edits.push({ scenario: 'delete a key', start: key.index, end: key.index, text: key[0] });
  }
  // Pasting a job right after `jobs:`, then undo.
  const j = /^jobs:[ \t]*\r?\n/m.exec(shifted);
  if (j) {
    const pos = j.index + j[0].length;
    const job = `  pasted-job:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n    steps:\n      - uses: actions/checkout@v4\n      - run: echo "\${{ github.event.issue.title }}"\n      - uses: some-org/some-action@main\n`;
    edits.push({ scenario: 'paste a job', start: pos, end: pos, text: job });
    edits.push({ scenario: 'paste a job', start: pos, end: pos + job.length, text: '' });
  }
  shifted = '';
  return edits;
}

async function measure(client: TestClient, file: string, label: string) {
  const text = readFileSync(file, 'utf8');
  // The document lives at its corpus-relative path inside a pretend workspace; nothing is written.
  const rel = relative(CORPUS, file).split(/[\\/]/).slice(1).join('/');
  const uri = uriOf(join('/flowguard-bench', label, rel));
  let version = 1;
  client.open(uri, text, version);
  await client.diagnosticsFor(uri, version, 60_000);

  // Floors for the same text, in this process: parsing with `yaml` alone, and the engine's lint().
  const parse: number[] = [];
  const inProcess: number[] = [];
  for (let i = 0; i < 40; i++) lint(text, { path: rel }); // warm-up: schema compilation, JIT
  for (let i = 0; i < 60; i++) {
    let t = performance.now();
    parseAllDocuments(text);
    parse.push(performance.now() - t);
    t = performance.now();
    lint(text, { path: rel });
    inProcess.push(performance.now() - t);
  }
  const serverLint: number[] = [];
  const logsBefore = client.logs.length;

  const edits = script(text);
  const byScenario = new Map<string, number[]>();
  const all: number[] = [];
  for (let round = 0; round < ROUNDS + 1; round++) {
    // Each round types the line, then removes it again so rounds start from the same text.
    const undoTyping: Edit = { scenario: '', start: edits[0].start, end: edits[0].start + edits.filter((e) => e.scenario === 'type a line').length, text: '' };
    for (const e of [...edits, undoTyping]) {
      version++;
      const t0 = performance.now();
      client.edit(uri, version, e.start, e.end, e.text);
      await client.diagnosticsFor(uri, version, 60_000);
      const ms = performance.now() - t0;
      if (round === 0 && all.length + (byScenario.get('warmup')?.length ?? 0) < WARMUP) {
        byScenario.set('warmup', [...(byScenario.get('warmup') ?? []), ms]);
        continue;
      }
      if (!e.scenario) continue;
      all.push(ms);
      byScenario.set(e.scenario, [...(byScenario.get(e.scenario) ?? []), ms]);
    }
  }
  client.close(uri);
  byScenario.delete('warmup');
  // The server's own lint time per edit, from its debug log ("... in X ms").
  for (const l of client.logs.slice(logsBefore)) {
    const m = / finding\(s\) in ([\d.]+) ms$/.exec(l.message);
    if (m && l.message.includes(rel.split('/').pop()!)) serverLint.push(Number(m[1]));
  }
  return { rel, bytes: Buffer.byteLength(text), lines: text.split('\n').length, parse: quantile(parse, 0.5), lint: quantile(inProcess, 0.5), serverLint, all, byScenario };
}

const files = workflows(CORPUS)
  .map((p) => ({ p, size: readFileSync(p).length }))
  .sort((a, b) => a.size - b.size);
const median = files[Math.floor(files.length / 2)].p;
const largest = files[files.length - 1].p;

// Cold start: process spawn -> initialize answered, then didOpen -> first diagnostics (median file).
const cold: { init: number; first: number }[] = [];
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  const c = await TestClient.start({ settings: { debounceMs: 0 }, bare });
  const t1 = performance.now();
  const u = uriOf(join('/flowguard-bench', 'cold', '.github', 'workflows', 'ci.yml'));
  c.open(u, readFileSync(median, 'utf8'));
  await c.diagnosticsFor(u, 1, 60_000);
  cold.push({ init: t1 - t0, first: performance.now() - t1 });
  await c.shutdown();
}

const client = await TestClient.start({ settings: { debounceMs: 0 }, bare });
const results = [];
for (const [label, file] of [
  ['median', median],
  ['largest', largest],
] as const) {
  results.push({ label, ...(await measure(client, file, label)) });
}
await client.shutdown();

console.log(`# LSP editing latency (didChange -> publishDiagnostics, debounce 0)\n`);
console.log(`Machine: ${cpus()[0]?.model ?? 'unknown'} x${cpus().length}, Node ${process.version}; ${ROUNDS} rounds after a ${WARMUP}-edit warm-up; ${files.length} workflows in the corpus; server started ${bare ? 'bare (`node dist/server.js --stdio`)' : `with the launch options (\`${SERVER_EXEC_ARGV.join(' ')}\`, ${Object.entries(SERVER_ENV).map(([k, v]) => `${k}=${v}`).join(' ')})`}.\n`);
console.log('| file | size | yaml parse p50 | lint() in-process p50 | lint in server p50 / p95 | scenario | edits | p50 ms | p95 ms | max ms |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  const head = `| ${r.label}: ${r.rel} | ${r.bytes} B, ${r.lines} lines | ${fmt(r.parse)} ms | ${fmt(r.lint)} ms | ${fmt(quantile(r.serverLint, 0.5))} / ${fmt(quantile(r.serverLint, 0.95))} ms`;
  for (const [scenario, xs] of r.byScenario) console.log(`${head} | ${scenario} | ${xs.length} | ${fmt(quantile(xs, 0.5))} | ${fmt(quantile(xs, 0.95))} | ${fmt(Math.max(...xs))} |`);
  console.log(`${head} | **all edits** | ${r.all.length} | **${fmt(quantile(r.all, 0.5))}** | **${fmt(quantile(r.all, 0.95))}** | ${fmt(Math.max(...r.all))} |`);
}
const med = (xs: number[]) => quantile(xs, 0.5);
console.log(`\nCold start (median of ${cold.length}): spawn -> initialize answered ${fmt(med(cold.map((c) => c.init)))} ms; didOpen -> first diagnostics ${fmt(med(cold.map((c) => c.first)))} ms.`);
console.log('\nThe latency columns are end to end over stdio (client send -> server parse/lint/convert -> client receives the');
console.log('diagnostics of that version); "lint in server" is the engine time the server logs for the same edits.');
console.log('\nTargets (issue 8): p95 within 10 ms for the median file and 50 ms for the largest.');
