/**
 * Updates that cannot be stored or handled: the bot passes over them (recorded as failed, with the reason and
 * without the worker's words), tells the worker, and goes on answering everyone else. Temporary failures are
 * tried again in the running process; an update that fails every time is given up on, not replayed for ever.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTranslator } from '../../../src/i18n/translator.js';
import { type Db, StoreError } from '../../../src/store/db.js';
import { type FakeTelegram, startFakeTelegram } from '../../fakes/fake-telegram.js';
import { useDroppablePostgres } from '../../support/faulty-db.js';
import { storeKinds, testDatabaseUrl, useStore } from '../../support/stores.js';
import { callbackUpdate, fakeWorkers, type Harness, startHarness, textUpdate } from './support.js';

const t = loadTranslator();
const failedText = t('zh', 'tg-update-failed');
const keptText = t('zh', 'tg-update-kept');
const fast = { failures: { max: 3, retryMs: 10, maxRetryMs: 40 } };

interface Row {
  status: string;
  error: string | null;
  failures: number;
  payload: unknown;
}
const rowOf = (db: Db, updateId: number) =>
  db.query<Row>('select status, error, failures, payload from inbound_messages where external_id = $1 order by id', [String(updateId)]);

describe.each(storeKinds)('Telegram updates that fail, on %s', (kind) => {
  const store = useStore(kind);
  let h: Harness;
  /** Makes the next `n` receive() calls fail with `error` (then the fake answers as usual). */
  let failNext: { n: number; error: () => Error } = { n: 0, error: () => new Error('x') };
  beforeAll(async () => {
    h = await startHarness(store.db, {
      ...fast,
      workerService: (outbox) => {
        const inner = fakeWorkers(store.db, outbox).service;
        return {
          ...inner,
          async receive(m, id) {
            if (failNext.n > 0) {
              failNext.n -= 1;
              throw failNext.error();
            }
            return inner.receive(m, id);
          },
          async feedback() {
            throw new Error('answer not found');
          },
        };
      },
    });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('passes over an update the database refuses (a NUL character): recorded failed without its words, the worker told, the next one answered', async () => {
    const chat = 7001;
    const poisoned = textUpdate('我的工资\u0000被扣了，电话13812345678', { chatId: chat });
    expect((await h.post(poisoned)).status).toBe(200);
    expect((await h.post(poisoned)).status).toBe(200); // Telegram's retry: acknowledged, nothing new
    await h.post(textUpdate('加班费怎么算', { chatId: 7002 }));
    await h.settle();
    expect(h.texts(chat)).toEqual([failedText]);
    expect(h.texts(7002)).toEqual(['答复：加班费怎么算']);
    const [row, ...more] = await rowOf(store.db, poisoned.update_id);
    expect(more).toEqual([]);
    expect(row).toMatchObject({ status: 'failed' });
    expect(row!.error).toMatch(/22P05/);
    expect(JSON.stringify(row!.payload)).not.toMatch(/工资|13812345678/);
  });

  it('refuses an update_id that is not a safe integer with 400, storing nothing', async () => {
    const body = JSON.stringify(textUpdate('hello', { chatId: 7003, updateId: 1 })).replace(
      '"update_id":1',
      '"update_id":123456789012345678901',
    );
    expect((await h.post(body)).status).toBe(400);
    expect((await h.post({ ...textUpdate('hi', { chatId: 7003 }), update_id: -5 })).status).toBe(400);
    expect((await h.post({ ...textUpdate('hi', { chatId: 7003 }), update_id: 1.5 })).status).toBe(400);
    await h.settle();
    expect(h.texts(7003)).toEqual([]);
  });

  it('answers a new message that reuses the update_id of a stored one, and still drops a true redelivery', async () => {
    const chat = 7004;
    const first = textUpdate('第一周的问题', { chatId: chat });
    await h.post(first);
    await h.settle();
    // A week later Telegram starts again from a random update_id, which happens to be the same.
    const reused = textUpdate('一周后的新问题', { chatId: chat, updateId: first.update_id });
    await h.post(reused);
    await h.post(first);
    await h.post(reused);
    await h.settle();
    expect(h.texts(chat)).toEqual(['答复：第一周的问题', '答复：一周后的新问题']);
  });

  it('tries a temporary failure again at once, in this process: answered once, no notice', async () => {
    const chat = 7005;
    failNext = { n: 1, error: () => new StoreError('connection lost', 'unavailable') };
    const update = textUpdate('数据库闪断时的问题', { chatId: chat });
    await h.post(update);
    await h.settle();
    expect(h.texts(chat)).toEqual(['答复：数据库闪断时的问题']);
    expect((await rowOf(store.db, update.update_id))[0]).toMatchObject({ status: 'handled', failures: 0 });
  });

  it('tells the worker their message is kept when the database stays away, then answers it', async () => {
    const chat = 7006;
    failNext = { n: 3, error: () => new StoreError('connection lost', 'unavailable') };
    await h.post(textUpdate('数据库停了一会儿', { chatId: chat }));
    await h.settle();
    expect(h.texts(chat)).toEqual([keptText, '答复：数据库停了一会儿']);
  });

  it('answers a message tried 25 times while the database was away: its retries do not count against the flood limit', async () => {
    const chat = 7009;
    failNext = { n: 25, error: () => new StoreError('connection lost', 'unavailable') };
    await h.post(textUpdate('数据库断了很久', { chatId: chat }));
    await h.settle();
    expect(h.texts(chat)).toEqual([keptText, '答复：数据库断了很久']);
  });

  it('gives up on an update that fails every time: failed with the reason, the worker told once, not replayed at the next start', async () => {
    const chat = 7007;
    failNext = { n: 1000, error: () => new Error('assistant down') };
    const update = textUpdate('每次都出错的问题', { chatId: chat });
    await h.post(update);
    await h.settle();
    failNext = { n: 0, error: () => new Error('x') };
    expect(h.texts(chat)).toEqual([failedText]);
    expect((await rowOf(store.db, update.update_id))[0]).toMatchObject({ status: 'failed', failures: 3, error: 'Error: assistant down' });

    const before = h;
    await before.channel.stop();
    await before.outbox.stop();
    await before.http?.close();
    h = await startHarness(store.db, { ...fast, tg: before.tg });
    await h.settle();
    expect(h.workers.of('receive')).toHaveLength(0);
    expect(h.texts(chat)).toEqual([failedText]);
  });

  it('does not tell a worker whose button press failed that it was saved for staff', async () => {
    const chat = 7008;
    h = await restartWith(h, store.db);
    await h.post(callbackUpdate('fb:12:y', { chatId: chat }));
    await h.settle();
    expect(h.texts(chat)).toEqual([failedText]);
    expect(h.texts(chat).join()).not.toContain(t('zh', 'worker-saved-follow-up'));
  });
});

/** The same fake worker side, except that every feedback (button press) fails. */
async function restartWith(old: Harness, db: Db): Promise<Harness> {
  await old.channel.stop();
  await old.outbox.stop();
  await old.http?.close();
  return startHarness(db, {
    ...fast,
    tg: old.tg,
    workerService: (outbox) => ({
      ...fakeWorkers(db, outbox).service,
      async feedback() {
        throw new Error('answer not found');
      },
    }),
  });
}

describe.each(storeKinds)('Telegram long polling past an update the database refuses, on %s', (kind) => {
  const store = useStore(kind);
  let tg: FakeTelegram;
  beforeAll(async () => {
    tg = await startFakeTelegram();
  });
  afterAll(async () => {
    await tg.close();
  });

  it('goes on fetching: the worker after it is answered, and the poisoned one told', async () => {
    const h = await startHarness(store.db, { mode: 'polling', tg, ...fast });
    try {
      tg.pushUpdates(textUpdate('坏\u0000消息', { chatId: 7101 }), textUpdate('下一个职工的问题', { chatId: 7102 }));
      await tg.waitFor((c) => c.method === 'sendMessage' && c.payload['text'] === '答复：下一个职工的问题');
      await h.settle();
      expect(h.texts(7101)).toEqual([failedText]);
    } finally {
      await h.stop();
    }
  });
});

describe.runIf(testDatabaseUrl)('Telegram while PostgreSQL drops its connections under load', () => {
  const postgres = useDroppablePostgres(6);

  it('lives on; the messages in flight are handled again from the journal: every one answered, none twice', async () => {
    const h = await startHarness(postgres.db, fast);
    try {
      const chats = Array.from({ length: 30 }, (_, i) => 7200 + i);
      const updates = chats.flatMap((chat) => [
        textUpdate(`问题一 ${chat}`, { chatId: chat }),
        textUpdate(`问题二 ${chat}`, { chatId: chat }),
      ]);
      // Telegram delivers until it gets a 200.
      const deliver = async (update: object) => {
        for (let i = 0; i < 200; i++) {
          if ((await h.post(update).catch(() => undefined))?.status === 200) return;
          await new Promise((r) => setTimeout(r, 20));
        }
        throw new Error('never accepted');
      };
      let dropping = true;
      let dropped = 0;
      const drops = (async () => {
        while (dropping) {
          await new Promise((r) => setTimeout(r, 25));
          dropped += await postgres.dropConnections();
        }
      })();
      // Five messages at a time, as workers write: the burst lasts long enough for several drops.
      for (let i = 0; i < updates.length; i += 5) await Promise.all(updates.slice(i, i + 5).map(deliver));
      dropping = false;
      await drops;
      expect(dropped).toBeGreaterThan(5);
      await h.settle();
      // A worker whose message waited for two retries also heard it is kept; the answers come once each.
      for (const chat of chats) {
        expect(
          h
            .texts(chat)
            .filter((text) => text !== keptText)
            .sort(),
        ).toEqual([`答复：问题一 ${chat}`, `答复：问题二 ${chat}`].sort());
      }
    } finally {
      await h.stop();
    }
  }, 60_000);
});
