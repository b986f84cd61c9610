// Runs the engine over ../shared/corpus and prints findings per rule (all, or one rule's hits in detail).
// Usage: npm run corpus -- [github|gitlab|kestra|all] [--rule ID] [--limit N] [--persona P]
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { lint, LineIndex, type Persona } from '../server/src/engine/index.js';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const platform = args.find((a) => !a.startsWith('--') && !args[args.indexOf(a) - 1]?.startsWith('--')) ?? 'github';
const rule = opt('--rule');
const limit = Number(opt('--limit') ?? 50);
const persona = (opt('--persona') ?? 'regular') as Persona;
const root = join('..', 'shared', 'corpus');
if (!existsSync(root)) {
  console.error(`corpus not found at ${root}: this needs the shared corpus beside the project`);
  process.exit(0);
}
const platforms = platform === 'all' ? ['github', 'gitlab', 'kestra'] : [platform];
const counts = new Map<string, number>();
const files = new Map<string, number>();
let shown = 0;
let total = 0;
for (const p of platforms) {
  const base = join(root, p);
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : /\.ya?ml$/i.test(e.name) ? [join(dir, e.name)] : []));
  for (const file of walk(base)) {
    total++;
    // The corpus layout is <owner>+<repo>/<path in repo>: lint with the in-repo path so kinds are detected as in the repo.
    const rel = relative(base, file).split(/[\\/]/).slice(1).join('/');
    const text = readFileSync(file, 'utf8');
    const res = lint(text, { path: rel, settings: { persona } });
    const lines = new LineIndex(text);
    for (const f of res.findings) {
      counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
      const key = `${f.ruleId}\t${file}`;
      files.set(key, 1);
      if (rule && f.ruleId === rule && shown++ < limit) {
        const pos = lines.position(f.span.start);
        console.log(`${relative(root, file)}:${pos.line + 1}:${pos.character + 1}: ${f.message}\n    ${lines.lineText(pos.line).trim().slice(0, 160)}`);
      }
    }
  }
}
const fileCounts = new Map<string, number>();
for (const k of files.keys()) {
  const id = k.split('\t')[0];
  fileCounts.set(id, (fileCounts.get(id) ?? 0) + 1);
}
console.log(`\n${total} files (${platforms.join(', ')}), persona ${persona}`);
for (const [id, n] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`${String(n).padStart(6)}  ${String(fileCounts.get(id)).padStart(5)} files  ${id}`);
