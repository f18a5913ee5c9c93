/**
 * The Telegram channel for workers, on grammY. Long polling by default (@grammyjs/runner), or a webhook
 * when `webhook` is given (mount `webhookListener` on the shared HTTP server at the webhook URL's path).
 * Every update is stored before it is handled (update-journal.ts); every reply goes out through the
 * outbox to the deliverer registered here for channel 'telegram' (message-delivery.ts).
 *
 * @example
 *   const telegram = createTelegramChannel({ token, workers, db, outbox, log, webhook: { url, secret } });
 *   http.mount('/telegram', telegram.webhookListener!);
 *   http.health('telegram', telegram.health);
 *   await telegram.start();   // sets the command menu, replays interrupted updates, then setWebhook (or starts polling)
 *   …
 *   await telegram.stop();    // stops taking updates, waits for those in hand
 */
import { Bot } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import { sequentialize, type RunnerHandle } from '@grammyjs/runner';
import type { Db } from '../../store/db.js';
import type { Outbox } from '../../outbox/outbox.js';
import type { WorkerService } from '../../conversation/types.js';
import { loadTranslator, type Translate } from '../../i18n/translator.js';
import { silentLogger, type Logger } from '../../log.js';
import type { Listener } from '../../http/http-server.js';
import { createUpdateJournal, type JournaledContext } from './update-journal.js';
import { workerUpdates } from './worker-updates.js';
import { createFloodLimit } from './flood-limit.js';
import { createTelegramDeliverer } from './message-delivery.js';
import { createWebhookListener } from './webhook-listener.js';
import { startPolling } from './update-polling.js';
import { TELEGRAM_CHANNEL } from './incoming-message.js';
import { setBotCommands } from './bot-commands.js';

export { TELEGRAM_CHANNEL };

export interface TelegramChannelOptions {
  token: string;
  workers: WorkerService;
  db: Db;
  outbox: Outbox;
  log?: Logger;
  /** TELEGRAM_API_ROOT: a self-hosted Bot API server, or the fake in tests. */
  apiRoot?: string;
  /** TELEGRAM_WEBHOOK_URL + TELEGRAM_WEBHOOK_SECRET; without it the channel long-polls. */
  webhook?: { url: string; secret: string };
  floodLimitPerMinute?: number;
  clock?: () => Date;
  translate?: Translate;
  /** The bot's getMe, when known (tests): saves a call at start. */
  botInfo?: UserFromGetMe;
  /** Show "typing…" when handling takes longer than this (default 300 ms). */
  typingAfterMs?: number;
  /** The union's time zone (UNION_TIME_ZONE): dates shown to workers. */
  timeZone?: string;
}

export interface TelegramChannelState {
  mode: 'polling' | 'webhook';
  running: boolean;
  inFlight: number;
  handled: number;
  failed: number;
}

export interface TelegramChannel {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Present in webhook mode: mount it at the webhook URL's path. */
  webhookListener?: Listener;
  state(): TelegramChannelState;
  /** For `http.health('telegram', channel.health)`. */
  health(): Promise<{ ok: boolean; [detail: string]: unknown }>;
}

const allowedUpdates = ['message', 'callback_query'] as const;

export function createTelegramChannel({
  token, workers, db, outbox, log = silentLogger, apiRoot, webhook, floodLimitPerMinute = 20,
  clock = () => new Date(), translate = loadTranslator(), botInfo, typingAfterMs, timeZone,
}: TelegramChannelOptions): TelegramChannel {
  const bot = new Bot<JournaledContext>(token, { botInfo, client: apiRoot ? { apiRoot } : undefined });
  const journal = createUpdateJournal({ db, log });
  const mode = webhook ? 'webhook' : 'polling';
  let running = false;
  let runner: RunnerHandle | undefined;
  let handled = 0;
  let failed = 0;

  bot.use(sequentialize((ctx) => String(ctx.chat?.id ?? ctx.from?.id ?? '')));
  bot.use(journal.middleware());
  bot.use(workerUpdates({ workers, db, outbox, translate, flood: createFloodLimit({ limitPerMinute: floodLimitPerMinute, clock }), log, typingAfterMs, timeZone }));

  outbox.register(TELEGRAM_CHANNEL, createTelegramDeliverer({ api: bot.api, db, translate }), {
    onDead: (item, error) => log.warn('telegram.undeliverable', { outboxId: item.id, error }),
  });

  async function handle(update: Update): Promise<void> {
    try {
      await bot.handleUpdate(update);
      handled += 1;
    } catch (error) {
      failed += 1;
      // Left 'received': the next start replays it. The worker was told their message is kept.
      log.error('telegram.update_failed', { updateId: update.update_id, error });
    }
  }

  const tracked = (update: Update) => {
    const work = handle(update);
    journal.track(work);
    return work;
  };

  const webhookListener = webhook
    ? createWebhookListener({ secret: webhook.secret, admit: journal.admit, handle: (u) => void tracked(u), accepting: () => running, log })
    : undefined;

  return {
    webhookListener,

    async start() {
      if (running) return;
      await bot.init();
      await setBotCommands({ api: bot.api, translate, log });
      // Updates stored by an earlier run but never finished: handle them first, in order.
      const interrupted = await journal.unhandled();
      if (interrupted.length) log.info('telegram.replay', { count: interrupted.length });
      for (const update of interrupted) if ((await journal.admit(update)) !== undefined) await tracked(update);
      running = true;
      if (webhook) {
        await bot.api.setWebhook(webhook.url, { secret_token: webhook.secret, allowed_updates: allowedUpdates });
      } else {
        await bot.api.deleteWebhook();
        runner = startPolling({ bot, admit: journal.admit, handle: tracked, log, allowedUpdates });
      }
      log.info('telegram.started', { mode, bot: bot.botInfo.username });
    },

    async stop() {
      running = false;
      await runner?.stop()?.catch(() => {}); // a polling failure was logged when it happened
      runner = undefined;
      await journal.settled();
      log.info('telegram.stopped', { mode, handled, failed });
    },

    state: () => ({ mode, running, inFlight: journal.inFlight, handled, failed }),

    async health() {
      return { ok: running, mode, inFlight: journal.inFlight, handled, failed };
    },
  };
}
