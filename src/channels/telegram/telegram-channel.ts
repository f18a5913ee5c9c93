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
 *   await telegram.start();   // getMe, the command menu, replays interrupted updates, then setWebhook (or starts
 *                             // polling); one bounded attempt, then it keeps trying in the background while Telegram is away
 *   …
 *   await telegram.stop();    // stops taking updates, waits for those in hand
 */

import { type RunnerHandle, sequentialize } from '@grammyjs/runner';
import { Api, type ApiClientOptions, Bot, BotError } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import type { WorkerService } from '../../conversation/types.js';
import type { Listener } from '../../http/http-server.js';
import { loadTranslator, type Translate } from '../../i18n/translator.js';
import { type Logger, silentLogger } from '../../log.js';
import type { Outbox } from '../../outbox/outbox.js';
import type { Db } from '../../store/db.js';
import { setBotCommands } from './bot-commands.js';
import { type BotConnection, type ConnectOptions, connectBot } from './bot-connection.js';
import { createFloodLimit } from './flood-limit.js';
import { TELEGRAM_CHANNEL } from './incoming-message.js';
import { createTelegramDeliverer, type DeliveryWire } from './message-delivery.js';
import { createUpdateJournal, type FailurePolicy, type JournaledContext } from './update-journal.js';
import { createUpdateNotices } from './update-notices.js';
import { startPolling } from './update-polling.js';
import { createWebhookListener } from './webhook-listener.js';
import { workerUpdates } from './worker-updates.js';

export { TelegramSetupError } from './bot-connection.js';
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
  /** When a failed update is tried again, and when it is given up on (see update-journal.ts). */
  failures?: FailurePolicy;
  /** How long a start-up call to Telegram may take, and how often it is tried again (see bot-connection.ts). */
  connect?: ConnectOptions;
  /** The outbox's receipt thread: deliveries go through it, so Telegram's acceptance is written down at once. */
  wire?: DeliveryWire;
  /**
   * Updates handled at once (default 16); the others wait their turn in the order they came, holding only the
   * update. Unbounded, a backlog (more offered than the machine answers) was hundreds of half-done handlers
   * sharing the CPU: each waited longer, and their working data filled the heap (~350 KB a message).
   */
  maxConcurrentUpdates?: number;
}

export interface TelegramChannelState {
  mode: 'polling' | 'webhook';
  running: boolean;
  /** The start-up call the channel still waits for (Telegram unreachable), if any. */
  waitingFor?: string;
  inFlight: number;
  handled: number;
  failed: number;
}

export interface TelegramChannel {
  /** Connects after one bounded attempt, or goes on trying in the background; rejects only on a refused token. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Present in webhook mode: mount it at the webhook URL's path. */
  webhookListener?: Listener;
  state(): TelegramChannelState;
  /** For `http.health('telegram', channel.health)`. */
  health(): Promise<{ ok: boolean; [detail: string]: unknown }>;
}

const allowedUpdates = ['message', 'callback_query'] as const;

/**
 * At most `max` holders at once, the others served first come, first served. A handler never waits for an
 * update that came after it (a chat's updates are in order, and a retry is a timer), so the turns cannot lock.
 */
export function createTurns(max: number) {
  let free = Math.max(1, max);
  const waiting: Array<() => void> = [];
  return {
    take(): Promise<void> | undefined {
      if (free > 0 && !waiting.length) {
        free -= 1;
        return undefined;
      }
      return new Promise<void>((resolve) => waiting.push(resolve));
    },
    give(): void {
      const next = waiting.shift();
      if (next) next();
      else free += 1;
    },
  };
}

/** grammY types its signals with the abort-controller shim; the platform's AbortSignal is what it uses at run time. */
const grammySignal = (signal: AbortSignal) => signal as Parameters<Api['getMe']>[0];

export function createTelegramChannel({
  token,
  workers,
  db,
  outbox,
  log = silentLogger,
  apiRoot,
  webhook,
  floodLimitPerMinute = 20,
  clock = () => new Date(),
  translate = loadTranslator(),
  botInfo,
  maxConcurrentUpdates = 16,
  typingAfterMs,
  failures,
  connect,
  wire,
  timeZone,
}: TelegramChannelOptions): TelegramChannel {
  const bot = new Bot<JournaledContext>(token, { botInfo, client: apiRoot ? { apiRoot } : undefined });
  const journal = createUpdateJournal({
    db,
    log,
    failures,
    retry: (update) => void tracked(update),
    notify: createUpdateNotices({ db, outbox, translate }),
  });
  const mode = webhook ? 'webhook' : 'polling';
  let running = false;
  let connection: BotConnection | undefined;
  let runner: RunnerHandle | undefined;
  let handled = 0;
  let failed = 0;

  bot.use(sequentialize((ctx) => String(ctx.chat?.id ?? ctx.from?.id ?? '')));
  bot.use(journal.middleware());
  bot.use(
    workerUpdates({
      workers,
      db,
      outbox,
      translate,
      flood: createFloodLimit({ limitPerMinute: floodLimitPerMinute, clock }),
      typingAfterMs,
      timeZone,
    }),
  );

  const deliveries = wire ? new Api(token, { apiRoot, fetch: wire.fetch as ApiClientOptions['fetch'] }) : bot.api;
  outbox.register(TELEGRAM_CHANNEL, createTelegramDeliverer({ api: deliveries, db, translate, acceptance: wire?.acceptance }), {
    onDead: (item, error) => log.warn('telegram.undeliverable', { outboxId: item.id, error }),
  });

  const started = () => log.info('telegram.started', { mode, bot: bot.botInfo.username });

  const turn = createTurns(maxConcurrentUpdates);
  async function handle(update: Update): Promise<void> {
    await turn.take();
    try {
      await bot.handleUpdate(update);
      handled += 1;
    } catch (error) {
      failed += 1;
      // The journal decided what happens next (another try, or given up) and told the worker.
      log.error('telegram.update_failed', { updateId: update.update_id, error: error instanceof BotError ? error.error : error });
    } finally {
      turn.give();
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
      if (connection) return;
      connection = connectBot({
        ...connect,
        apiRoot: apiRoot ?? 'https://api.telegram.org',
        log,
        steps: [
          {
            name: 'getMe',
            run: async (signal) => {
              if (!bot.isInited()) bot.botInfo = await bot.api.getMe(grammySignal(signal));
            },
          },
          // The command menu is a convenience: a failure is logged and the start goes on.
          { name: 'setMyCommands', run: () => setBotCommands({ api: bot.api, translate, log }) },
          {
            name: 'replay',
            // Updates stored by an earlier run but never finished: handle them first, in order.
            run: async () => {
              const interrupted = await journal.interrupted();
              if (interrupted.length) log.info('telegram.replay', { count: interrupted.length });
              for (const update of interrupted) await tracked(update);
              running = true;
            },
          },
          webhook
            ? {
                name: 'setWebhook',
                run: (signal) =>
                  bot.api
                    .setWebhook(webhook.url, { secret_token: webhook.secret, allowed_updates: allowedUpdates }, grammySignal(signal))
                    .then(started),
              }
            : {
                name: 'deleteWebhook',
                run: async (signal) => {
                  await bot.api.deleteWebhook(undefined, grammySignal(signal));
                  runner = startPolling({ bot, admit: journal.admit, handle: tracked, log, allowedUpdates });
                  started();
                },
              },
        ],
      });
      await connection.firstAttempt;
    },

    async stop() {
      running = false;
      connection?.stop();
      await runner?.stop()?.catch(() => {}); // a polling failure was logged when it happened
      runner = undefined;
      await journal.settled();
      log.info('telegram.stopped', { mode, handled, failed });
    },

    state: () => ({ mode, running, waitingFor: connection?.waitingFor, inFlight: journal.inFlight, handled, failed }),

    async health() {
      const waitingFor = connection?.waitingFor;
      return { ok: running && !waitingFor, mode, ...(waitingFor ? { waitingFor } : {}), inFlight: journal.inFlight, handled, failed };
    },
  };
}
