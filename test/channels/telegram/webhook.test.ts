import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateIdentity } from '../../../src/channels/telegram/update-identity.js';
import { enqueueToWorker } from '../../../src/conversation/worker-outbox.js';
import { recordInbound } from '../../../src/store/inbox-store.js';
import { upsertWorker } from '../../../src/store/worker-store.js';
import { storeKinds, useStore } from '../../support/stores.js';
import { callbackUpdate, fileUpdate, type Harness, startHarness, textUpdate } from './support.js';

describe.each(storeKinds)('Telegram webhook on %s', (kind) => {
  const store = useStore(kind);
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(store.db, { floodLimitPerMinute: 6 });
  });
  afterAll(async () => {
    await h.stop();
    await h.tg.close();
  });

  const lastKeyboard = (chatId: number) =>
    (
      h.tg.sent('sendMessage', chatId).at(-1)!.payload['reply_markup'] as
        | { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> }
        | undefined
    )?.inline_keyboard;

  it('registers the webhook with its secret at start', () => {
    expect(h.tg.sent('setWebhook')[0]!.payload).toMatchObject({ url: 'https://bot.example.org/telegram', secret_token: 'test_secret-123' });
  });

  it('holds a conversation in Chinese: welcome, a question with typing and buttons, feedback', async () => {
    const chat = 1001;
    expect((await h.post(textUpdate('/start', { chatId: chat }))).status).toBe(200);
    await h.settle();
    expect(h.texts(chat)[0]).toContain('娘家人');
    expect(h.texts(chat)[0]).toContain('/forget');

    await h.post(textUpdate('公司拖欠工资怎么办？', { chatId: chat }));
    await h.settle();
    const typing = await h.tg.waitFor((c) => c.method === 'sendChatAction' && c.payload['chat_id'] === chat);
    expect(typing.payload).toMatchObject({ action: 'typing' });
    const answer = h.tg.sent('sendMessage', chat).at(-1)!;
    expect(answer.payload).toMatchObject({ text: '答复：公司拖欠工资怎么办？', parse_mode: 'HTML' });
    const keyboard = lastKeyboard(chat)!;
    expect(keyboard.flat().map((b) => b.text)).toEqual(['👍 有帮助', '👎 没帮助', '🙋 找工会娘家人']);

    await h.post(callbackUpdate(keyboard[0]![0]!.callback_data, { chatId: chat }));
    await h.settle();
    const [feedback] = h.workers.of('feedback').map((c) => c.args);
    expect(feedback![2]).toBe(true);
    expect(h.tg.sent('answerCallbackQuery')).toHaveLength(1);
    expect(h.tg.sent('editMessageReplyMarkup', chat)).toHaveLength(1);
    expect(h.texts(chat).at(-1)).toBe('Thanks!');
  });

  it('holds a conversation in English, switches language with /lang, lists cases, asks for a person', async () => {
    const chat = 1002;
    await h.post(textUpdate('My boss has not paid my wages', { chatId: chat, lang: 'en' }));
    await h.settle();
    expect(h.texts(chat)).toEqual(['Answer: My boss has not paid my wages']);
    expect(lastKeyboard(chat)!.flat()[0]!.text).toBe('👍 Helpful');

    await h.post(textUpdate('/lang', { chatId: chat, lang: 'en' }));
    await h.settle();
    expect(h.texts(chat).at(-1)).toBe('Choose your language:');
    const zh = lastKeyboard(chat)!
      .flat()
      .find((b) => b.text === '中文')!;
    await h.post(callbackUpdate(zh.callback_data, { chatId: chat, lang: 'en' }));
    await h.settle();
    expect(h.workers.of('setLanguage').at(-1)!.args[1]).toBe('zh');
    expect(h.texts(chat).at(-1)).toBe('好的，以后我用中文回复你。');

    await h.post(textUpdate('/case', { chatId: chat, lang: 'en' }));
    await h.settle();
    expect(h.texts(chat).at(-1)).toBe('你的个案：\n• #7 工作人员处理中（2026-11-20 提交）');

    await h.post(textUpdate('/human', { chatId: chat, lang: 'en' }));
    await h.settle();
    expect(h.workers.of('requestHuman').at(-1)!.args[2]).toBe('zh');
  });

  it('passes photos, documents, voice notes and stickers on as attachments', async () => {
    const chat = 1003;
    for (const k of ['photo', 'document', 'voice', 'sticker'] as const)
      await h.post(fileUpdate(k, { chatId: chat, caption: k === 'photo' ? '工资条' : undefined }));
    await h.settle();
    const received = h.workers
      .of('receive')
      .map((c) => c.args[0] as { attachment?: { kind: string; fileId?: string; fileName?: string }; text?: string })
      .filter((m) => m.attachment);
    expect(received.map((m) => m.attachment!.kind)).toEqual(['photo', 'document', 'voice', 'sticker']);
    expect(received[0]).toMatchObject({ text: '工资条', attachment: { fileId: 'photo-file-id' } });
    expect(received[1]!.attachment).toMatchObject({ fileName: 'contract.pdf' });
    expect(h.texts(chat)).toHaveLength(4);
  });

  it('asks before /forget, then forgets', async () => {
    const chat = 1004;
    await h.post(textUpdate('/forget', { chatId: chat }));
    await h.settle();
    const buttons = lastKeyboard(chat)!.flat();
    expect(buttons.map((b) => b.callback_data)).toEqual(['forget:yes', 'forget:no']);
    expect(h.workers.of('forget')).toHaveLength(0);
    await h.post(callbackUpdate('forget:yes', { chatId: chat }));
    await h.settle();
    expect(h.workers.of('forget')).toHaveLength(1);
    expect(h.texts(chat).at(-1)).toContain('已删除');
  });

  it('shows rating buttons for a resolved case and passes the rating on', async () => {
    const chat = 1005;
    const worker = await upsertWorker(store.db, { channel: 'telegram', externalId: String(chat), chatId: String(chat) });
    await enqueueToWorker(h.outbox, worker, { lang: 'zh', text: '个案 #9 已解决，请打分', ratingForCase: 9 });
    await h.settle();
    expect(lastKeyboard(chat)![0]!.map((b) => b.callback_data)).toEqual(['rate:9:1', 'rate:9:2', 'rate:9:3', 'rate:9:4', 'rate:9:5']);
    await h.post(callbackUpdate('rate:9:4', { chatId: chat }));
    await h.settle();
    expect(h.workers.of('rate').at(-1)!.args.slice(1, 3)).toEqual([9, 4]);
    expect(h.tg.sent('answerCallbackQuery').at(-1)!.payload['text']).toBe('谢谢你的评价！');
  });

  it('delivers exactly once after a 429 with retry_after and after 5xx errors', async () => {
    const chat = 1006;
    h.tg.failNext('sendMessage', 1, { status: 429, retryAfter: 0 });
    await h.post(textUpdate('加班费怎么算', { chatId: chat }));
    await h.settle();
    h.tg.failNext('sendMessage', 2, { status: 502 });
    await h.post(textUpdate('年假有几天', { chatId: chat }));
    await h.settle();
    expect(h.texts(chat)).toEqual(['答复：加班费怎么算', '答复：年假有几天']);
    const attempts = await store.db.query<{ attempts: number }>(`select attempts from outbox where stream = $1 order by id`, [
      `worker:telegram:${chat}`,
    ]);
    expect(attempts.map((a) => a.attempts)).toEqual([2, 3]);
  });

  it('answers a redelivered update once, even when both copies arrive together', async () => {
    const chat = 1007;
    const update = textUpdate('试用期工资', { chatId: chat });
    const statuses = await Promise.all([h.post(update), h.post(update)]);
    await h.settle();
    await h.post(update);
    await h.settle();
    expect(statuses.map((r) => r.status)).toEqual([200, 200]);
    expect(h.texts(chat)).toEqual(['答复：试用期工资']);
  });

  it('splits 10,000 characters into parts below the limit, buttons on the last part only', async () => {
    const chat = 1008;
    const long = Array.from({ length: 400 }, (_, i) => `第${i}句：用人单位应当按时足额支付劳动报酬。`)
      .join('')
      .slice(0, 10_000);
    await h.post(textUpdate(long, { chatId: chat }));
    await h.settle();
    const parts = h.tg.sent('sendMessage', chat);
    expect(parts.length).toBe(3);
    for (const p of parts) expect(String(p.payload['text']).length).toBeLessThanOrEqual(4096);
    expect(parts.map((p) => Boolean(p.payload['reply_markup']))).toEqual([false, false, true]);
    expect(parts.map((p) => p.payload['text']).join('')).toBe(`答复：${long}`);
  });

  it('resends only the missing parts when a split message fails in the middle', async () => {
    const chat = 1009;
    const long = 'a'.repeat(9_000);
    const worker = await upsertWorker(store.db, { channel: 'telegram', externalId: String(chat), chatId: String(chat) });
    // Let the first part through, then fail the second one once.
    let n = 0;
    h.tg.onCall = (call) => {
      if (call.method === 'sendMessage' && String(call.payload['chat_id']) === String(chat) && ++n === 1)
        h.tg.failNext('sendMessage', 1, { status: 500 });
    };
    await enqueueToWorker(h.outbox, worker, { lang: 'en', text: long });
    await h.settle();
    h.tg.onCall = undefined;
    expect(h.texts(chat).join('')).toBe(long);
    expect(h.texts(chat)).toHaveLength(3);
    const [item] = await store.db.query<{ attempts: number }>(`select attempts from outbox where stream = $1`, [`worker:telegram:${chat}`]);
    expect(item!.attempts).toBe(2);
  });

  it('escapes HTML and bolds citation lines', async () => {
    const chat = 1010;
    const worker = await upsertWorker(store.db, { channel: 'telegram', externalId: String(chat), chatId: String(chat) });
    await enqueueToWorker(h.outbox, worker, {
      lang: 'zh',
      text: '工资 <5000 & 加班>0\n《中华人民共和国劳动合同法》第三十条 用人单位应当…',
    });
    await h.settle();
    expect(h.texts(chat)[0]).toBe('工资 &lt;5000 &amp; 加班&gt;0\n<b>《中华人民共和国劳动合同法》第三十条 用人单位应当…</b>');
  });

  it('handles emoji-only and empty messages without failing', async () => {
    const chat = 1011;
    await h.post(textUpdate('😭😭😭', { chatId: chat }));
    await h.post(textUpdate('', { chatId: chat }));
    await h.settle();
    expect(h.texts(chat)).toEqual(['Please type your question in words.', 'Please type your question in words.']);
  });

  it('refuses a forged webhook (wrong or missing secret) and stores nothing', async () => {
    const update = textUpdate('伪造', { chatId: 1012 });
    expect((await h.post(update, 'wrong')).status).toBe(401);
    expect((await h.post(update, null)).status).toBe(401);
    expect((await h.post('{not json')).status).toBe(400);
    const rows = await store.db.query(`select 1 from inbound_messages where external_id = $1`, [String(update.update_id)]);
    expect(rows).toHaveLength(0);
  });

  it('in a group answers only when addressed, and suggests a private chat once', async () => {
    const group = -2001;
    await h.post(textUpdate('大家好', { chatId: group, chatType: 'supergroup', fromId: 3001 }));
    await h.post(textUpdate('@niangjia_bot 加班费怎么算', { chatId: group, chatType: 'supergroup', fromId: 3001 }));
    await h.post(textUpdate('那周末呢', { chatId: group, chatType: 'supergroup', fromId: 3002, replyToBot: true }));
    await h.post(textUpdate('/human@niangjia_bot', { chatId: group, chatType: 'supergroup', fromId: 3002 }));
    await h.post(textUpdate('/start', { chatId: group, chatType: 'supergroup', fromId: 3002 }));
    await h.settle();
    const texts = h.texts(group);
    expect(texts.filter((t) => t.includes('https://t.me/niangjia_bot'))).toHaveLength(2); // hint once + /human
    expect(texts.filter((t) => t.startsWith('答复'))).toEqual(['答复：加班费怎么算', '答复：那周末呢']);
    expect(h.workers.of('requestHuman').filter((c) => (c.args[0] as { chatId: string }).chatId === String(group))).toHaveLength(0);
  });

  it('replies once to a worker who floods, then stays silent, storing everything', async () => {
    const chat = 1013;
    const updates = Array.from({ length: 9 }, (_, i) => textUpdate(`问题${i}`, { chatId: chat }));
    for (const u of updates) await h.post(u);
    await h.settle();
    const texts = h.texts(chat);
    expect(texts.filter((t) => t.startsWith('答复'))).toHaveLength(6);
    expect(texts.filter((t) => t.includes('一分钟'))).toHaveLength(1);
    const stored = await store.db.query(`select status from inbound_messages where external_id = any($1::text[])`, [
      updates.map((u) => String(u.update_id)),
    ]);
    expect(stored.map((r) => (r as { status: string }).status)).toEqual(Array(9).fill('handled'));
  });

  it('does not retry a worker who blocked the bot', async () => {
    const chat = 1015;
    h.tg.block(chat);
    await h.post(textUpdate('还在吗', { chatId: chat }));
    await h.settle();
    const [item] = await store.db.query<{ status: string; attempts: number }>(`select status, attempts from outbox where stream = $1`, [
      `worker:telegram:${chat}`,
    ]);
    expect(item).toMatchObject({ status: 'dead', attempts: 1 });
  });

  it('after a restart, handles an update stored but never handled, once', async () => {
    const chat = 1016;
    // The previous process stored this update and died before handling it.
    const update = textUpdate('重启前的问题', { chatId: chat });
    const { fingerprint, sender } = updateIdentity(update);
    await recordInbound(store.db, { channel: 'telegram', externalId: String(update.update_id), fingerprint, sender, payload: update });
    const before = h;
    await before.channel.stop();
    expect((await before.post(textUpdate('停机中', { chatId: chat }))).status).toBe(503);
    await before.outbox.stop();
    h = await startHarness(store.db, { tg: before.tg });
    await h.settle();
    await h.post(update); // Telegram redelivers it as well
    await h.settle();
    expect(h.texts(chat)).toEqual(['答复：重启前的问题']);
    await before.http?.close();
  });
});
