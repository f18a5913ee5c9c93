/**
 * Starting while Telegram cannot be reached: the service must not hang silently. The first attempt is
 * bounded, the log says what the channel waits for, the rest of the service runs, and the channel keeps
 * trying until Telegram answers. A token Telegram refuses stops the start with a message that says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelegramSetupError } from '../../../src/channels/telegram/telegram-channel.js';
import { createLogger } from '../../../src/log.js';
import { type FakeTelegram, startFakeTelegram } from '../../fakes/fake-telegram.js';
import { storeKinds, useStore } from '../../support/stores.js';
import { startHarness, textUpdate } from './support.js';

describe.each(storeKinds)('Telegram unreachable at start, on %s', (kind) => {
  const store = useStore(kind);
  let tg: FakeTelegram;
  beforeAll(async () => {
    tg = await startFakeTelegram();
  });
  afterAll(async () => {
    await tg.close();
  });

  it('returns after a bounded first attempt, logs what it waits for, and connects when Telegram answers', async () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', write: (line) => lines.push(line) });
    tg.stall('getMe', 2);
    const started = Date.now();
    const h = await startHarness(store.db, {
      tg,
      botInfo: undefined,
      log,
      connect: { attemptTimeoutMs: 400, retryMs: 50, maxRetryMs: 200 },
    });
    try {
      expect(Date.now() - started).toBeLessThan(3_000);
      const waiting = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l['event'] === 'telegram.waiting');
      expect(waiting).toMatchObject({ level: 'warn', waitingFor: 'getMe', apiRoot: tg.apiRoot, attempt: 1 });
      expect(lines.join('\n')).not.toContain('TEST-token');
      expect((await h.channel.health()).ok).toBe(false);
      expect((await h.post(textUpdate('早上好', { chatId: 7301 }))).status).toBe(503); // Telegram sends it again later

      await tg.waitFor((c) => c.method === 'setWebhook', 20_000);
      await expect.poll(async () => (await h.channel.health()).ok, { timeout: 10_000 }).toBe(true);
      expect((await h.post(textUpdate('早上好', { chatId: 7301 }))).status).toBe(200);
      await h.settle();
      expect(h.texts(7301)).toEqual(['答复：早上好']);
    } finally {
      await h.stop();
    }
  });

  it('stops the start when Telegram refuses the token, naming TELEGRAM_BOT_TOKEN', async () => {
    const error = await startHarness(store.db, { tg, botInfo: undefined, token: '999:not-the-token' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TelegramSetupError);
    expect((error as Error).message).toMatch(/TELEGRAM_BOT_TOKEN.*@BotFather/);
    expect((error as Error).message).not.toContain('not-the-token');
  });
});
