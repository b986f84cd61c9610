// Server memory with every corpus file open at once (issue 8: under 150 MB): opens every YAML file of
// ../shared/corpus/{github,gitlab,kestra} in one `node dist/server.js --stdio`, waits for all their
// diagnostics, then reads the server's resident set size from /proc (Linux). Nothing is written to disk.
// Two servers, one after the other: started as VS Code and docs/editors.md start it (server/src/lsp/launch.ts:
// a Node option and MALLOC_ARENA_MAX), and bare (`node dist/server.js --stdio`, what the server does alone).
//
//   npm run build && node --import tsx bench/lsp-memory.ts
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SERVER_ENV, SERVER_EXEC_ARGV } from '../server/src/lsp/launch.js';
import { serverMissing, TestClient, uriOf } from '../test/lsp/client.js';

const CORPUS = join('..', 'shared', 'corpus');
if (!existsSync(CORPUS)) {
  console.log(`lsp-memory: ${CORPUS} not found; this benchmark needs the shared corpus beside the project. Skipping.`);
  process.exit(0);
}
const missing = serverMissing();
if (missing) {
  console.log(`lsp-memory: ${missing}. Skipping.`);
  process.exit(0);
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/i.test(e.name)) out.push(p);
  }
  return out;
}

/** kB figures from /proc/<pid>/status. */
function memory(pid: number): { rss: number; peak: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return undefined;
  }
}

const files: { uri: string; text: string }[] = [];
let bytes = 0;
for (const platform of ['github', 'gitlab', 'kestra']) {
  const base = join(CORPUS, platform);
  if (!existsSync(base)) continue;
  for (const p of yamlFiles(base)) {
    const text = readFileSync(p, 'utf8');
    bytes += text.length;
    // `<owner+repo>/<path in repo>` under a pretend workspace, so kinds are detected from real paths.
    const [repo, ...rest] = relative(base, p).split(/[\\/]/);
    files.push({ uri: uriOf(join('/flowguard-bench-ws', platform, repo, ...rest)), text });
  }
}

/** Server CPU seconds (user + system) from /proc/<pid>/stat. */
function cpuSeconds(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}

async function measure(bare: boolean) {
  const env: Record<string, string> = process.env.BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS } : {};
  const client = await TestClient.start({ root: '/flowguard-bench-ws', settings: { debounceMs: 0 }, env, bare });
  const pid = client.child.pid!;
  const idle = memory(pid);
  const started = performance.now();
  for (const f of files) client.open(f.uri, f.text);
  await client.waitFor(() => files.every((f) => client.lastDiagnostics(f.uri)?.version === 1), `diagnostics for ${files.length} files`, 600_000);
  const elapsed = performance.now() - started;
  const loaded = memory(pid);
  const cpu = cpuSeconds(pid);
  // The server compacts its heap once idle after a burst (lsp/memory.ts); V8 returns memory only then.
  await new Promise((r) => setTimeout(r, 15_000));
  const settled = memory(pid);
  const findings = files.reduce((n, f) => n + client.lastDiagnostics(f.uri)!.diagnostics.length, 0);
  const compactions = client.logs.filter((l) => /^idle compaction/.test(l.message)).map((l) => l.message);
  await client.shutdown();
  return { idle, loaded, settled, elapsed, cpu, findings, compactions };
}

const runs = [
  { label: `launch options (\`${Object.entries(SERVER_ENV).map(([k, v]) => `${k}=${v} `).join('')}node ${SERVER_EXEC_ARGV.join(' ')}\`)`, result: await measure(false) },
  { label: 'bare (`node dist/server.js`)', result: await measure(true) },
];

const mb = (kb: number | undefined) => (kb === undefined || Number.isNaN(kb) ? 'n/a' : `${(kb / 1024).toFixed(1)} MB`);
console.log('# Language server memory with the whole corpus open\n');
console.log('| files open | server started | corpus size | time to all diagnostics | server CPU | findings | RSS before opening | RSS right after the last diagnostics | RSS 15 s later | peak RSS |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const { label, result: r } of runs) {
  console.log(`| ${files.length} | ${label} | ${(bytes / 1024 / 1024).toFixed(1)} M chars | ${(r.elapsed / 1000).toFixed(1)} s | ${r.cpu.toFixed(1)} s | ${r.findings} | ${mb(r.idle?.rss)} | ${mb(r.loaded?.rss)} | ${mb(r.settled?.rss)} | ${mb(r.settled?.peak)} |`);
}
console.log('');
for (const { label, result: r } of runs) console.log(`- ${label}: ${r.compactions.length ? r.compactions.join('; ') : 'no idle compaction logged'}`);
console.log('\nTarget (issue 8): under 150 MB with every corpus file open (the first row is how editors start the server).');
console.log('The server keeps each open document\'s text and findings (not its parsed document or model); nothing else');
console.log('grows with the number of files.');
