// Tokens for online features, kept in VS Code's secret storage (never in settings): a GitHub token for
// higher API rate limits and private actions (or the GitHub sign-in, when the user already has one), and
// the Kestra instance token. Only sent to the language server, which uses them only when online features
// are on in a trusted workspace.
import * as vscode from 'vscode';

const GITHUB_KEY = 'flowguard.githubToken';
const KESTRA_KEY = 'flowguard.kestraToken';

/** The stored GitHub token, else the token of an existing GitHub sign-in (never prompts). */
export async function githubToken(context: vscode.ExtensionContext): Promise<string | undefined> {
  const stored = await context.secrets.get(GITHUB_KEY);
  if (stored) return stored;
  try {
    const session = await vscode.authentication.getSession('github', [], { silent: true });
    return session?.accessToken;
  } catch {
    return undefined; // no GitHub authentication provider (e.g. some web builds)
  }
}

export async function kestraToken(context: vscode.ExtensionContext): Promise<string | undefined> {
  return (await context.secrets.get(KESTRA_KEY)) || undefined;
}

/** Asks for a token and stores it; an empty answer deletes the stored one. Returns whether it changed. */
export async function promptToken(context: vscode.ExtensionContext, which: 'github' | 'kestra'): Promise<boolean> {
  const key = which === 'github' ? GITHUB_KEY : KESTRA_KEY;
  const value = await vscode.window.showInputBox({
    title: which === 'github' ? 'FlowGuard: GitHub token for online checks' : 'FlowGuard: Kestra API token',
    prompt:
      which === 'github'
        ? 'A token with read access to public repositories is enough (no scopes needed for public actions). Leave empty to remove the stored token.'
        : 'The token of a Kestra user or service account that can read the plugin schemas. Leave empty to remove it.',
    password: true,
    ignoreFocusOut: true,
  });
  if (value === undefined) return false;
  if (value.trim()) await context.secrets.store(key, value.trim());
  else await context.secrets.delete(key);
  return true;
}
