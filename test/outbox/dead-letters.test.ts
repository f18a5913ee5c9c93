/**
 * Dead letters, visible and retryable through the admin port: directly, through the /admin endpoint, and with
 * `npm run outbox` (in-process, or forwarded to the service that owns the embedded data directory).
 */

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin } from '../../src/admin/admin.js';
import { createAdminClient } from '../../src/admin/admin-client.js';
import { adminListener } from '../../src/admin/admin-listener.js';
import { ensureAdminToken } from '../../src/admin/admin-token.js';
import { deadLetterAdmin } from '../../src/admin/dead-letters.js';
import { runOutboxCommand } from '../../src/admin/outbox-command.js';
import { loadConfig } from '../../src/config.js';
import { createHttpServer } from '../../src/http/http-server.js';
import { createLocalEmbedder } from '../../src/llm/local-embedder.js';
import { silentLogger } from '../../src/log.js';
import { DeliveryError } from '../../src/outbox/delivery-error.js';
import { createOutbox, type Outbox } from '../../src/outbox/outbox.js';
import { lockDataDir } from '../../src/store/data-dir-lock.js';
import type { Db } from '../../src/store/db.js';
import { openStore } from '../../src/store/open-store.js';
import { getOutboxItem } from '../../src/store/outbox-store.js';
import { storeKinds, useStore } from '../support/stores.js';

const PHONE = '13812345678';
const CHAT = '987654321';

/** An outbox whose `telegram` and `staffdesk` deliverers refuse for good until `heal()`. */
function refusingOutbox(db: Db) {
  let refuse = true;
  const outbox = createOutbox({ db });
  const deliver = async () => {
    if (refuse) throw new DeliveryError('Telegram refused sendMessage (403)', { retryable: false });
    return { ok: true };
  };
  outbox.register('telegram', deliver);
  outbox.register('staffdesk', deliver);
  return {
    outbox,
    heal: () => {
      refuse = false;
    },
  };
}

async function twoDeadLetters(_db: Db, outbox: Outbox): Promise<{ message: number; card: number }> {
  const message = await outbox.enqueue({
    channel: 'telegram',
    stream: `telegram:${CHAT}`,
    kind: 'message',
    payload: { chatId: CHAT, lang: 'zh', text: `我的电话${PHONE}，公司欠薪` },
  });
  const card = await outbox.enqueue({
    channel: 'staffdesk',
    stream: 'case:42',
    kind: 'case_card',
    payload: { kind: 'case_card', caseId: 42 },
  });
  await outbox.drain();
  return { message, card };
}

describe.each(storeKinds)('dead letters on %s', (kind) => {
  const store = useStore(kind);

  it("lists them without workers' personal data, retries one, then all", async () => {
    const { outbox, heal } = refusingOutbox(store.db);
    const kicked: number[] = [];
    const letters = deadLetterAdmin({
      db: store.db,
      outbox: {
        kick: () => {
          kicked.push(1);
          outbox.kick();
        },
      },
    });
    expect(await letters.deadLetters()).toMatch(/^No dead letters/);
    const { message, card } = await twoDeadLetters(store.db, outbox);

    const listed = await letters.deadLetters();
    expect(listed).toMatch(/^2 dead letters, newest first:/);
    expect(listed).toContain(`#${message} telegram message · 1 attempt · dead since `);
    expect(listed).toContain(`#${card} staffdesk case_card (case #42) · 1 attempt`);
    expect(listed).toContain('Telegram refused sendMessage (403)');
    expect(listed).toMatch(/npm run outbox -- --retry ID/);
    for (const secret of [PHONE, CHAT, '欠薪']) expect(listed).not.toContain(secret);

    heal();
    expect(await letters.retryDeadLetters(message)).toMatch(new RegExp(`^Put 1 dead letter back in the outbox \\(#${message}\\)`));
    expect(kicked).toHaveLength(1);
    await outbox.drain();
    expect(await getOutboxItem(store.db, message)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await letters.retryDeadLetters(message)).toMatch(/is not a dead letter/);
    expect(await letters.retryDeadLetters('all')).toMatch(new RegExp(`^Put 1 dead letter back in the outbox \\(#${card}\\)`));
    await outbox.drain();
    expect((await getOutboxItem(store.db, card))!.status).toBe('sent');
    expect(await letters.retryDeadLetters('all')).toBe('No dead letters to retry.');
  });

  it('through the /admin endpoint', async () => {
    const { outbox, heal } = refusingOutbox(store.db);
    const { message } = await twoDeadLetters(store.db, outbox);
    const admin = createAdmin({ db: store.db, embedder: createLocalEmbedder({ dimensions: 64 }), knowledgeDir: '/nonexistent', outbox });
    const http = createHttpServer();
    http.mount('/admin', adminListener({ admin, token: 'admin-token-for-tests' }));
    const baseUrl = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}/admin`;
    try {
      const client = createAdminClient({ baseUrl, token: 'admin-token-for-tests' });
      expect(await client.deadLetters()).toContain(`#${message} telegram message`);
      const bad = await fetch(`${baseUrl}/outbox/retry?id=abc`, {
        method: 'POST',
        headers: { authorization: 'Bearer admin-token-for-tests' },
      });
      expect(bad.status).toBe(400);
      heal();
      expect(await client.retryDeadLetters('all')).toMatch(/^Put 2 dead letters back/);
      await outbox.drain();
      expect((await getOutboxItem(store.db, message))!.status).toBe('sent');
    } finally {
      await http.close();
    }
  });
});

describe('npm run outbox with the embedded store', () => {
  let dataDir: string;
  const capture = () => {
    let text = '';
    return {
      stream: { write: (chunk: string) => ((text += chunk), true) } as unknown as NodeJS.WritableStream,
      get text() {
        return text;
      },
    };
  };
  const command = async (argv: string[], env: Record<string, string> = {}) => {
    const stdout = capture();
    const stderr = capture();
    const code = await runOutboxCommand({
      argv,
      config: loadConfig({ DATA_DIR: dataDir, ...env }),
      stdout: stdout.stream,
      stderr: stderr.stream,
      log: silentLogger,
    });
    return { code, stdout: stdout.text, stderr: stderr.text };
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'niangjia-outbox-'));
    const db = await openStore({ dataDir });
    await twoDeadLetters(db, refusingOutbox(db).outbox);
    await db.close();
  });

  it('refuses unclear arguments with the usage', async () => {
    for (const argv of [[], ['--list', '--retry-all'], ['--retry', 'abc'], ['--bogus']]) {
      const run = await command(argv);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('usage: npm run outbox -- --list | --retry ID | --retry-all');
    }
  });

  it('lists and retries in-process when no service owns the directory', async () => {
    const list = await command(['--list']);
    expect(list).toMatchObject({ code: 0, stderr: '' });
    expect(list.stdout).toMatch(/^2 dead letters/);
    expect(list.stdout).not.toContain(PHONE);
    expect((await command(['--retry', '1'])).stdout).toMatch(/^Put 1 dead letter back in the outbox \(#1\)/);
  });

  describe('while a service owns the data directory', () => {
    let close: () => Promise<void>;
    let port: number;

    beforeAll(async () => {
      // The "service": it holds the data-dir lock (this process) and serves /admin over its own store.
      const lock = lockDataDir(dataDir);
      const service = await openStore({ dataDir: 'memory://' });
      await twoDeadLetters(service, refusingOutbox(service).outbox);
      const http = createHttpServer();
      const admin = createAdmin({ db: service, embedder: createLocalEmbedder({ dimensions: 64 }), knowledgeDir: '/nonexistent' });
      http.mount('/admin', adminListener({ admin, token: await ensureAdminToken({ dataDir }) }));
      port = await http.listen(0, '127.0.0.1');
      close = async () => {
        await http.close();
        await service.close();
        lock.release();
      };
    });
    afterAll(() => close?.());

    it('asks the service, never opening the directory', async () => {
      const list = await command(['--list'], { PORT: '0', ADMIN_PORT: String(port) });
      expect(list.code).toBe(0);
      expect(list.stderr).toMatch(/owns .*: asking it to do this/);
      expect(list.stdout).toMatch(/^2 dead letters/);
      expect((await command(['--retry-all'], { PORT: '0', ADMIN_PORT: String(port) })).stdout).toMatch(/^Put 2 dead letters back/);
      const down = await command(['--list'], { PORT: '0', ADMIN_PORT: '1' });
      expect(down.code).toBe(1);
      expect(down.stderr).toMatch(/Either stop the service and run npm run outbox again/);
    });
  });
});
