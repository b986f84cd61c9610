// The extension manifest (package.json `contributes`) agrees with the code: every server setting is declared with
// its default, every command the client registers is contributed (and back), menus and walkthroughs point at real
// commands and files, and the VSIX re-includes what the manifest references.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings.js';

const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const contributes = pkg.contributes;

/** Flattens { a: { b: 1 } } to { 'a.b': 1 }; arrays and empty objects are leaves. */
function flatten(value: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length) Object.assign(out, flatten(v as Record<string, unknown>, `${prefix}${k}.`));
    else out[`${prefix}${k}`] = v;
  }
  return out;
}

test('every setting the server reads is declared with the same default and a description', () => {
  const declared = contributes.configuration.properties as Record<string, { default: unknown; description?: string; markdownDescription?: string }>;
  for (const [key, value] of Object.entries(flatten(DEFAULT_SETTINGS as unknown as Record<string, unknown>))) {
    const setting = declared[`flowguard.${key}`];
    assert.ok(setting, `flowguard.${key} is declared in contributes.configuration`);
    assert.deepEqual(setting.default, value, `default of flowguard.${key}`);
    assert.ok((setting.description ?? setting.markdownDescription ?? '').length > 20, `flowguard.${key} has a description`);
  }
  for (const key of Object.keys(declared)) assert.match(key, /^flowguard\./);
});

test('contributed commands and registered commands are the same set', () => {
  const contributed = new Set<string>(contributes.commands.map((c: { command: string }) => c.command));
  // The COMMANDS table of commands.ts, and a register(COMMANDS.<key>, ...) call for each entry.
  const source = readFileSync(join(root, 'client', 'src', 'commands.ts'), 'utf8');
  const table = source.match(/export const COMMANDS = \{([\s\S]*?)\} as const/)![1];
  const entries = [...table.matchAll(/(\w+): '(flowguard\.[A-Za-z]+)'/g)].map((m) => ({ key: m[1], id: m[2] }));
  assert.deepEqual(entries.map((e) => e.id).sort(), [...contributed].sort());
  for (const { key, id } of entries) assert.ok(source.includes(`register(COMMANDS.${key},`), `${id} is registered`);
  for (const c of contributes.commands) assert.equal(c.category, 'FlowGuard', `${c.command} is in the FlowGuard category`);
});

test('menus, views and walkthroughs reference existing commands and files', () => {
  const commands = new Set<string>(contributes.commands.map((c: { command: string }) => c.command));
  for (const [menu, entries] of Object.entries(contributes.menus as Record<string, { command: string }[]>)) {
    for (const e of entries) assert.ok(commands.has(e.command), `${menu}: ${e.command}`);
  }
  const views = contributes.views.flowguard.map((v: { id: string }) => v.id);
  assert.deepEqual(views, ['flowguard.findings']);
  assert.ok(existsSync(join(root, contributes.viewsContainers.activitybar[0].icon)));
  for (const step of contributes.walkthroughs[0].steps) {
    assert.ok(existsSync(join(root, step.media.markdown)), step.media.markdown);
    for (const m of step.description.matchAll(/\(command:([^)]+)\)/g)) assert.ok(commands.has(m[1]), `walkthrough links ${m[1]}`);
  }
  for (const v of contributes.yamlValidation) assert.ok(existsSync(join(root, v.url)), v.url);
});

test('.vscodeignore ships the bundles, schemas, docs and media, and nothing else', () => {
  const lines = readFileSync(join(root, '.vscodeignore'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  assert.equal(lines[0], '**');
  const included = lines.slice(1).map((l) => l.replace(/^!/, ''));
  for (const file of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist/client.js', 'dist/server.js', 'dist/cli.js', 'dist/package.json']) assert.ok(included.includes(file), file);
  for (const dir of ['dist/docs/**', 'schemas/**', 'media/**']) assert.ok(included.includes(dir), dir);
  assert.equal(pkg.main, './dist/client.js');
  assert.deepEqual(pkg.activationEvents, ['onLanguage:yaml', 'onLanguage:github-actions-workflow']);
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
});
