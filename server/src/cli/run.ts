// argv -> command. `run(argv, io)` is the whole CLI: main.ts only supplies the real IO and exits with
// the returned code. Usage and configuration errors are exit code 2 with a one-line message.
import { resolve } from 'node:path';
import pkg from '../../../package.json' with { type: 'json' };
import { auditCommand } from './audit.js';
import { distance, UsageError } from './args.js';
import type { CliIO } from './io.js';
import { rulesCommand } from './rules.js';
import { ConfigError } from './workspace.js';

export const VERSION: string = pkg.version;
const COMMANDS = ['audit', 'rules', 'permissions', 'help'];

export const HELP = `FlowGuard ${VERSION}: security linter for CI/CD pipelines (GitHub Actions, GitLab CI, Kestra)

Usage: flowguard <command> [options]

Commands:
  audit [paths...]     check pipeline files (default command when the first argument is a path)
  rules                list every rule with its metadata
  permissions ...      least-privilege GITHUB_TOKEN permissions for workflows
  help [command]       show help for a command

Options:
  -h, --help           show help (also after a command: flowguard audit --help)
  -V, --version        print the version

Exit codes: 0 clean, 1 findings at or above the threshold, 2 usage, configuration or file error.
`;

export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const args = [...argv];
  try {
    const first = args[0];
    if (first === undefined || first === '-h' || first === '--help') {
      io.writeOut(HELP);
      return first === undefined ? 2 : 0;
    }
    if (first === '-V' || first === '--version' || first === 'version') {
      io.writeOut(`${VERSION}\n`);
      return 0;
    }
    if (first === 'help') return run(args[1] ? [args[1], '--help'] : ['--help'], io);
    if (first === 'audit') return await auditCommand(args.slice(1), io, { version: VERSION });
    if (first === 'rules') return rulesCommand(args.slice(1), io);
    if (first === 'permissions') return await permissionsCommand(args.slice(1), io);
    if (first === '-' || first.startsWith('-') || first.includes('/') || first.includes('\\') || first === '.' || /\.ya?ml$/i.test(first) || io.exists?.(resolve(io.cwd, first))) {
      // `flowguard .github/workflows` reads as `flowguard audit .github/workflows`.
      return await auditCommand(args, io, { version: VERSION });
    }
    const near = COMMANDS.find((c) => distance(c, first) <= 2);
    throw new UsageError(`unknown command '${first}'${near ? ` (did you mean '${near}'?)` : ''}; the commands are ${COMMANDS.join(', ')}`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.writeErr(`flowguard: ${e.message}\nRun 'flowguard --help' for usage.\n`);
      return 2;
    }
    if (e instanceof ConfigError) {
      io.writeErr(`flowguard: ${e.message}\n`);
      return 2;
    }
    const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
    io.writeErr(`flowguard: internal error, please report it: ${detail}\n`);
    return 2;
  }
}

/** Dispatches to permissions.ts (written by the permissions work) when it is part of the build. */
async function permissionsCommand(argv: string[], io: CliIO): Promise<number> {
  let mod: { runPermissionsCommand?: (argv: string[], io: CliIO) => Promise<number> } | undefined;
  try {
    mod = await loadOptional('.ts');
  } catch {
    mod = undefined;
  }
  if (!mod?.runPermissionsCommand) {
    io.writeErr("flowguard: the 'permissions' command is not available in this build\n");
    return 2;
  }
  return mod.runPermissionsCommand(argv, io);
}

// A template import, so the build and type-check succeed whether or not permissions.ts exists yet
// (esbuild bundles whatever matches ./permissions*.ts; tsx resolves it at run time).
function loadOptional(ext: string) {
  return import(`./permissions${ext}`);
}
