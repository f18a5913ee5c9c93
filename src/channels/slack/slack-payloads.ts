/**
 * The edge of the Slack desk: Slack payloads in, plain data out. Nothing past these functions sees a Slack
 * event shape.
 */

/** A message a person wrote in the thread of a card, as the case core needs it. */
export interface ThreadReply {
  channel: string;
  /** The card's ts (the thread root). */
  threadTs: string;
  /** This message's ts: the reply's idempotency key (Slack retries events). */
  ts: string;
  userId: string;
  text: string;
}

/** A message event that is a person's reply in a thread of a cases channel; undefined for everything else. */
export function toThreadReply(event: Record<string, unknown>, casesChannel: string | readonly string[]): ThreadReply | undefined {
  const { channel, thread_ts: threadTs, ts, user, text, subtype, bot_id: botId } = event as Record<string, string | undefined>;
  // Edits, deletions, joins and bot posts (our own relays included) are not replies.
  if (subtype && subtype !== 'file_share' && subtype !== 'thread_broadcast') return undefined;
  const ours = typeof casesChannel === 'string' ? channel === casesChannel : casesChannel.includes(channel ?? '');
  if (botId || !user || !ts || !threadTs || threadTs === ts || !channel || !ours) return undefined;
  const plain = slackToPlain(text ?? '');
  return plain ? { channel, threadTs, ts, userId: user, text: plain } : undefined;
}

/**
 * Slack mrkdwn as the worker should read it: entities decoded, links as "label (url)", mentions dropped
 * to their label (a worker on Telegram cannot open a Slack user).
 */
export function slackToPlain(text: string): string {
  return text
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/<(https?:[^>]+)>/g, '$1')
    .replace(/<mailto:[^|>]+\|([^>]+)>/g, '$1')
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<[@!][^>|]+\|([^>]+)>/g, '@$1')
    .replace(/<[@!][^>]+>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
    .trim();
}

/** Case id and argument from a card button's value: '42' or '42:urgent'. */
export function parseButtonValue(value: string | undefined): { caseId: number; arg?: string } | undefined {
  const [id, arg] = String(value ?? '').split(':');
  const caseId = Number(id);
  return Number.isSafeInteger(caseId) && caseId > 0 ? { caseId, arg } : undefined;
}
