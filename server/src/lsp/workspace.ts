// Workspace folders on disk: which folder a document belongs to (and its path relative to it), a
// WorkspaceView confined to one folder (no path outside it is ever read, symlinks included: restricted mode
// for untrusted workspaces needs no separate code path), and the walk that finds YAML files for audits.
import { lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { globMatch, type WorkspaceView } from '../engine/index.js';

export interface WorkspaceFolder {
  uri: string;
  name: string;
  /** Absolute file-system path. */
  fsPath: string;
}

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

export const toPosix = (p: string) => p.split(sep).join('/');

/** Where a document sits: its folder (if any) and the path the engine sees. */
export interface Located {
  folder?: WorkspaceFolder;
  /** Folder-relative path (forward slashes); the absolute path for files outside every folder; '' for untitled. */
  path: string;
  fsPath?: string;
}

export class Folders {
  private list: WorkspaceFolder[] = [];

  get all(): readonly WorkspaceFolder[] {
    return this.list;
  }

  set(folders: { uri: string; name?: string }[]): void {
    this.list = [];
    for (const f of folders) this.add(f);
  }

  add(folder: { uri: string; name?: string }): WorkspaceFolder | undefined {
    const fsPath = uriToPath(folder.uri);
    if (!fsPath) return undefined;
    if (this.list.some((f) => f.fsPath === resolve(fsPath))) return undefined;
    const wf = { uri: folder.uri, name: folder.name ?? fsPath, fsPath: resolve(fsPath) };
    this.list.push(wf);
    // Deepest folder first, so nested folders own their files.
    this.list.sort((a, b) => b.fsPath.length - a.fsPath.length);
    return wf;
  }

  remove(uri: string): void {
    const fsPath = uriToPath(uri);
    this.list = this.list.filter((f) => f.uri !== uri && f.fsPath !== (fsPath && resolve(fsPath)));
  }

  byUri(uri: string): WorkspaceFolder | undefined {
    const p = uriToPath(uri);
    return this.list.find((f) => f.uri === uri || (p !== undefined && f.fsPath === resolve(p)));
  }

  locate(uri: string): Located {
    const fsPath = uriToPath(uri);
    if (!fsPath) return { path: '' };
    for (const folder of this.list) {
      const rel = relative(folder.fsPath, fsPath);
      if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return { folder, path: toPosix(rel), fsPath };
    }
    return { path: toPosix(fsPath), fsPath };
  }
}

/** Files read through a WorkspaceView larger than this are treated as absent. */
const VIEW_MAX_BYTES = 2 * 1024 * 1024;

/**
 * Read-only view of one folder for cross-file rules (local actions, reusable workflows). Paths are
 * resolved inside the folder; `..`, absolute paths and symlinks leading outside it read nothing.
 */
export function folderView(root: string, openText?: (fsPath: string) => string | undefined): WorkspaceView {
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    realRoot = resolve(root);
  }
  const inside = (p: string) => p === realRoot || p.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);
  return {
    readFile(relativePath: string): string | undefined {
      if (typeof relativePath !== 'string' || relativePath.includes('\0') || isAbsolute(relativePath) || /^[a-zA-Z]:/.test(relativePath)) return undefined;
      const rel = relativePath.replace(/^\.\//, '');
      const target = resolve(realRoot, rel);
      if (!inside(target)) return undefined;
      const live = openText?.(resolve(root, rel));
      if (live !== undefined) return live;
      try {
        const real = realpathSync(target);
        if (!inside(real)) return undefined;
        const st = statSync(real);
        if (!st.isFile() || st.size > VIEW_MAX_BYTES) return undefined;
        return readFileSync(real, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

export interface WalkOptions {
  /** Folder-relative globs to leave out (files and directories). */
  exclude: readonly string[];
  /** Stop when it returns true (cancellation). */
  cancelled(): boolean;
  /** Upper bound on files returned, so a huge tree cannot exhaust memory. */
  maxFiles?: number;
}

/** Every `.yml` / `.yaml` file under `root` (no symlinked directories followed), folder-relative paths. */
export async function findYamlFiles(root: string, options: WalkOptions): Promise<string[]> {
  const out: string[] = [];
  const max = options.maxFiles ?? 100_000;
  const excluded = (rel: string) => options.exclude.some((g) => globMatch(g, rel) || globMatch(g, rel + '/'));
  const queue = [''];
  while (queue.length && out.length < max) {
    if (options.cancelled()) break;
    const dir = queue.shift()!;
    let entries;
    try {
      entries = await readdir(join(root, dir), { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !excluded(rel)) queue.push(rel);
      } else if (e.isFile() && /\.ya?ml$/i.test(e.name) && !excluded(rel)) {
        out.push(rel);
        if (out.length >= max) break;
      }
    }
  }
  return out;
}

/** Reads a workspace file for linting: undefined (with the reason) when it is not a regular readable file. */
export function readWorkspaceFile(fsPath: string, maxBytes: number): { text?: string; error?: string } {
  try {
    const st = lstatSync(fsPath);
    if (!st.isFile()) return { error: 'not a regular file' };
    if (st.size > maxBytes * 4) return { error: `file too large (${st.size} bytes)` };
    return { text: readFileSync(fsPath, 'utf8') };
  } catch (e) {
    return { error: (e as Error).message };
  }
}
