/**
 * What a worker does on Telegram, mapped to the WorkerService: messages and files → `receive`, commands
 * (/start /help /human /case /lang /forget), and button presses (feedback, a person, rating, language,
 * the /forget confirmation). Every reply, including this channel's own interface texts, goes through
 * the outbox with a dedupe key derived from the stored update, so handling an update twice (a replay
 * after a crash) sends nothing twice. What a worker hears when handling fails is the journal's to say
 * (update-journal.ts): only it knows whether the update will be tried again.
 */

import { Composer, type Context } from 'grammy';
import type { Chat } from 'grammy/types';
import type { Lang } from '../../assistant/types.js';
import { caseStatusLines } from '../../conversation/case-status-lines.js';
import type { ReplyButton, WorkerCaseStatus, WorkerIdentity, WorkerService } from '../../conversation/types.js';
import { enqueueToWorker } from '../../conversation/worker-outbox.js';
import type { Translate } from '../../i18n/translator.js';
import { DEFAULT_TIME_ZONE } from '../../i18n/union-time.js';
import type { Outbox } from '../../outbox/outbox.js';
import type { Db } from '../../store/db.js';
import { upsertWorker, type Worker } from '../../store/worker-store.js';
import { type CallbackAction, decodeCallback } from './callback-data.js';
import type { FloodLimit } from './flood-limit.js';
import {
  attachmentOf,
  type Command,
  chooseLang,
  clientLang,
  commandOf,
  identityOf,
  isAddressed,
  isGroup,
  withoutMention,
} from './incoming-message.js';
import type { TelegramOutgoing } from './message-rendering.js';
import type { JournaledContext } from './update-journal.js';

export interface WorkerUpdatesOptions {
  workers: WorkerService;
  db: Db;
  outbox: Outbox;
  translate: Translate;
  /** The union's time zone: the dates in /case. */
  timeZone?: string;
  flood: FloodLimit;
  /**
   * "typing…" shows only when an answer takes longer than this: a quick reply needs none, and each
   * chat action counts against the bot's Telegram rate limits like a message.
   */
  typingAfterMs?: number;
  /** Telegram shows "typing…" for about 5 s; repeat it while a slow answer is being worked out. */
  typingEveryMs?: number;
}

interface SayOptions {
  args?: Record<string, string | number>;
  menu?: TelegramOutgoing['menu'];
  buttons?: ReplyButton[];
  /** Text whose language decides, when the worker chose none. */
  hint?: string;
  /** Distinguishes several replies to one update. */
  suffix?: string;
  /** Use this row (and language) instead of looking the worker up: after /forget, the row is erased. */
  worker?: Worker;
  lang?: Lang;
  /** Erase the outbox item's payload once delivered (the last message to a worker who used /forget). */
  eraseWhenSent?: boolean;
}

export function workerUpdates({
  workers,
  db,
  outbox,
  translate,
  flood,
  typingAfterMs = 300,
  typingEveryMs = 4_500,
  timeZone = DEFAULT_TIME_ZONE,
}: WorkerUpdatesOptions): Composer<JournaledContext> {
  const composer = new Composer<JournaledContext>();

  async function say(ctx: JournaledContext, identity: WorkerIdentity, key: string, o: SayOptions = {}): Promise<void> {
    const worker = o.worker ?? (await upsertWorker(db, identity));
    const lang = o.lang ?? chooseLang(worker.lang, o.hint, ctx.from);
    const message: Omit<TelegramOutgoing, 'chatId'> = { lang, text: translate(lang, key, o.args), buttons: o.buttons, menu: o.menu };
    await enqueueToWorker(outbox, worker, message, { dedupeKey: `tg:${ctx.inboundId}:${o.suffix ?? key}`, eraseWhenSent: o.eraseWhenSent });
  }

  async function withTyping<T>(ctx: Context, chat: Chat, work: () => Promise<T>): Promise<T> {
    const ping = () => void ctx.api.sendChatAction(chat.id, 'typing').catch(() => {});
    let repeat: NodeJS.Timeout | undefined;
    const begin = () => {
      ping();
      repeat = setInterval(ping, typingEveryMs);
    };
    const first = typingAfterMs > 0 ? setTimeout(begin, typingAfterMs) : void begin();
    try {
      return await work();
    } finally {
      clearTimeout(first);
      clearInterval(repeat);
    }
  }

  composer.on('message', async (ctx) => {
    const { message, chat, me } = ctx;
    const group = isGroup(chat);
    if (group && !isAddressed(message, me)) return;
    const identity = identityOf(chat, ctx.from);
    const raw = message.text ?? message.caption;
    const text = group && raw ? withoutMention(raw, me) : raw;

    const command = commandOf(raw, me, group);
    if (!(await withinFloodLimit(ctx, identity, text, command?.name === 'forget'))) return;
    if (command) return runCommand(ctx, identity, command, group);

    const attachment = attachmentOf(message);
    if (group) {
      if (attachment) return say(ctx, identity, 'tg-private-only', { hint: text });
      // Once per group, ever: the outbox dedupe key makes it so.
      await enqueueGroupHint(ctx, identity, chat, text);
    }
    await withTyping(ctx, chat, () =>
      workers.receive(
        {
          externalId: String(ctx.update.update_id),
          worker: identity,
          text,
          attachment,
          lang: clientLang(ctx.from),
        },
        ctx.inboundId,
      ),
    );
  });

  /**
   * Messages and button presses share the worker's allowance; the first one over it gets one friendly reply.
   * /forget and its confirmation are never held back: it is how a worker takes their data back.
   */
  async function withinFloodLimit(ctx: JournaledContext, identity: WorkerIdentity, hint?: string, exempt = false): Promise<boolean> {
    if (exempt) return true;
    const verdict = flood.check(String(ctx.from!.id), ctx.inboundId);
    if (verdict === 'warn') await say(ctx, identity, 'tg-flood', { hint });
    return verdict === 'ok';
  }

  async function enqueueGroupHint(ctx: JournaledContext, identity: WorkerIdentity, chat: Chat, text?: string) {
    const worker = await upsertWorker(db, identity);
    const lang = chooseLang(worker.lang, text, ctx.from);
    await enqueueToWorker(
      outbox,
      worker,
      { lang, text: translate(lang, 'tg-group-hint', { bot: ctx.me.username }) },
      { dedupeKey: `tg:group-hint:${chat.id}` },
    );
  }

  async function runCommand(ctx: JournaledContext, identity: WorkerIdentity, command: Command, group: boolean): Promise<void> {
    const bot = ctx.me.username;
    if (group && !['start', 'help', 'lang'].includes(command.name)) return say(ctx, identity, 'tg-private-only', { args: { bot } });
    switch (command.name) {
      case 'start':
        return say(ctx, identity, group ? 'tg-group-hint' : 'tg-welcome', { args: { bot } });
      case 'help':
        return say(ctx, identity, group ? 'tg-group-hint' : 'tg-help', { args: { bot } });
      case 'human': {
        const worker = await upsertWorker(db, identity);
        return workers.requestHuman(identity, ctx.inboundId, chooseLang(worker.lang, undefined, ctx.from));
      }
      case 'services': {
        const worker = await upsertWorker(db, identity);
        return workers.services?.(identity, ctx.inboundId, chooseLang(worker.lang, undefined, ctx.from));
      }
      case 'case':
      case 'cases':
        return sayCases(ctx, identity, await workers.cases(identity));
      case 'lang': {
        const chosen = command.args.toLowerCase();
        if (chosen === 'zh' || chosen === 'en' || chosen === 'auto') return setLanguage(ctx, identity, chosen === 'auto' ? null : chosen);
        return say(ctx, identity, 'tg-lang-choose', { menu: 'lang' });
      }
      case 'forget':
        return say(ctx, identity, 'tg-forget-confirm', { menu: 'forget' });
      default:
        return say(ctx, identity, 'tg-help', { args: { bot } });
    }
  }

  async function sayCases(ctx: JournaledContext, identity: WorkerIdentity, cases: WorkerCaseStatus[]) {
    const worker = await upsertWorker(db, identity);
    const lang = chooseLang(worker.lang, undefined, ctx.from);
    if (cases.length === 0) return say(ctx, identity, 'tg-cases-none', { worker, lang });
    const text = caseStatusLines(cases, lang, translate, timeZone).join('\n');
    await enqueueToWorker(outbox, worker, { lang, text }, { dedupeKey: `tg:${ctx.inboundId}:cases` });
  }

  async function setLanguage(ctx: JournaledContext, identity: WorkerIdentity, lang: Lang | null) {
    await workers.setLanguage(identity, lang);
    return say(ctx, identity, lang ? 'tg-lang-set' : 'tg-lang-auto');
  }

  composer.on('callback_query:data', async (ctx) => {
    const action = decodeCallback(ctx.callbackQuery.data);
    const chat = ctx.callbackQuery.message?.chat;
    const toast = action?.kind === 'rate' ? translate(chooseLang(undefined, undefined, ctx.from), 'tg-rate-thanks') : undefined;
    // Stop the button's spinner first; it is cosmetic, so a failure here must not stop the action.
    await ctx.answerCallbackQuery(toast ? { text: toast } : undefined).catch(() => {});
    if (!action || !chat) return;
    const identity = identityOf(chat, ctx.from);
    if (!(await withinFloodLimit(ctx, identity, undefined, action.kind === 'forget'))) return;
    await ctx.editMessageReplyMarkup().catch(() => {}); // one press per keyboard
    await runAction(ctx, identity, action, isGroup(chat));
  });

  async function runAction(ctx: JournaledContext, identity: WorkerIdentity, action: CallbackAction, group: boolean): Promise<void> {
    switch (action.kind) {
      case 'feedback':
        return workers.feedback(identity, action.answerId, action.helpful, ctx.inboundId);
      case 'human': {
        if (group) return say(ctx, identity, 'tg-private-only', { args: { bot: ctx.me.username } });
        const worker = await upsertWorker(db, identity);
        return workers.requestHuman(identity, ctx.inboundId, chooseLang(worker.lang, undefined, ctx.from));
      }
      case 'rate':
        return workers.rate(identity, action.caseId, action.rating, ctx.inboundId);
      case 'choice':
        return workers.receive(
          { externalId: String(ctx.update.update_id), worker: identity, text: action.value, lang: clientLang(ctx.from) },
          ctx.inboundId,
        );
      case 'service': {
        if (group) return say(ctx, identity, 'tg-private-only', { args: { bot: ctx.me.username } });
        return workers.press?.(identity, action.press, ctx.inboundId, chooseLang(undefined, undefined, ctx.from));
      }
      case 'lang':
        return setLanguage(ctx, identity, action.lang);
      case 'forget': {
        if (!action.confirmed) return say(ctx, identity, 'tg-forget-cancelled');
        const worker = await upsertWorker(db, identity);
        const lang = chooseLang(worker.lang, undefined, ctx.from);
        await workers.forget(identity);
        // Sent from the row as it was; its chat id leaves the outbox once it is delivered.
        return say(ctx, identity, 'tg-forget-done', { worker, lang, eraseWhenSent: true });
      }
    }
  }

  return composer;
}
