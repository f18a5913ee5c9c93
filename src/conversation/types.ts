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
  /** A chat many people read (a Telegram group): no guided application collects personal data there. */
  shared?: boolean;
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
  /** Shows 1–5 rating buttons for this resolved case (they call `WorkerService.rate`). */
  ratingForCase?: number;
  /** Answers to tap instead of typing: a press sends `value` back as the worker's message. */
  choices?: Array<{ value: string; label: string }>;
  /** Buttons of a guided application or the services menu: a press calls `WorkerService.press`. */
  serviceButtons?: ServiceButton[];
}

/**
 * A press on a guided application's button: start a service (the menu), a step's action (`rev` is the
 * step it was shown for, so a press on an old keyboard is recognised), or resume the waiting flow.
 */
export type ServicePress = { service: string } | { application: number; rev: number; verb: string; arg?: string } | { resume: true };

export interface ServiceButton {
  label: string;
  press: ServicePress;
}

/**
 * Port: deliver a message to a worker. Defined by the core, implemented by a channel adapter
 * (Telegram, console), called by the outbox worker for items with `channel` = the worker's channel.
 * Throw `DeliveryError` to say whether to retry.
 */
export interface WorkerInbox {
  deliver(message: OutgoingWorkerMessage): Promise<unknown>;
}

export interface WorkerCaseStatus {
  id: number;
  status: string;
  priority: 'urgent' | 'normal';
  category: string;
  openedAt: Date;
  /** The guided application the case carries: its title and status (submitted, more_info, approved, declined). */
  application?: { title: { zh: string; en: string }; status: string };
}

/**
 * What a worker channel calls (Telegram, console). The channel stores each raw update with
 * `recordInbound` before calling, and marks it handled after; `inboundId` (that row's id) makes the
 * replies idempotent when a handled-but-unmarked update is replayed after a crash.
 * Every reply goes through the outbox to the WorkerInbox registered for the worker's channel.
 *
 * @example
 *   await workers.receive({ externalId: '1001', worker: { channel: 'telegram', externalId: '42', chatId: '42' }, text: '公司拖欠工资怎么办' }, inboundId);
 */
export interface WorkerService {
  /** A message (text and/or attachment): answered, escalated, declined, or relayed to an open case. */
  receive(message: IncomingWorkerMessage, inboundId: number): Promise<void>;
  /** The worker asked for a person (/human, the button). Opens (or points to) a case. */
  requestHuman(worker: WorkerIdentity, inboundId: number, lang?: Lang): Promise<void>;
  /** Helpful / not helpful on an answer; "not helpful" offers a person. */
  feedback(worker: WorkerIdentity, answerId: number, helpful: boolean, inboundId: number): Promise<void>;
  /** A 1–5 rating after a case was resolved. */
  rate(worker: WorkerIdentity, caseId: number, rating: number, inboundId: number): Promise<void>;
  cases(worker: WorkerIdentity): Promise<WorkerCaseStatus[]>;
  /** The language the worker chose (null = follow each message). */
  setLanguage(worker: WorkerIdentity, lang: Lang | null): Promise<void>;
  language(worker: WorkerIdentity): Promise<Lang | null>;
  /** Deletes the worker's personal data: conversation, names, case texts (cases keep a tombstone). */
  forget(worker: WorkerIdentity): Promise<void>;
  /** /services: the menu of the union's services, or the step of the application in progress. */
  services?(worker: WorkerIdentity, inboundId: number, lang?: Lang): Promise<void>;
  /** A press on a guided application's button (see `ServicePress`). */
  press?(worker: WorkerIdentity, press: ServicePress, inboundId: number, lang?: Lang): Promise<void>;
}
