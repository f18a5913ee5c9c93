import { GrammyError, HttpError } from 'grammy';
import type { Message } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { type CallbackAction, decodeCallback, encodeCallback } from '../../../src/channels/telegram/callback-data.js';
import { createFloodLimit } from '../../../src/channels/telegram/flood-limit.js';
import { chooseLang, commandOf, isAddressed } from '../../../src/channels/telegram/incoming-message.js';
import { toDeliveryError } from '../../../src/channels/telegram/message-delivery.js';
import { escapeHtml, keyboardFor, splitForTelegram, toTelegramHtml } from '../../../src/channels/telegram/message-rendering.js';
import { secretMatches } from '../../../src/channels/telegram/webhook-listener.js';
import { loadTranslator } from '../../../src/i18n/translator.js';
import { FAKE_BOT } from '../../fakes/fake-telegram.js';

describe('rendering', () => {
  it('escapes & < > and nothing else', () => {
    expect(escapeHtml(`a<b>&c "d" 'e'`)).toBe(`a&lt;b&gt;&amp;c "d" 'e'`);
    expect(toTelegramHtml('x\n\n《劳动法》第四十四条 <加班>')).toBe('x\n\n<b>《劳动法》第四十四条 &lt;加班&gt;</b>');
  });

  it('splits at paragraphs, then lines, then sentences, and never breaks an emoji', () => {
    expect(splitForTelegram('short')).toEqual(['short']);
    expect(splitForTelegram('')).toEqual(['']);
    const paras = `${'a'.repeat(60)}\n\n${'b'.repeat(60)}`;
    expect(splitForTelegram(paras, 100)).toEqual(['a'.repeat(60), 'b'.repeat(60)]);
    const sentences = `${'甲'.repeat(70)}。${'乙'.repeat(70)}。`;
    expect(splitForTelegram(sentences, 100)).toEqual([`${'甲'.repeat(70)}。`, `${'乙'.repeat(70)}。`]);
    const emoji = '😀'.repeat(80); // 160 UTF-16 units
    const parts = splitForTelegram(emoji, 101);
    expect(parts.join('')).toBe(emoji);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(101);
    expect(parts.every((p) => !/[\ud800-\udbff]$/.test(p))).toBe(true);
  });

  it('builds keyboards from buttons, ratings and menus', () => {
    const t = loadTranslator();
    expect(keyboardFor({ chatId: '1', lang: 'en', text: 'x' }, t)).toBeUndefined();
    expect(
      keyboardFor(
        { chatId: '1', lang: 'en', text: 'x', buttons: ['helpful', 'not_helpful', 'human'], answerId: 5 },
        t,
      )!.inline_keyboard.map((row) => row.map((b) => (b as { callback_data: string }).callback_data)),
    ).toEqual([['fb:5:y', 'fb:5:n'], ['human']]);
    // Without an answer id, feedback buttons would mean nothing: only "a person" stays.
    expect(keyboardFor({ chatId: '1', lang: 'zh', text: 'x', buttons: ['helpful', 'human'] }, t)!.inline_keyboard).toHaveLength(1);
    expect(
      keyboardFor({ chatId: '1', lang: 'zh', text: 'x', menu: 'lang' }, t)!
        .inline_keyboard.flat()
        .map((b) => b.text),
    ).toEqual(['中文', 'English', '跟随我的消息']);
  });
});

describe('callback data', () => {
  it('round-trips every action within 64 bytes and rejects junk', () => {
    const actions: CallbackAction[] = [
      { kind: 'feedback', answerId: 123456789012, helpful: false },
      { kind: 'human' },
      { kind: 'rate', caseId: 99, rating: 5 },
      { kind: 'lang', lang: 'en' },
      { kind: 'lang', lang: null },
      { kind: 'forget', confirmed: true },
    ];
    for (const a of actions) {
      expect(Buffer.byteLength(encodeCallback(a))).toBeLessThanOrEqual(64);
      expect(decodeCallback(encodeCallback(a))).toEqual(a);
    }
    for (const junk of ['', 'rate:1:9', 'rate:x:1', 'fb:1:maybe', 'lang:fr', 'drop table']) expect(decodeCallback(junk)).toBeUndefined();
  });
});

describe('flood limit', () => {
  it('allows the limit, warns once, then drops until the window passes', () => {
    let now = 0;
    const flood = createFloodLimit({ limitPerMinute: 2, clock: () => new Date(now) });
    expect(['a', 'a', 'a', 'a', 'b'].map((k) => flood.check(k))).toEqual(['ok', 'ok', 'warn', 'drop', 'ok']);
    now += 60_000;
    expect(flood.check('a')).toBe('ok');
  });

  it('counts an update once, however often it is handled (a retry after a database blip)', () => {
    const flood = createFloodLimit({ limitPerMinute: 2, clock: () => new Date(0) });
    expect([1, 1, 1, 1, 2].map((update) => flood.check('a', update))).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect([3, 3, 4].map((update) => flood.check('a', update))).toEqual(['warn', 'warn', 'drop']);
  });
});

describe('delivery errors', () => {
  const refused = (code: number, parameters = {}) =>
    new GrammyError('x', { ok: false, error_code: code, description: 'd', parameters }, 'sendMessage', {});
  it('retries 429 after retry_after, 5xx and network failures; gives up on 403 and 400', () => {
    expect(toDeliveryError(refused(429, { retry_after: 7 }))).toMatchObject({ retryable: true, retryAfterMs: 7_000 });
    expect(toDeliveryError(refused(502))).toMatchObject({ retryable: true });
    expect(toDeliveryError(new HttpError('net', new Error('ECONNRESET')))).toMatchObject({ retryable: true });
    expect(toDeliveryError(refused(403))).toMatchObject({ retryable: false });
    expect(toDeliveryError(refused(400))).toMatchObject({ retryable: false });
  });
});

describe('reading updates', () => {
  const msg = (text: string, extra: Partial<Message> = {}) =>
    ({ message_id: 1, date: 0, chat: { id: -1, type: 'group', title: 'g' }, text, ...extra }) as Message;
  it('recognises commands, addressed ones only in groups', () => {
    expect(commandOf('/lang en', FAKE_BOT, false)).toEqual({ name: 'lang', args: 'en' });
    expect(commandOf('/start', FAKE_BOT, true)).toBeUndefined();
    expect(commandOf('/start@Niangjia_bot', FAKE_BOT, true)).toEqual({ name: 'start', args: '' });
    expect(commandOf('/start@other_bot', FAKE_BOT, false)).toBeUndefined();
    expect(isAddressed(msg('hello'), FAKE_BOT)).toBe(false);
    expect(isAddressed(msg('hi @niangjia_bot'), FAKE_BOT)).toBe(true);
  });
  it('chooses the language: choice, then message, then Telegram client, then zh', () => {
    expect(chooseLang('en', '你好', undefined)).toBe('en');
    expect(chooseLang(null, '你好', { id: 1, is_bot: false, first_name: 'a', language_code: 'en' })).toBe('zh');
    expect(chooseLang(null, '👍', { id: 1, is_bot: false, first_name: 'a', language_code: 'en-US' })).toBe('en');
    expect(chooseLang(null, undefined, undefined)).toBe('zh');
  });
  it('compares the webhook secret exactly', () => {
    expect(secretMatches('abc', 'abc')).toBe(true);
    expect(secretMatches('abc', 'abd')).toBe(false);
    expect(secretMatches('abc', 'ab')).toBe(false);
    expect(secretMatches('abc', undefined)).toBe(false);
  });
});
