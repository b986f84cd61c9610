// The server's idle compaction (lsp/memory.ts): one full GC after a burst of linting, once idle; never for
// a little linting; gc() is available although the server is started without --expose-gc.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exposedGc, IdleCompactor } from '../../server/src/lsp/memory.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(test: () => boolean, ms = 10_000) {
  for (const end = Date.now() + ms; !test(); await sleep(10)) if (Date.now() > end) throw new Error('timed out');
}

describe('IdleCompactor', () => {
  it('compacts once after a burst, when linting has stopped for idleMs', async () => {
    let runs = 0;
    const logs: string[] = [];
    const c = new IdleCompactor({ idleMs: 500, afterChars: 1000, gc: () => void runs++, log: (m) => logs.push(m) });
    c.linted(600);
    await sleep(700);
    assert.equal(runs, 0, 'below the threshold: no compaction');
    // A burst: every lint restarts the idle wait, so the compaction comes once, after the last one.
    for (let i = 0; i < 5; i++) {
      c.linted(600);
      await sleep(20);
    }
    assert.equal(runs, 0, 'not while linting goes on');
    await until(() => runs > 0);
    await sleep(600);
    assert.equal(runs, 1);
    assert.match(logs[0], /^idle compaction in \d+ ms: heap [\d.]+ -> [\d.]+ MB, RSS [\d.]+ -> [\d.]+ MB$/);
    // The count starts again from zero.
    c.linted(600);
    await sleep(700);
    assert.equal(runs, 1);
    c.dispose();
  });

  it('dispose cancels a pending compaction', async () => {
    let runs = 0;
    const c = new IdleCompactor({ idleMs: 20, afterChars: 1, gc: () => void runs++ });
    c.linted(10);
    c.dispose();
    await sleep(60);
    assert.equal(runs, 0);
  });

  it('gets V8 gc() at run time', () => {
    const gc = exposedGc();
    assert.equal(typeof gc, 'function');
    gc!();
  });
});
