/**
 * The webhook: a Node request listener for the shared HTTP server. It checks Telegram's secret header
 * (constant-time; wrong or missing → 401 and nothing is stored), refuses what is not an update (400; an
 * update_id beyond 2^53 too, which JSON cannot carry exactly), stores the update, answers 200, and only
 * then hands the update on — so Telegram's retry covers everything up to the moment the update is safe.
 * While stopping it answers 503, and Telegram delivers again later (to this or another replica).
 */
import { timingSafeEqual } from 'node:crypto';
import type { Update } from 'grammy/types';
import { type Listener, readBody, send } from '../../http/http-server.js';
import type { Logger } from '../../log.js';
import { isUpdateId } from './update-journal.js';

export interface WebhookOptions {
  secret: string;
  /** Stores the update; undefined = already handled or in hand, just acknowledge. */
  admit: (update: Update) => Promise<number | undefined>;
  /** Handles an admitted update; the listener does not wait for it. */
  handle: (update: Update) => void;
  accepting: () => boolean;
  log: Logger;
}

export function secretMatches(expected: string, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function createWebhookListener({ secret, admit, handle, accepting, log }: WebhookOptions): Listener {
  return async (req, res) => {
    if (req.method !== 'POST') return send(res, 405, { ok: false, error: 'POST only' });
    if (!secretMatches(secret, req.headers['x-telegram-bot-api-secret-token'])) {
      log.warn('telegram.webhook_forbidden', { ip: req.socket.remoteAddress });
      return send(res, 401, { ok: false, error: 'unauthorized' });
    }
    if (!accepting()) return send(res, 503, { ok: false, error: 'shutting down' });
    let update: Update;
    try {
      update = JSON.parse(await readBody(req)) as Update;
    } catch {
      return send(res, 400, { ok: false, error: 'invalid JSON' });
    }
    if (!isUpdateId(update?.update_id)) return send(res, 400, { ok: false, error: 'not a Telegram update (update_id)' });
    let id: number | undefined;
    try {
      id = await admit(update);
    } catch (error) {
      // Not stored, for a reason that may pass (the database is away): make Telegram try again rather than
      // lose it. An update the database refuses for good was recorded and passed over by admit().
      log.error('telegram.store_failed', { updateId: update.update_id, error });
      return send(res, 500, { ok: false, error: 'not stored, retry' });
    }
    send(res, 200, { ok: true });
    if (id !== undefined) handle(update);
  };
}
