// Where the files are: config discovery, the workspace root that engine paths are relative to, file
// collection, and the WorkspaceView rules use to follow local references. All IO goes through CliIO.
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { LineIndex, RULES, detectKind, globMatch, kindAssociations, parseConfig, type FlowGuardConfig, type WorkspaceView } from '../engine/index.js';
import { distance } from './args.js';
import type { CliIO } from './io.js';

/** Searched in this order in each folder, from the input path upward. */
export const CONFIG_NAMES = ['.flowguard.yml', '.flowguard.yaml', join('.github', 'flowguard.yml')] as const;

/** A problem that stops the command with exit code 2 (bad config, unusable input). */
export class ConfigError extends Error {}

export interface Workspace {
  /** Absolute folder that engine paths are relative to. */
  root: string;
  /** Absolute folder holding `.git`, when there is one (SARIF URIs are relative to it). */
  gitRoot?: string;
  /** Absolute path of the config file in force, if any. */
  configFile?: string;
  config: FlowGuardConfig;
}

export interface ConfigChoice {
  /** `--config FILE` (absolute), or false for `--no-config`, or undefined to discover. */
  explicit?: string | false;
}

const exists = (io: CliIO, p: string) => (io.exists ? io.exists(p) : false);
const isDir = (io: CliIO, p: string) => (io.isDirectory ? io.isDirectory(p) : false);

/** Engine paths use forward slashes. */
export const toPosix = (p: string) => p.split(sep).join('/');

function isInside(parent: string, child: string): boolean {
  const r = relative(parent, child);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}

/**
 * Finds the workspace of an input path: the nearest config file upward (never above a folder holding
 * `.git`), the repository root, and the root engine paths are relative to.
 */
export function findWorkspace(io: CliIO, input: string, choice: ConfigChoice, cache: Map<string, Workspace>): Workspace {
  const start = isDir(io, input) ? input : dirname(input);
  let configFile: string | undefined;
  let configRoot: string | undefined;
  let gitRoot: string | undefined;
  for (let dir = start; ; ) {
    if (choice.explicit === undefined && !configFile) {
      for (const name of CONFIG_NAMES) {
        const candidate = join(dir, name);
        if (exists(io, candidate) && !isDir(io, candidate)) {
          configFile = candidate;
          configRoot = dir;
          break;
        }
      }
    }
    if (exists(io, join(dir, '.git'))) {
      gitRoot = dir;
      break;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  if (typeof choice.explicit === 'string') configFile = choice.explicit;
  const root = configRoot ?? gitRoot ?? fallbackRoot(io, input);
  const key = `${root}\0${configFile ?? ''}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const ws: Workspace = { root, gitRoot, configFile, config: configFile ? loadConfig(io, configFile) : {} };
  cache.set(key, ws);
  return ws;
}

/** Without a config or a repository: the cwd when the input is inside it, else the folder above `.github`, else the input's folder. */
function fallbackRoot(io: CliIO, input: string): string {
  if (isInside(io.cwd, input)) return io.cwd;
  const parts = input.split(sep);
  const gh = parts.lastIndexOf('.github');
  if (gh > 0) return parts.slice(0, gh).join(sep) || sep;
  return isDir(io, input) ? input : dirname(input);
}

/** Reads and validates a config file; any problem is a ConfigError naming file:line:col. */
export function loadConfig(io: CliIO, file: string): FlowGuardConfig {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (e) {
    throw new ConfigError(`${displayPath(io, file)}: cannot read the configuration: ${errorMessage(e)}`);
  }
  const { config, problems } = parseConfig(text);
  if (problems.length) {
    const lines = new LineIndex(text);
    const where = (offset: number) => {
      const p = lines.position(offset);
      return `${displayPath(io, file)}:${p.line + 1}:${p.character + 1}`;
    };
    throw new ConfigError(['invalid configuration:', ...[...problems].sort((a, b) => a.span.start - b.span.start).map((p) => `  ${where(p.span.start)}: ${p.message}`)].join('\n'));
  }
  return config;
}

/** Rule ids named in a config that no rule has, with a "did you mean" each. */
export function unknownRuleIds(config: FlowGuardConfig): string[] {
  const known = RULES.map((r) => r.meta.id);
  const named = new Set<string>();
  for (const layer of [config, ...(config.overrides ?? [])]) for (const id of Object.keys(layer.rules ?? {})) named.add(id);
  const out: string[] = [];
  for (const id of named) {
    if (known.includes(id)) continue;
    const near = known.map((k) => [k, distance(id, k)] as const).sort((a, b) => a[1] - b[1])[0];
    out.push(near && near[1] <= Math.max(2, id.length / 4) ? `'${id}' (did you mean '${near[0]}'?)` : `'${id}'`);
  }
  return out;
}

export interface Candidate {
  abs: string;
  /** Path relative to the workspace root, forward slashes (what the engine sees). */
  rel: string;
  /** True when the user named this file directly (not found by walking a folder). */
  explicit: boolean;
}

const SKIPPED_DIRS = new Set(['node_modules', '.git']);

/**
 * Files under an input that may be pipeline files: YAML files and files a config `kinds:` glob names,
 * minus node_modules, .git and config `ignore-paths`. The engine decides the kind from path and content.
 */
export function collectFiles(io: CliIO, input: string, ws: Workspace): Candidate[] {
  if (!isDir(io, input)) return [{ abs: input, rel: toPosix(relative(ws.root, input)), explicit: true }];
  const assoc = kindAssociations(ws.config);
  const ignores = ws.config['ignore-paths'] ?? [];
  const out: Candidate[] = [];
  for (const abs of io.listFiles(input)) {
    const within = relative(input, abs).split(sep);
    if (within.slice(0, -1).some((d) => SKIPPED_DIRS.has(d))) continue;
    const rel = toPosix(relative(ws.root, abs));
    if (ignores.some((g) => globMatch(g, rel))) continue;
    if (!/\.ya?ml$/i.test(basename(abs)) && detectKind(rel, '', assoc) === 'unknown') continue;
    out.push({ abs, rel, explicit: false });
  }
  return out.sort((a, b) => (a.abs < b.abs ? -1 : a.abs > b.abs ? 1 : 0));
}

/** Lets rules read other files of the workspace (local actions, includes); never outside the root. */
export function workspaceView(io: CliIO, root: string, maxBytes: number): WorkspaceView {
  const cache = new Map<string, string | undefined>();
  return {
    readFile(relativePath: string) {
      if (cache.has(relativePath)) return cache.get(relativePath);
      let text: string | undefined;
      const abs = resolve(root, relativePath.replace(/^\/+/, ''));
      if (isInside(root, abs)) {
        try {
          const size = io.fileSize?.(abs);
          if (size === undefined || size <= maxBytes) text = io.readFile(abs);
        } catch {
          text = undefined;
        }
      }
      cache.set(relativePath, text);
      return text;
    },
  };
}

/** How paths are printed: relative to the cwd, forward slashes. */
export function displayPath(io: CliIO, abs: string): string {
  const r = relative(io.cwd, abs);
  return toPosix(r === '' ? '.' : r);
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'no such file or directory';
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    if (code === 'EISDIR') return 'is a directory';
    return e.message;
  }
  return String(e);
}
