/**
 * The edge: reads what the channel needs from a Telegram update and returns plain data (who, where, what
 * text or attachment, which language, is the bot addressed). Nothing past this file sees an SDK type
 * except the handlers that reply.
 */
import type { Chat, Message, User, UserFromGetMe } from 'grammy/types';
import type { Lang } from '../../assistant/types.js';
import type { Attachment, WorkerIdentity } from '../../conversation/types.js';
import { detectLang } from '../../i18n/detect-lang.js';

export const TELEGRAM_CHANNEL = 'telegram';

/**
 * A private chat is the worker. A group is its own identity (`chat:<id>`), so answers given there stay in
 * the group and nothing personal of a member is filed under the group.
 */
export function identityOf(chat: Chat, from: User): WorkerIdentity {
  if (chat.type === 'private') {
    return {
      channel: TELEGRAM_CHANNEL,
      externalId: String(from.id),
      chatId: String(chat.id),
      displayName: plain([from.first_name, from.last_name].filter(Boolean).join(' ')),
      username: from.username ?? null,
    };
  }
  return {
    channel: TELEGRAM_CHANNEL,
    externalId: `chat:${chat.id}`,
    chatId: String(chat.id),
    displayName: plain(chat.title ?? ''),
    username: null,
    shared: true,
  };
}

/** A name without control characters (a NUL cannot be stored in PostgreSQL text), or null when nothing is left. */
function plain(name: string): string | null {
  return name.replace(/\p{Cc}/gu, '').trim() || null;
}

export function isGroup(chat: Chat): boolean {
  return chat.type !== 'private';
}

/** Telegram's client language: zh-* → zh, any other → en, none → undefined. */
export function clientLang(from?: User): Lang | undefined {
  const code = from?.language_code;
  if (!code) return undefined;
  return code.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** The worker's choice, else what their message is written in, else their Telegram language, else zh. */
export function chooseLang(chosen: Lang | null | undefined, text: string | undefined, from?: User): Lang {
  return chosen ?? (text ? detectLang(text) : undefined) ?? clientLang(from) ?? 'zh';
}

/** The file a message carries, if any: photos (largest size), documents, voice notes, stickers, the rest. */
export function attachmentOf(message: Message): Attachment | undefined {
  if (message.photo?.length) return { kind: 'photo', fileId: message.photo.at(-1)!.file_id };
  if (message.document) {
    return {
      kind: 'document',
      fileId: message.document.file_id,
      fileName: message.document.file_name,
      mimeType: message.document.mime_type,
    };
  }
  if (message.voice) return { kind: 'voice', fileId: message.voice.file_id, mimeType: message.voice.mime_type };
  if (message.sticker) return { kind: 'sticker', fileId: message.sticker.file_id };
  const other = message.video ?? message.audio ?? message.video_note ?? message.animation;
  if (other) return { kind: 'other', fileId: other.file_id };
  if (message.location || message.contact || message.poll || message.venue) return { kind: 'other' };
  return undefined;
}

export interface Command {
  name: string;
  args: string;
}

/**
 * `/name args` or `/name@bot args`. In a group only commands addressed to this bot count, since
 * `/start` there may be meant for another bot.
 */
export function commandOf(text: string | undefined, me: UserFromGetMe, group: boolean): Command | undefined {
  const m = /^\/([a-z0-9_]{1,32})(?:@([a-z0-9_]+))?(?:\s+([\s\S]*))?$/i.exec(text?.trim() ?? '');
  if (!m) return undefined;
  const target = m[2]?.toLowerCase();
  if (target && target !== me.username.toLowerCase()) return undefined;
  if (group && !target) return undefined;
  return { name: m[1]!.toLowerCase(), args: (m[3] ?? '').trim() };
}

/** In a group, the bot answers only a mention of it, a reply to one of its messages, or a command to it. */
export function isAddressed(message: Message, me: UserFromGetMe): boolean {
  if (message.reply_to_message?.from?.id === me.id) return true;
  const text = message.text ?? message.caption ?? '';
  if (text.toLowerCase().includes(`@${me.username.toLowerCase()}`)) return true;
  return commandOf(text, me, true) !== undefined;
}

/** The text without the mention of the bot. */
export function withoutMention(text: string, me: UserFromGetMe): string {
  return text.replace(new RegExp(`@${me.username}\\b`, 'gi'), '').trim();
}
