// Runs the bundled CLI (dist/cli.js) with the extension host's runtime: the exports (SARIF, JSON) and the rule list
// come from the same code as `flowguard audit` in CI, so the files match what a pipeline would produce.
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RuleInfo {
  id: string;
  platform: string;
  title: string;
  severity: string;
  docsUrl?: string;
}

export class Cli {
  private rules: Promise<RuleInfo[]> | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {}

  run(args: string[], cwd: string, token?: vscode.CancellationToken): Promise<CliResult> {
    const cli = this.context.asAbsolutePath('dist/cli.js');
    return new Promise((resolve, reject) => {
      // ELECTRON_RUN_AS_NODE: in desktop VS Code process.execPath is Electron; this makes it a plain Node.
      const child = execFile(process.execPath, [cli, ...args], { cwd, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' }, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
        const code = typeof child.exitCode === 'number' ? child.exitCode : error ? 2 : 0;
        if (error && typeof child.exitCode !== 'number') reject(new Error(`flowguard CLI failed: ${error.message}`));
        else resolve({ code, stdout, stderr });
      });
      token?.onCancellationRequested(() => child.kill());
    });
  }

  /** Every rule with its platform and title (`flowguard rules --format json`), loaded once. */
  listRules(): Promise<RuleInfo[]> {
    this.rules ??= this.run(['rules', '--format', 'json'], this.context.extensionPath).then((r) => {
      if (r.code !== 0) throw new Error(`flowguard rules exited with ${r.code}: ${r.stderr.trim()}`);
      return JSON.parse(r.stdout) as RuleInfo[];
    });
    this.rules.catch(() => (this.rules = undefined));
    return this.rules;
  }
}
