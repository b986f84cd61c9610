// `.flowguard.yml` discovery per workspace folder: the first of CONFIG_FILE_NAMES at the folder root wins
// over editor settings. Parsed with the engine's parseConfig; its problems become diagnostics on the
// config file itself (by the session). Reloaded when the client reports a change to one of these files.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig, type FlowGuardConfig } from '../engine/index.js';
import type { ConfigProblem } from '../engine/config.js';
import { pathToUri, type WorkspaceFolder } from './workspace.js';

/** In priority order. */
export const CONFIG_FILE_NAMES = ['.flowguard.yml', '.flowguard.yaml', '.github/flowguard.yml'] as const;
/** Glob patterns for workspace/didChangeWatchedFiles registration. */
export const CONFIG_WATCH_GLOBS = ['**/.flowguard.{yml,yaml}', '**/.github/flowguard.yml'];
const MAX_CONFIG_BYTES = 1024 * 1024;

export interface LoadedConfig {
  uri: string;
  fsPath: string;
  text: string;
  config: FlowGuardConfig;
  problems: ConfigProblem[];
}

export function isConfigFileName(relativePath: string): boolean {
  return (CONFIG_FILE_NAMES as readonly string[]).includes(relativePath);
}

/** Reads the folder's config file; undefined when it has none. Never throws. */
export function loadFolderConfig(folder: WorkspaceFolder): LoadedConfig | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const fsPath = join(folder.fsPath, name);
    if (!existsSync(fsPath)) continue;
    const uri = pathToUri(fsPath);
    try {
      const st = statSync(fsPath);
      if (!st.isFile()) continue;
      if (st.size > MAX_CONFIG_BYTES) {
        return { uri, fsPath, text: '', config: {}, problems: [{ message: `Configuration not read: ${st.size} bytes is over the ${MAX_CONFIG_BYTES}-byte limit`, span: { start: 0, end: 0 } }] };
      }
      const text = readFileSync(fsPath, 'utf8');
      return { uri, fsPath, text, ...parseConfig(text) };
    } catch (e) {
      return { uri, fsPath, text: '', config: {}, problems: [{ message: `Configuration could not be read: ${(e as Error).message}`, span: { start: 0, end: 0 } }] };
    }
  }
  return undefined;
}
