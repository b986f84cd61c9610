// Server memory with every corpus file open at once (issue 8: under 150 MB): opens every YAML file of
// ../shared/corpus/{github,gitlab,kestra} in one `node dist/server.js --stdio`, waits for all their
// diagnostics, then reads the server's resident set size from /proc (Linux). Nothing is written to disk.
//
//   npm run build && node --import tsx bench/lsp-memory.ts
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
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

const client = await TestClient.start({ root: '/flowguard-bench-ws', settings: { debounceMs: 0 }, env: process.env.BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS } : {} });
const idle = memory(client.child.pid!);
const started = performance.now();
for (const f of files) client.open(f.uri, f.text);
await client.waitFor(() => files.every((f) => client.lastDiagnostics(f.uri)?.version === 1), `diagnostics for ${files.length} files`, 600_000);
const elapsed = performance.now() - started;
const loaded = memory(client.child.pid!);
// V8 gives memory back after a burst only once it is idle (its memory reducer); measure again after a pause.
await new Promise((r) => setTimeout(r, 15_000));
const settled = memory(client.child.pid!);
const findings = files.reduce((n, f) => n + client.lastDiagnostics(f.uri)!.diagnostics.length, 0);
await client.shutdown();

const mb = (kb: number | undefined) => (kb === undefined || Number.isNaN(kb) ? 'n/a' : `${(kb / 1024).toFixed(1)} MB`);
console.log('# Language server memory with the whole corpus open\n');
console.log('| files open | corpus size | time to all diagnostics | findings | RSS before opening | RSS right after the last diagnostics | RSS 15 s later | peak RSS |');
console.log('|---|---|---|---|---|---|---|---|');
console.log(`| ${files.length} | ${(bytes / 1024 / 1024).toFixed(1)} M chars | ${(elapsed / 1000).toFixed(1)} s | ${findings} | ${mb(idle?.rss)} | ${mb(loaded?.rss)} | ${mb(settled?.rss)} | ${mb(settled?.peak)} |`);
console.log('\nTarget (issue 8): under 150 MB with every corpus file open. The server keeps each open document\'s text and');
console.log('its last lint result (findings, diagnostics, line index); nothing else grows with the number of files.');
