/**
 * Asking for a person, again and again: the button goes through the flood limit like a message, its
 * keyboard goes after a press, and a request while a case is open adds nothing to the staff thread.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../cases/case-fixtures.js';
import { storeKinds, useStore } from '../../support/stores.js';
import { startCaseDeskHarness } from './case-desk-rig.js';
import { callbackUpdate, textUpdate } from './support.js';

describe.each(storeKinds)('the "human" button pressed 30 times, on %s', (kind) => {
  const store = useStore(kind);
  let h: Awaited<ReturnType<typeof startCaseDeskHarness>>;
  beforeAll(async () => {
    h = await startCaseDeskHarness(store.db, { floodLimitPerMinute: 20 });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('opens one case, posts one card and nothing in its thread, takes the keyboard away, and slows the worker down once', async () => {
    const chat = 7501;
    await h.post(textUpdate('公司拖欠工资怎么办', { chatId: chat }));
    await h.settle();
    for (let i = 0; i < 30; i++) await h.post(callbackUpdate('human', { chatId: chat }));
    await h.settle();

    expect(h.staff.cards).toHaveLength(1);
    expect(h.staff.posts.filter((p) => p.message.kind === 'worker_message')).toHaveLength(0);
    expect(h.tg.sent('editMessageReplyMarkup', chat).length).toBeGreaterThanOrEqual(1);
    const texts = h.texts(chat);
    expect(texts.filter((t) => t === translate('zh', 'tg-flood'))).toHaveLength(1);
    expect(texts.length).toBeLessThanOrEqual(22); // the answer, the case notice, ≤ 19 "you already have a case", the flood notice
    const [row] = await store.db.query<{ n: number }>(`select count(*)::int as n from case_messages`);
    expect(row!.n).toBe(0);
  });

  it('/human while the case is open only points to it', async () => {
    const chat = 7502;
    await h.post(textUpdate('/human', { chatId: chat }));
    await h.settle();
    await h.post(textUpdate('/human', { chatId: chat }));
    await h.post(textUpdate('/human', { chatId: chat }));
    await h.settle();
    const posts = h.staff.posts.length;
    expect(h.texts(chat).filter((t) => t.includes('#'))).toHaveLength(3);
    expect(h.staff.posts).toHaveLength(posts);
    expect(h.staff.posts.filter((p) => p.message.kind === 'worker_message')).toHaveLength(0);
  });
});
