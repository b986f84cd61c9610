// Helpers for the in-editor suite: fixture URIs, waiting on diagnostics, the rule id of a diagnostic, putting
// fixture files back after a test changed them, screenshots.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'flowguard.flowguard';
export const SOURCE = 'flowguard';

export function fixture(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run with the fixture workspace (test/vscode/workspace) open');
  return vscode.Uri.joinPath(folder.uri, relative);
}

/** The rule id of a FlowGuard diagnostic (its code; an object when the server links the rule's doc). */
export function ruleId(d: vscode.Diagnostic): string | undefined {
  if (typeof d.code === 'object' && d.code !== null) return String(d.code.value);
  return d.code === undefined ? undefined : String(d.code);
}

export function flowguardDiagnostics(uri: vscode.Uri, rule?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE && (!rule || ruleId(d) === rule));
}

/** Polls `probe` every 25 ms until it returns a truthy value; fails with `what` after `ms`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, ms = 30000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() - t0 > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export function waitForDiagnostics(uri: vscode.Uri, rule: string, ms?: number): Promise<vscode.Diagnostic[]> {
  return waitFor(`a '${rule}' diagnostic on ${vscode.workspace.asRelativePath(uri)}`, () => {
    const d = flowguardDiagnostics(uri, rule);
    return d.length ? d : undefined;
  }, ms);
}

export function waitForNoDiagnostics(uri: vscode.Uri, rule: string, ms?: number): Promise<true> {
  return waitFor(`no '${rule}' diagnostic on ${vscode.workspace.asRelativePath(uri)}`, () => flowguardDiagnostics(uri, rule).length === 0, ms);
}

/** Text under a diagnostic's range. */
export function textAt(doc: vscode.TextDocument, d: vscode.Diagnostic): string {
  return doc.getText(d.range);
}

export async function open(relative: string): Promise<{ uri: vscode.Uri; doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const uri = fixture(relative);
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc);
  return { uri, doc, editor };
}

/** Writes a timing line the harness greps into its summary. */
export function timing(label: string, ms: number): void {
  console.log(`[flowguard-e2e timing] ${label}: ${ms} ms`);
}

/** The text on disk of every YAML file in the workspace, by URI: what restoreYaml() puts back. */
export async function snapshotYaml(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const uris = await vscode.workspace.findFiles('**/*.{yml,yaml}');
  uris.sort((a, b) => a.toString().localeCompare(b.toString()));
  for (const uri of uris) out.set(uri.toString(), new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
  return out;
}

/** Writes back the snapshot's text where the disk or an open document differs (reverting unsaved edits). */
export async function restoreYaml(snapshot: Map<string, string>): Promise<void> {
  for (const [key, text] of snapshot) {
    const uri = vscode.Uri.parse(key);
    const disk = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    if (disk !== text) await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (!doc || (doc.getText() === text && !doc.isDirty)) continue;
    if (doc.isDirty) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await waitFor(`${vscode.workspace.asRelativePath(uri)} restored`, () => doc.getText() === text && !doc.isDirty, 5000);
  }
}

/**
 * A screenshot of the workbench as it is now, saved as a test artifact by scripts/e2e/run-suite.mjs (which watches
 * the console for this line and tells the suite where it saves them in FLOWGUARD_E2E_SCREENSHOTS). Waits until the
 * file is written; other runners (@vscode/test-electron) take none.
 */
export async function screenshot(name: string): Promise<void> {
  const dir = process.env.FLOWGUARD_E2E_SCREENSHOTS;
  if (!dir) return;
  const file = vscode.Uri.file(`${dir}/${name}.png`);
  const exists = async () => vscode.workspace.fs.stat(file).then(() => true, () => false);
  if (await exists()) await vscode.workspace.fs.delete(file);
  console.log(`[flowguard-e2e screenshot] ${name}`);
  await waitFor(`the screenshot ${name}.png`, exists, 10000).catch((e) => console.log(`[flowguard-e2e] ${e.message}`));
}
