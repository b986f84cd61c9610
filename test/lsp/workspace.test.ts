// Workspace plumbing, in-process: config file discovery and priority, folders (nested folders own their
// files), the YAML walk (skips node_modules/.git and exclude globs, no symlinked directories).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { loadFolderConfig } from '../../server/src/lsp/configFiles.js';
import { findYamlFiles, Folders, pathToUri } from '../../server/src/lsp/workspace.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'flowguard-ws-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

describe('config discovery', () => {
  it('prefers .flowguard.yml, then .flowguard.yaml, then .github/flowguard.yml', () => {
    const root = tree({ '.github/flowguard.yml': 'persona: auditor\n', '.flowguard.yaml': 'persona: pedantic\n' });
    try {
      const folder = { uri: pathToUri(root), name: 'ws', fsPath: root };
      assert.equal(loadFolderConfig(folder)?.config.persona, 'pedantic');
      writeFileSync(join(root, '.flowguard.yml'), 'persona: regular\n');
      assert.equal(loadFolderConfig(folder)?.config.persona, 'regular');
      rmSync(join(root, '.flowguard.yml'));
      rmSync(join(root, '.flowguard.yaml'));
      const gh = loadFolderConfig(folder)!;
      assert.equal(gh.config.persona, 'auditor');
      assert.equal(gh.uri, pathToUri(join(root, '.github/flowguard.yml')));
      rmSync(join(root, '.github/flowguard.yml'));
      assert.equal(loadFolderConfig(folder), undefined);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('reports a broken config as problems with their place, never throws', () => {
    const root = tree({ '.flowguard.yml': 'persona: auditor\nrules: [oops\n' });
    try {
      const loaded = loadFolderConfig({ uri: pathToUri(root), name: 'ws', fsPath: root })!;
      assert.ok(loaded.problems.length >= 1);
      assert.ok(loaded.problems.every((p) => p.span.start >= 0 && p.span.end <= loaded.text.length));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('workspace folders', () => {
  it('locates documents in the deepest folder, outside every folder, and untitled', () => {
    const folders = new Folders();
    folders.set([{ uri: 'file:///ws', name: 'ws' }, { uri: 'file:///ws/sub', name: 'sub' }]);
    assert.deepEqual({ ...folders.locate('file:///ws/sub/.github/workflows/a.yml'), folder: folders.locate('file:///ws/sub/.github/workflows/a.yml').folder?.name }, { folder: 'sub', path: '.github/workflows/a.yml', fsPath: '/ws/sub/.github/workflows/a.yml' });
    assert.equal(folders.locate('file:///ws/b.yml').folder?.name, 'ws');
    assert.deepEqual(folders.locate('file:///elsewhere/.github/workflows/c.yml'), { path: '/elsewhere/.github/workflows/c.yml', fsPath: '/elsewhere/.github/workflows/c.yml' });
    assert.deepEqual(folders.locate('untitled:Untitled-1'), { path: '' });
    assert.equal(folders.locate('file:///wsx/a.yml').folder, undefined, 'a sibling with a common prefix is not inside');
    folders.remove('file:///ws/sub');
    assert.equal(folders.locate('file:///ws/sub/a.yml').path, 'sub/a.yml');
  });

  it('walks YAML files, skipping node_modules, .git, excluded globs and symlinked directories', async () => {
    const root = tree({
      'a.yml': '',
      'b.yaml': '',
      'c.txt': '',
      'x/.github/workflows/d.yml': '',
      'node_modules/p/e.yml': '',
      '.git/f.yml': '',
      'gen/g.yml': '',
    });
    const outside = tree({ 'h.yml': '' });
    try {
      symlinkSync(outside, join(root, 'link'));
      const files = await findYamlFiles(root, { exclude: ['gen/**'], cancelled: () => false });
      assert.deepEqual(files.sort(), ['a.yml', 'b.yaml', 'x/.github/workflows/d.yml']);
      assert.deepEqual(await findYamlFiles(root, { exclude: [], cancelled: () => true }), []);
      assert.equal((await findYamlFiles(root, { exclude: [], cancelled: () => false, maxFiles: 2 })).length, 2);
    } finally {
      rmSync(root, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
