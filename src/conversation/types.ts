/**
 * Channel-neutral worker messages. A channel adapter (Telegram, console) turns its SDK payload into an
 * `IncomingWorkerMessage`, and delivers `OutgoingWorkerMessage`s that the core put in the outbox.
 */
import type { Lang } from '../assistant/types.js';

export interface WorkerIdentity {
  channel: string;
  /** The channel's user id. */
  externalId: string;
  /** Where replies go (a private chat id). */
  chatId: string;
  displayName?: string | null;
  username?: string | null;
}

export interface Attachment {
  kind: 'photo' | 'document' | 'voice' | 'sticker' | 'other';
  /** The channel's file id, so staff can fetch it. */
  fileId?: string;
  fileName?: string;
  mimeType?: string;
}

export interface IncomingWorkerMessage {
  /** The channel's id for this message (e.g. Telegram update_id): stored once, handled once. */
  externalId: string;
  worker: WorkerIdentity;
  text?: string;
  attachment?: Attachment;
  /** Language the channel knows the worker prefers (their choice or client language). */
  lang?: Lang;
}

export type ReplyButton = 'helpful' | 'not_helpful' | 'human';

export interface OutgoingWorkerMessage {
  chatId: string;
  lang: Lang;
  /** Plain text; the channel escapes and formats it. */
  text: string;
  /** Inline buttons to show under the message. */
  buttons?: ReplyButton[];
  /** Id of the stored answer the buttons refer to (for feedback). */
  answerId?: number;
}

/**
 * Port: deliver a message to a worker. Defined by the core, implemented by a channel adapter
 * (Telegram, console), called by the outbox worker for items with `channel` = the worker's channel.
 * Throw `DeliveryError` to say whether to retry.
 */
export interface WorkerInbox {
  deliver(message: OutgoingWorkerMessage): Promise<unknown>;
}
