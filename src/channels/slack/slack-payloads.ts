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
 * The documented prefix that sends a thread reply to the worker: `@worker …` or `@职工 …` (Slack leaves an
 * @-name that is no member as plain text). Returns what to send, without the prefix; undefined for a reply
 * that stays between staff (every reply without it).
 */
export function toWorkerText(plain: string): string | undefined {
  const m = /^@(?:worker|职工)(?![\p{L}\p{N}_])[\s:：,，]*/iu.exec(plain);
  if (!m) return undefined;
  const rest = plain.slice(m[0].length).trim();
  return rest || undefined;
}

/** A "Send to worker" message shortcut on a message in a thread of `casesChannel`, as plain data. */
export function toShortcutRequest(payload: Record<string, unknown>, casesChannel: string): (ThreadReply & { byBot: boolean }) | undefined {
  const channel = (payload['channel'] as { id?: string } | undefined)?.id;
  const user = (payload['user'] as { id?: string } | undefined)?.id;
  const message = payload['message'] as Record<string, string | undefined> | undefined;
  if (!channel || !user || !message?.ts || channel !== casesChannel) return undefined;
  const threadTs = message['thread_ts'];
  if (!threadTs || threadTs === message.ts) return undefined;
  const plain = slackToPlain(message['text'] ?? '');
  return { channel, threadTs, ts: message.ts, userId: user, text: toWorkerText(plain) ?? plain, byBot: Boolean(message['bot_id']) };
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
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

/** Case id and argument from a card button's value: '42' or '42:urgent'. */
export function parseButtonValue(value: string | undefined): { caseId: number; arg?: string } | undefined {
  const [id, arg] = String(value ?? '').split(':');
  const caseId = Number(id);
  return Number.isSafeInteger(caseId) && caseId > 0 ? { caseId, arg } : undefined;
}
