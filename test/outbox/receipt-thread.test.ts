/**
 * The receipt thread writes an item's acceptance the moment Telegram answers, whatever the main thread is
 * doing: here the main thread of a child process is stuck in a loop (as when the embedded database is busy)
 * and is then killed with SIGKILL; the receipt is in the file all the same.
 */

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiptThread } from '../../src/outbox/receipt-thread.js';
import { FAKE_TOKEN, type FakeTelegram, startFakeTelegram } from '../fakes/fake-telegram.js';

describe('the receipt thread', () => {
  let tg: FakeTelegram;
  beforeAll(async () => {
    tg = await startFakeTelegram();
  });
  afterAll(async () => {
    await tg.close();
  });

  it('writes the acceptance while the main thread is blocked, so a kill -9 then does not lose it', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'nj-receipt-')), 'outbox-receipts.log');
    const script = `import('./src/outbox/receipt-thread.ts').then(({ startReceiptThread }) => {
      const receipts = startReceiptThread(${JSON.stringify(path)});
      void receipts.acceptance(7, () => receipts.fetch(${JSON.stringify(`${tg.apiRoot}/bot${FAKE_TOKEN}/sendMessage`)}, {
        method: 'POST', headers: { 'content-type': 'application/json', connection: 'keep-alive' }, body: JSON.stringify({ chat_id: 42, text: 'x' }),
      }));
      setTimeout(() => { for (;;) {} }, 0); // from now on the main thread never gets to read the answer
    });`;
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: process.cwd(), stdio: 'ignore' });
    try {
      await tg.waitFor((c) => c.method === 'sendMessage' && c.payload['chat_id'] === 42, 15_000);
      await expect
        .poll(
          () => {
            try {
              return readFileSync(path, 'utf8');
            } catch {
              return '';
            }
          },
          { timeout: 5_000 },
        )
        .toContain('{"id":7}');
    } finally {
      child.kill('SIGKILL');
    }
    // The next process finds it.
    const next = startReceiptThread(path);
    expect(next.unrecorded()).toEqual([7]);
    await next.close();
  }, 30_000);

  it('carries an ordinary request and its error back to the client', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'nj-receipt-')), 'outbox-receipts.log');
    const receipts = startReceiptThread(path);
    try {
      const ok = await receipts.fetch(`${tg.apiRoot}/bot${FAKE_TOKEN}/getMe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(((await ok.json()) as { result: { username: string } }).result.username).toBe('niangjia_bot');
      const refused = await receipts.fetch(`${tg.apiRoot}/botwrong/getMe`, { method: 'POST', body: '{}' });
      expect(refused.status).toBe(401);
      await expect(receipts.fetch('http://127.0.0.1:1/nothing', { method: 'POST', body: '{}' })).rejects.toThrow(/fetch failed/);
      expect(readFileSync(path, 'utf8')).toBe(''); // untagged requests accept nothing
    } finally {
      await receipts.close();
    }
  });
});
