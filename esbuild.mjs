// Three bundles: the VS Code client (vscode external), the language server, the CLI (also its audit worker thread).
// tsc only type-checks; esbuild emits what ships. Output is CommonJS (VS Code loads extensions with require).
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { inputs as schemaInputs, schemaValidatorsSource } from './scripts/gen-schema-validators.mjs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'linked',
};
// The server and the CLI ship the GitHub schema validators precompiled (ajv standalone code, generated
// once per build) instead of compiling them at start-up: schema/precompiled.ts is replaced by that code.
let validators;
const precompiledSchemas = {
  name: 'precompiled-schemas',
  setup(build) {
    if (watch) build.onStart(() => void (validators = undefined));
    build.onLoad({ filter: /[\\/]engine[\\/]schema[\\/]precompiled\.ts$/ }, () => ({ contents: (validators ??= schemaValidatorsSource()), loader: 'js', resolveDir: process.cwd(), watchFiles: schemaInputs() }));
  },
};
// yaml's CommonJS build reads two debugging variables from the environment for every token it parses and
// composes: `LOG_TOKENS` / `LOG_STREAM` set in a user's shell would print yaml's tokens to standard output
// (corrupting `flowguard audit --format json`, or the language server's stdio stream), and the reads cost time
// on every keystroke. The bundles ship without those two hooks; a yaml upgrade that moves them fails the build.
const YAML_DEBUG_HOOKS = [
  { file: /[\\/]node_modules[\\/]yaml[\\/]dist[\\/]parse[\\/]parser\.js$/, read: 'node_process.env.LOG_TOKENS' },
  { file: /[\\/]node_modules[\\/]yaml[\\/]dist[\\/]compose[\\/]composer\.js$/, read: 'node_process.env.LOG_STREAM' },
];
const withoutYamlDebugHooks = {
  name: 'without-yaml-debug-hooks',
  setup(build) {
    for (const hook of YAML_DEBUG_HOOKS) {
      build.onLoad({ filter: hook.file }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        const uses = source.split(hook.read).length - 1;
        if (uses !== 1) return { errors: [{ text: `${args.path}: expected one '${hook.read}', found ${uses} (yaml changed: review esbuild.mjs)` }] };
        return { contents: source.replace(hook.read, 'false'), loader: 'js' };
      });
    }
  },
};
const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'], plugins: [withoutYamlDebugHooks] },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', plugins: [precompiledSchemas, withoutYamlDebugHooks] },
  // Also the worker thread of `flowguard audit --jobs N` (server/src/cli/main.ts starts itself).
  { ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [precompiledSchemas, withoutYamlDebugHooks] },
];

mkdirSync('dist', { recursive: true });
// package.json says "type": "module" (sources and tests are ESM); the bundles are CommonJS.
writeFileSync('dist/package.json', '{ "type": "commonjs" }\n');
// Rule docs ship as dist/docs/rules/<id>.md (engine ruleBundledDocPath); the server links to them offline.
mkdirSync('dist/docs/rules', { recursive: true });
for (const e of readdirSync('server/src/engine/rules', { recursive: true, withFileTypes: true })) {
  if (e.isFile() && e.name.endsWith('.md')) copyFileSync(`${e.parentPath}/${e.name}`, `dist/docs/rules/${e.name}`);
}
if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
