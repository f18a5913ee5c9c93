/**
 * The Telegram side of the WorkerInbox port: the outbox calls this deliverer for every item on channel
 * `telegram`. A long message is split, and each part sent is recorded, so a retry after a failure in
 * the middle resends only the parts that did not arrive. grammY's errors become `DeliveryError`s here,
 * the one place that decides what Telegram failures are worth retrying.
 */
import { type Api, GrammyError, HttpError } from 'grammy';
import type { Translate } from '../../i18n/translator.js';
import { DeliveryError } from '../../outbox/delivery-error.js';
import type { Deliverer } from '../../outbox/outbox.js';
import { type Db, persist } from '../../store/db.js';
import { listSentParts, recordSentPart } from '../../store/telegram-store.js';
import { keyboardFor, splitForTelegram, type TelegramOutgoing, toTelegramHtml } from './message-rendering.js';

/**
 * 429 waits `retry_after`; 5xx and network failures back off; a blocked bot (403) or a chat that does not
 * exist (400) will never succeed. A 401/404 means our token is wrong: retry, the operator fixes it.
 */
export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof GrammyError) {
    const code = error.error_code;
    const what = `Telegram refused ${error.method} (${code})`;
    if (code === 429) {
      const retryAfterMs = (error.parameters.retry_after ?? 1) * 1000;
      return new DeliveryError(what, { retryable: true, retryAfterMs, cause: error });
    }
    const permanent = code === 400 || code === 403;
    return new DeliveryError(what, { retryable: !permanent, cause: error });
  }
  if (error instanceof HttpError) return new DeliveryError('Telegram unreachable', { retryable: true, cause: error });
  return new DeliveryError('Telegram delivery failed', { retryable: true, cause: error });
}

/**
 * Where deliveries' requests run, and how an item is written down as accepted the moment Telegram answers
 * the request that completes it (implemented by outbox/receipt-thread.ts). Without one, the outbox records
 * acceptance when the deliverer returns.
 */
export interface DeliveryWire {
  fetch: typeof fetch;
  acceptance<T>(itemId: number, send: () => Promise<T>): Promise<T>;
}

export interface TelegramDelivererOptions {
  api: Api;
  db: Db;
  translate: Translate;
  acceptance?: DeliveryWire['acceptance'];
}

/** @example outbox.register('telegram', createTelegramDeliverer({ api: bot.api, db, translate })) */
export function createTelegramDeliverer({ api, db, translate, acceptance = (_id, send) => send() }: TelegramDelivererOptions): Deliverer {
  return async (item) => {
    const message = item.payload as TelegramOutgoing;
    if (!message?.chatId || typeof message.text !== 'string') {
      // A payload erased by /forget before it went out, or a malformed one: nothing to send, ever.
      throw new DeliveryError('outbox item has no chat or text', { retryable: false });
    }
    const parts = splitForTelegram(message.text);
    const keyboard = keyboardFor(message, translate);
    const send = (text: string, last: boolean) =>
      api.sendMessage(message.chatId, toTelegramHtml(text), {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(last && keyboard ? { reply_markup: keyboard } : {}),
      });
    // The answer to the last part is the item's acceptance.
    const last = (text: string) => acceptance(item.id, () => send(text, true));
    try {
      if (parts.length === 1) return { messageIds: [(await last(parts[0]!)).message_id] };
      const sent = await listSentParts(db, item.id);
      for (const [i, part] of parts.entries()) {
        if (sent.has(i)) continue;
        const result = i === parts.length - 1 ? await last(part) : await send(part, false);
        await persist(() => recordSentPart(db, item.id, i, result.message_id)); // sent: a retry must skip it
        sent.set(i, result.message_id);
      }
      return { messageIds: parts.map((_, i) => sent.get(i)) };
    } catch (error) {
      throw toDeliveryError(error);
    }
  };
}
