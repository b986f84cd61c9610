// The real CliIO: node:fs and the process. Writes are atomic (temporary file + rename).
import { readdirSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import type { CliIO } from './io.js';

// ignoreBOM keeps a byte-order mark in the text, so a fixed file is written back with it.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function readText(p: string | number): string {
  // Devices and pipes (/dev/zero) can be endless: only regular files are read by path.
  if (typeof p === 'string' && !statSync(p).isFile()) throw new Error('not a regular file');
  const bytes = readFileSync(p);
  try {
    return utf8.decode(bytes);
  } catch {
    throw new Error('not valid UTF-8 text');
  }
}

function listFiles(root: string): string[] {
  if (!statSync(root).isDirectory()) return [root];
  const out: string[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // unreadable folder: nothing in it can be checked
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== '.git') walk(p);
      } else if (e.isFile()) out.push(p);
      else if (e.isSymbolicLink()) {
        // Linked files are checked; linked folders are not followed (no cycles).
        try {
          if (statSync(p).isFile()) out.push(p);
        } catch {
          /* dangling link */
        }
      }
    }
  };
  walk(root);
  return out;
}

/** Writes through a temporary file and a rename, so a crash never leaves a half-written file. */
function writeAtomically(p: string, s: string): void {
  let mode: number | undefined;
  try {
    mode = statSync(p).mode;
  } catch {
    mode = undefined;
  }
  const tmp = join(dirname(p), `.${basename(p)}.flowguard-${process.pid}.tmp`);
  try {
    writeFileSync(tmp, s, { encoding: 'utf8', mode });
    renameSync(tmp, p);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* nothing to clean */
    }
    throw e;
  }
}

/** Docs sit beside the bundle (dist/docs/rules/<id>.md); running from source there are none. */
function ruleDoc(ruleId: string): string | undefined {
  const main = process.argv[1];
  if (!main || !/^[a-z0-9-]+$/.test(ruleId)) return undefined;
  try {
    return readFileSync(join(dirname(realpathSync(main)), 'docs', 'rules', `${ruleId}.md`), 'utf8');
  } catch {
    return undefined;
  }
}

export function nodeIO(cwd = process.cwd()): CliIO {
  return {
    readFile: (p) => readText(p),
    writeOut: (s) => void process.stdout.write(s),
    writeErr: (s) => void process.stderr.write(s),
    cwd,
    listFiles,
    writeFile: writeAtomically,
    exists: (p) => {
      try {
        statSync(p);
        return true;
      } catch {
        return false;
      }
    },
    isDirectory: (p) => {
      try {
        return statSync(p).isDirectory();
      } catch {
        return false;
      }
    },
    fileSize: (p) => {
      try {
        return statSync(p).size;
      } catch {
        return undefined;
      }
    },
    readStdin: () => readText(0),
    ruleDoc,
    isTTY: process.stdout.isTTY === true,
    env: process.env,
  };
}

