// An in-memory CliIO for driving `run(argv, io)` in-process: a map of absolute POSIX paths to texts,
// folders implied by the paths, captured stdout/stderr, and knobs for the failure cases (unreadable
// files, huge sizes, standard input, a TTY).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIO } from '../../server/src/cli/io.js';
import { run } from '../../server/src/cli/run.js';

export interface MemoryOptions {
  cwd?: string;
  stdin?: string;
  /** Files whose reads fail with this message (e.g. invalid UTF-8). */
  unreadable?: Record<string, string>;
  /** Reported sizes (bytes), for the huge-file path without making a huge string. */
  sizes?: Record<string, number>;
  /** Extra folders that exist but hold no files (e.g. `/ws/.git`). */
  dirs?: string[];
  isTTY?: boolean;
  env?: Record<string, string | undefined>;
}

export interface MemoryIO extends CliIO {
  files: Map<string, string>;
  out: string;
  err: string;
  writes: string[];
}

export function memoryIO(files: Record<string, string>, opts: MemoryOptions = {}): MemoryIO {
  const map = new Map(Object.entries(files));
  const dirs = () => {
    const d = new Set<string>(['/']);
    for (const p of [...map.keys(), ...(opts.dirs ?? []).map((x) => `${x}/.`)]) {
      const parts = p.split('/');
      for (let i = 1; i < parts.length; i++) d.add(parts.slice(0, i).join('/') || '/');
    }
    return d;
  };
  const io: MemoryIO = {
    files: map,
    out: '',
    err: '',
    writes: [],
    cwd: opts.cwd ?? '/ws',
    readFile(p) {
      if (opts.unreadable?.[p]) throw new Error(opts.unreadable[p]);
      const t = map.get(p);
      if (t === undefined) throw Object.assign(new Error(`ENOENT: ${p}`), { code: dirs().has(p) ? 'EISDIR' : 'ENOENT' });
      return t;
    },
    writeOut(s) {
      io.out += s;
    },
    writeErr(s) {
      io.err += s;
    },
    listFiles(root) {
      if (map.has(root)) return [root];
      return [...map.keys(), ...Object.keys(opts.unreadable ?? {}).filter((k) => !map.has(k))].filter((p) => p.startsWith(root === '/' ? '/' : `${root}/`)).sort();
    },
    writeFile(p, s) {
      map.set(p, s);
      io.writes.push(p);
    },
    exists: (p) => map.has(p) || dirs().has(p) || !!opts.unreadable?.[p],
    isDirectory: (p) => !map.has(p) && dirs().has(p),
    fileSize: (p) => opts.sizes?.[p] ?? (map.has(p) ? Buffer.byteLength(map.get(p)!) : undefined),
    readStdin: () => {
      if (opts.stdin === undefined) throw new Error('no standard input');
      return opts.stdin;
    },
    isTTY: opts.isTTY ?? false,
    env: opts.env ?? {},
  };
  return io;
}

/** Loads a folder from disk as memory files under `prefix`. */
export function loadTree(dir: string, prefix = '/ws'): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${rel}/${e.name}`);
      else out[`${prefix}${rel}/${e.name}`] = readFileSync(join(d, e.name), 'utf8');
    }
  };
  walk(dir, '');
  return out;
}

export async function runCli(argv: string[], io: MemoryIO): Promise<{ code: number; out: string; err: string }> {
  const code = await run(argv, io);
  return { code, out: io.out, err: io.err };
}

/** test/cli/fixtures/basic under /ws, plus folders git cannot hold (node_modules, .git) that the walk must skip. */
export function basicWorkspace(): Record<string, string> {
  const files = loadTree(fileURLToPath(new URL('fixtures/basic', import.meta.url)));
  // Folders git will not hold: these must be skipped by the walk.
  files['/ws/node_modules/pkg/.github/workflows/vendored.yml'] = 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: a/b@main\n';
  files['/ws/.git/hooks/x.yml'] = 'on: push\njobs: {}\n';
  return files;
}
