import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeTelegram, startFakeTelegram } from '../../fakes/fake-telegram.js';
import { storeKinds, useStore } from '../../support/stores.js';
import { callbackUpdate, fakeWorkers, fileUpdate, startHarness, textUpdate } from './support.js';

describe.each(storeKinds)('Telegram long polling on %s', (kind) => {
  const store = useStore(kind);
  let tg: FakeTelegram;
  beforeAll(async () => {
    tg = await startFakeTelegram();
  });
  afterAll(async () => {
    await tg.close();
  });

  it('sets the command menu, drops any webhook, then answers chats concurrently and each chat in order', async () => {
    const h = await startHarness(store.db, { mode: 'polling', tg });
    try {
      expect(
        tg
          .sent('setMyCommands')
          .map((c) => c.payload['language_code'] ?? 'default')
          .sort(),
      ).toEqual(['default', 'en', 'zh']);
      expect(tg.sent('deleteWebhook')).toHaveLength(1);
      const a = 2001;
      const b = 2002;
      tg.pushUpdates(
        textUpdate('第一个问题', { chatId: a }),
        textUpdate('first question', { chatId: b, lang: 'en' }),
        textUpdate('第二个问题', { chatId: a }),
        fileUpdate('photo', { chatId: b }),
        textUpdate('第三个问题', { chatId: a }),
      );
      await tg.waitFor((c) => c.method === 'sendMessage' && c.payload['text'] === '答复：第三个问题');
      await tg.waitFor((c) => c.method === 'sendMessage' && c.payload['text'] === '收到材料 photo');
      await h.settle();
      expect(h.texts(a)).toEqual(['答复：第一个问题', '答复：第二个问题', '答复：第三个问题']);
      expect(h.texts(b)).toEqual(['Answer: first question', '收到材料 photo']);

      tg.pushUpdates(callbackUpdate('human', { chatId: b, lang: 'en' }));
      await tg.waitFor(
        (c) => c.method === 'sendMessage' && String(c.payload['chat_id']) === String(b) && String(c.payload['text']).startsWith('A person'),
      );
    } finally {
      await h.stop();
    }
  });

  it('answers a duplicated update once and delivers after a 429', async () => {
    const h = await startHarness(store.db, { mode: 'polling', tg });
    try {
      const chat = 2003;
      const update = textUpdate('经济补偿怎么算', { chatId: chat });
      tg.failNext('sendMessage', 1, { status: 429, retryAfter: 0 });
      tg.pushUpdates(update, update);
      await tg.waitFor((c) => c.method === 'sendMessage' && String(c.payload['chat_id']) === String(chat));
      tg.pushUpdates(update); // delivered again in a later batch
      tg.pushUpdates(textUpdate('谢谢', { chatId: chat }));
      await tg.waitFor((c) => c.method === 'sendMessage' && c.payload['text'] === '答复：谢谢');
      await h.settle();
      expect(h.texts(chat)).toEqual(['答复：经济补偿怎么算', '答复：谢谢']);
    } finally {
      await h.stop();
    }
  });

  it('survives a restart mid-conversation: waits for in-flight work, then continues where it stopped', async () => {
    const chat = 2004;
    const first = await startHarness(store.db, { mode: 'polling', tg });
    tg.pushUpdates(textUpdate('工伤怎么认定', { chatId: chat }));
    await tg.waitFor((c) => c.method === 'sendMessage' && c.payload['text'] === '答复：工伤怎么认定');
    await first.stop();
    // While nobody polls, the worker goes on writing.
    tg.pushUpdates(textUpdate('需要什么材料', { chatId: chat }));
    const second = await startHarness(store.db, { mode: 'polling', tg });
    try {
      await tg.waitFor((c) => c.method === 'sendMessage' && c.payload['text'] === '答复：需要什么材料');
      await second.settle();
      expect(second.texts(chat)).toEqual(['答复：工伤怎么认定', '答复：需要什么材料']);
    } finally {
      await second.stop();
    }
  });

  it('stop() waits for the update in hand to finish and be marked handled', async () => {
    const chat = 2005;
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let started!: () => void;
    const inHandler = new Promise<void>((r) => {
      started = r;
    });
    const h = await startHarness(store.db, {
      mode: 'polling',
      tg,
      workerService: (outbox) => {
        const inner = fakeWorkers(store.db, outbox).service;
        return {
          ...inner,
          receive: async (m, id) => {
            started();
            await gate;
            return inner.receive(m, id);
          },
        };
      },
    });
    const update = textUpdate('慢慢回答', { chatId: chat });
    tg.pushUpdates(update);
    await inHandler;
    let stopped = false;
    const stopping = h.channel.stop().then(() => {
      stopped = true;
    });
    await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false);
    release();
    await stopping;
    const [row] = await store.db.query<{ status: string }>('select status from inbound_messages where external_id = $1', [
      String(update.update_id),
    ]);
    expect(row!.status).toBe('handled');
    await h.stop();
  });
});
