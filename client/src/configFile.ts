// "Create Configuration File": a commented .flowguard.yml at the root of a workspace folder. The config schema
// (schemas/flowguard-config.json, contributed through yamlValidation) gives completion in YAML-aware editors.
import * as vscode from 'vscode';

export const CONFIG_TEMPLATE = `# FlowGuard configuration. Editor settings (flowguard.*) apply where this file says nothing.
# Schema: schemas/flowguard-config.json in the FlowGuard extension (completion with a YAML language extension).

# How much to report: regular (real problems), pedantic (also code smells), auditor (everything).
persona: regular

# Hide findings below this severity: info, low, medium or high.
min-severity: info

# Your repositories' default GITHUB_TOKEN permissions when a workflow declares none:
# unknown (assume the worst), restricted (read-only) or permissive (read and write).
default-permissions: unknown

# Platforms to check.
platforms:
  github: true
  gitlab: true
  kestra: true

# Files never checked (globs relative to this folder).
ignore-paths: []
#  - vendor/**

# Per-rule settings: off, on, or { enabled, severity, ignore-paths, options }.
rules: {}
#  unpinned-uses:
#    severity: high
#    options:
#      policies:
#        "my-org/*": ref-pin
#        "*": hash-pin

# Settings for some paths only, applied in order after the top level.
# overrides:
#   - files: [".github/workflows/experimental-*.yml"]
#     min-severity: high
`;

/** Creates (or opens, when it exists) `.flowguard.yml` in `folder` (asked for when there are several). */
export async function createConfigFile(folder?: vscode.WorkspaceFolder): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  folder ??= folders.length > 1 ? await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder for .flowguard.yml' }) : folders[0];
  if (!folder) {
    if (!folders.length) void vscode.window.showWarningMessage('FlowGuard: open a folder to create its configuration file.');
    return undefined;
  }
  for (const name of ['.flowguard.yml', '.flowguard.yaml', '.github/flowguard.yml']) {
    const existing = vscode.Uri.joinPath(folder.uri, name);
    try {
      await vscode.workspace.fs.stat(existing);
      await vscode.window.showTextDocument(existing);
      void vscode.window.showInformationMessage(`FlowGuard: ${name} already exists; opened it.`);
      return existing;
    } catch {
      // not there: try the next name, then create
    }
  }
  const uri = vscode.Uri.joinPath(folder.uri, '.flowguard.yml');
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(CONFIG_TEMPLATE));
  await vscode.window.showTextDocument(uri);
  return uri;
}
