/**
 * Turns a channel-neutral `OutgoingWorkerMessage` into what Telegram accepts: HTML-escaped text (parse
 * mode HTML), split into parts below the 4096-character limit at the most natural boundary, and an inline
 * keyboard from the message's buttons. Pure functions, so they are tested without a bot.
 */
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import type { OutgoingWorkerMessage } from '../../conversation/types.js';
import type { Translate } from '../../i18n/translator.js';
import { encodeCallback } from './callback-data.js';

/** Interface messages of this channel carry a menu as well (the /lang and /forget choices). */
export interface TelegramOutgoing extends OutgoingWorkerMessage {
  menu?: 'lang' | 'forget';
}

/**
 * Telegram counts the limit after entity parsing, in UTF-16 units; tags do not count and `&amp;` counts
 * as one, so measuring the plain text with a margin is safe.
 */
export const PART_LIMIT = 4000;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// A line that cites an article: 《中华人民共和国劳动合同法》第四十七条 …
const citationLine = /^\s*(?:[-•·*]\s*)?《[^》\n]{1,80}》第[一二三四五六七八九十百千零〇两\d]+条/;

/** Escapes each line and bolds the citation lines; line breaks stay as they are (HTML mode keeps \n). */
export function toTelegramHtml(text: string): string {
  return text
    .split('\n')
    .map((line) => (citationLine.test(line) ? `<b>${escapeHtml(line)}</b>` : escapeHtml(line)))
    .join('\n');
}

/**
 * Splits plain text into parts of at most `limit` UTF-16 units, preferring a paragraph break, then a line
 * break, then a sentence end, then a space; a text with none of them is cut hard (never inside a
 * surrogate pair, so an emoji is never broken).
 */
export function splitForTelegram(text: string, limit = PART_LIMIT): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const cut = findCut(rest, limit);
    const part = rest.slice(0, cut).trimEnd();
    if (part) parts.push(part);
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest.trim() || parts.length === 0) parts.push(rest);
  return parts;
}

function findCut(text: string, limit: number): number {
  const window = text.slice(0, limit);
  const floor = Math.floor(limit / 2);
  const paragraph = window.lastIndexOf('\n\n');
  if (paragraph >= floor) return paragraph + 2;
  const line = window.lastIndexOf('\n');
  if (line >= floor) return line + 1;
  let sentence = -1;
  for (const m of window.matchAll(/[。！？；!?;]|[.](?=\s)/g)) sentence = m.index + 1;
  if (sentence >= floor) return sentence;
  const space = window.lastIndexOf(' ');
  if (space >= floor) return space + 1;
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}

/** The inline keyboard for a message, or undefined when it has no buttons. */
export function keyboardFor(message: TelegramOutgoing, t: Translate): InlineKeyboardMarkup | undefined {
  const { lang } = message;
  const rows: InlineKeyboardButton[][] = [];
  const feedback: InlineKeyboardButton[] = [];
  for (const button of message.buttons ?? []) {
    const text = t(lang, `tg-button-${button}`);
    if (button === 'human') continue;
    if (message.answerId === undefined) continue; // feedback needs the answer it refers to
    feedback.push({ text, callback_data: encodeCallback({ kind: 'feedback', answerId: message.answerId, helpful: button === 'helpful' }) });
  }
  // Choices first, two per row: they are what the message asks for.
  const choices = (message.choices ?? []).map((c) => ({
    text: c.label,
    callback_data: encodeCallback({ kind: 'choice', value: c.value }),
  }));
  for (let i = 0; i < choices.length; i += 2) rows.push(choices.slice(i, i + 2));
  // A guided application's buttons: short ones two per row, long ones (consent, options with numbers) alone.
  const service = (message.serviceButtons ?? []).map((b) => ({
    text: b.label,
    callback_data: encodeCallback({ kind: 'service', press: b.press }),
  }));
  for (let i = 0; i < service.length; ) {
    const pair = service.slice(i, i + 2);
    const fits = pair.length === 2 && pair.every((b) => [...b.text].length <= 8);
    rows.push(fits ? pair : [service[i]!]);
    i += fits ? 2 : 1;
  }
  if (feedback.length) rows.push(feedback);
  if (message.buttons?.includes('human'))
    rows.push([{ text: t(lang, 'tg-button-human'), callback_data: encodeCallback({ kind: 'human' }) }]);
  if (message.ratingForCase !== undefined) {
    const caseId = message.ratingForCase;
    rows.push(
      [1, 2, 3, 4, 5].map((rating) => ({
        text: t(lang, 'tg-button-rate', { rating }),
        callback_data: encodeCallback({ kind: 'rate', caseId, rating }),
      })),
    );
  }
  if (message.menu === 'lang') {
    rows.push([
      { text: '中文', callback_data: encodeCallback({ kind: 'lang', lang: 'zh' }) },
      { text: 'English', callback_data: encodeCallback({ kind: 'lang', lang: 'en' }) },
    ]);
    rows.push([{ text: t(lang, 'tg-button-lang-auto'), callback_data: encodeCallback({ kind: 'lang', lang: null }) }]);
  }
  if (message.menu === 'forget') {
    rows.push([
      { text: t(lang, 'tg-button-forget-yes'), callback_data: encodeCallback({ kind: 'forget', confirmed: true }) },
      { text: t(lang, 'tg-button-forget-no'), callback_data: encodeCallback({ kind: 'forget', confirmed: false }) },
    ]);
  }
  return rows.length ? { inline_keyboard: rows } : undefined;
}
