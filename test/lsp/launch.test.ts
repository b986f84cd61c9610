// How the server is started (server/src/lsp/launch.ts): VS Code's client and docs/editors.md say the same,
// and with those options a document at the engine's size limit (10 MB, DEFAULT_MAX_FILE_SIZE) is linted
// without the server running out of memory; once idle, the server compacts its heap again.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MAX_FILE_SIZE } from '../../server/src/engine/index.js';
import { RUNTIME_V8_FLAGS, SERVER_ENV, SERVER_EXEC_ARGV } from '../../server/src/lsp/launch.js';
import { serverMissing, TestClient, uriOf } from './client.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));

describe('launch options', () => {
  it('VS Code and docs/editors.md start the server with the options of launch.ts, none capping the old generation', () => {
    const client = readFileSync(join(repo, 'client', 'src', 'languageClient.ts'), 'utf8');
    const editors = readFileSync(join(repo, 'docs', 'editors.md'), 'utf8');
    // The client starts the server with launch.ts's own constants (imported, not copied).
    assert.match(client, /^import \{ SERVER_ENV, SERVER_EXEC_ARGV \} from '\.\.\/\.\.\/server\/src\/lsp\/launch\.js';$/m);
    assert.match(client, /const launch = \{ execArgv: \[\.\.\.SERVER_EXEC_ARGV\], env: \{ \.\.\.SERVER_ENV \} \};/);
    assert.match(client, /run: \{ module: serverModule, transport: TransportKind\.ipc, options: launch \}/);
    const command = `${Object.entries(SERVER_ENV).map(([k, v]) => `${k}=${v} `).join('')}node ${SERVER_EXEC_ARGV.join(' ')} /path/to/flowguard/dist/server.js --stdio`;
    assert.ok(editors.includes(command), `docs/editors.md shows: ${command}`);
    for (const flag of [...SERVER_EXEC_ARGV, ...RUNTIME_V8_FLAGS]) assert.doesNotMatch(flag, /old-space|max-heap/);
  });
});

// The engine's limit is in characters; this document stays just under it.
const job = (i: number) => `  job${i}:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: echo "\${{ github.event.issue.title }}"\n`;
function nearLimit(): string {
  const parts = ['on: issues\njobs:\n'];
  let size = parts[0].length;
  for (let i = 0; ; i++) {
    const j = job(i);
    if (size + j.length > DEFAULT_MAX_FILE_SIZE - 1024) break;
    parts.push(j);
    size += j.length;
  }
  return parts.join('');
}

describe('a document at the size limit', { skip: serverMissing() }, () => {
  it('is linted with the launch options (no out-of-memory), and the idle heap is compacted afterwards', { timeout: 900_000 }, async () => {
    const client = await TestClient.start({ root: '/flowguard-launch-test', settings: { debounceMs: 0 } });
    try {
      const text = nearLimit();
      assert.ok(text.length > DEFAULT_MAX_FILE_SIZE * 0.99 && text.length <= DEFAULT_MAX_FILE_SIZE);
      const uri = uriOf('/flowguard-launch-test/.github/workflows/huge.yml');
      client.open(uri, text);
      const { diagnostics } = await client.diagnosticsFor(uri, 1, 850_000);
      assert.ok(diagnostics.some((d) => d.code === 'template-injection'), 'the rules ran on it');
      assert.ok(!diagnostics.some((d) => d.code === 'file-too-large' || d.code === 'internal-error'));
      client.close(uri);
      // Still serving, and the burst is followed by one compaction once the server is idle (memory.ts).
      const small = uriOf('/flowguard-launch-test/.github/workflows/small.yml');
      client.open(small, job(0).replace(/^/, 'on: issues\njobs:\n'));
      await client.diagnosticsFor(small, 1);
      await client.waitFor(() => client.logs.some((l) => /^idle compaction in \d+ ms/.test(l.message)), 'an idle compaction', 30_000);
      assert.equal(client.child.exitCode, null);
    } finally {
      await client.shutdown();
    }
  });
});
