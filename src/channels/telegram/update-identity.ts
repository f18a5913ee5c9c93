/**
 * What identifies a Telegram update besides its update_id, and where it came from. Telegram picks update_id
 * at random again after a week without updates, so an id can come back on a different message; the chat and
 * message id (or a callback query's own id) cannot. The fingerprint is a hash, so the stored row names no
 * chat or user once its payload is cleared. (Migration 070 computes the same for rows stored before it.)
 *
 * @example
 *   updateIdentity(update) // { fingerprint: '5f2c…', sender: '42', chat: { id: 42, type: 'private', … }, from: { id: 42, … } }
 */
import { createHash } from 'node:crypto';
import type { Chat, Update, User } from 'grammy/types';

export interface UpdateIdentity {
  fingerprint: string;
  /** The sender's Telegram user id, so /forget finds every update they sent. */
  sender: string | null;
  chat?: Chat;
  from?: User;
}

interface UpdateBody {
  id?: string;
  message_id?: number;
  chat?: Chat;
  from?: User;
  message?: { chat?: Chat };
}

export function updateIdentity(update: Update): UpdateIdentity {
  const kind = Object.keys(update).find((k) => k !== 'update_id');
  const body = kind ? ((update as unknown as Record<string, UpdateBody | undefined>)[kind] ?? undefined) : undefined;
  let basis: string | undefined;
  if (kind === 'callback_query' && body?.id !== undefined) basis = `callback_query:${body.id}`;
  else if (body?.chat && body.message_id !== undefined) basis = `${kind}:${body.chat.id}:${body.message_id}`;
  return {
    fingerprint: basis ? createHash('sha256').update(basis).digest('hex').slice(0, 32) : '',
    sender: body?.from?.id !== undefined ? String(body.from.id) : null,
    chat: body?.chat ?? body?.message?.chat,
    from: body?.from,
  };
}
