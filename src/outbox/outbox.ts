/**
 * The outbox: every outgoing message (to a worker, to the staff desk) is written to a table first, in the
 * same transaction as the state change that caused it, then delivered by this loop with retries. Replicas
 * share the table safely (leases, `FOR UPDATE SKIP LOCKED`); a restart resumes where the last run stopped.
 *
 * @example
 *   const outbox = createOutbox({ db, log });
 *   outbox.register('telegram', async (item) => telegram.deliver(item.payload));
 *   outbox.start();
 *   await outbox.enqueue({ channel: 'telegram', stream: 'telegram:42', kind: 'message', payload: { text: '你好' } });
 */

import { type Logger, silentLogger } from '../log.js';
import { type Metrics, unreadMetrics } from '../metrics/metrics.js';
import { failureReason } from '../privacy/mask.js';
import { type Db, persist } from '../store/db.js';
import {
  claimDueOutboxItems,
  insertOutboxItem,
  markOutboxDead,
  markOutboxSent,
  type NewOutboxItem,
  nextOutboxDue,
  type OutboxRow,
  releaseOutboxLeases,
  rescheduleOutboxItem,
} from '../store/outbox-store.js';
import { defaultRetryPolicy, type RetryPolicy, retryDelay } from './delivery-error.js';

export type { NewOutboxItem, OutboxRow };

/** Delivers one item; its return value is stored as the item's `result` (e.g. a Slack message ts). */
export type Deliverer = (item: OutboxRow) => Promise<unknown>;

export interface DelivererHooks {
  /** Called once when an item is given up on, so the channel can tell someone. */
  onDead?: (item: OutboxRow, error: unknown) => Promise<void> | void;
  /** Called after a successful delivery, with the deliverer's result. */
  onSent?: (item: OutboxRow, result: unknown) => Promise<void> | void;
}

/** Told of every item's final outcome, whatever its channel (e.g. to show staff that a reply arrived). */
export type OutboxObserver = (item: OutboxRow, outcome: 'sent' | 'dead') => Promise<void> | void;
/**
 * Port: what a channel accepted, written down the moment it answered — before the database mark, which may
 * have to wait its turn. After a crash the next process marks these sent instead of sending them again.
 * `startReceiptThread` (receipt-thread.ts) keeps them in a file in DATA_DIR; without one nothing is kept.
 */
export interface DeliveryReceipts {
  /** Item `id` was accepted. Synchronous on purpose: nothing may run between the channel's answer and this. */
  accepted(id: number): void;
  /** The database has the mark now. */
  recorded(id: number): void;
  /** Items accepted before a crash and never marked: read once, at start. */
  unrecorded(): number[];
}

const noReceipts: DeliveryReceipts = { accepted() {}, recorded() {}, unrecorded: () => [] };

export interface Outbox {
  /** Stores an item; pass a transaction as `db` to make it part of a larger change. Returns the item id. */
  enqueue(item: NewOutboxItem, db?: Db): Promise<number>;
  register(channel: string, deliver: Deliverer, hooks?: DelivererHooks): void;
  /** Adds an observer of final outcomes; its failures are logged, never retried. */
  observe(observer: OutboxObserver): void;
  start(): void;
  /** Wakes the loop now (called by enqueue; useful after a commit that enqueued in a transaction). */
  kick(): void;
  /** Delivers everything due now, then resolves; for tests and shutdown. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

export interface OutboxOptions {
  db: Db;
  log?: Logger;
  /** Deliveries count as messages out, by channel; failures by outcome. */
  metrics?: Metrics;
  clock?: () => Date;
  retry?: RetryPolicy;
  /** How often the loop looks for due items when nothing woke it. */
  pollMs?: number;
  /** How long a claimed item is another replica's to leave alone (OUTBOX_LEASE_SECONDS). */
  leaseMs?: number;
  receipts?: DeliveryReceipts;
  batchSize?: number;
  /** Called after an item marked `eraseWhenSent` was delivered and erased (app.ts: vacuum the files too). */
  onErased?: () => void;
}

export function createOutbox({
  db,
  log = silentLogger,
  metrics = unreadMetrics,
  clock = () => new Date(),
  retry = defaultRetryPolicy,
  pollMs = 500,
  leaseMs = 60_000,
  batchSize = 32,
  receipts = noReceipts,
  onErased = () => {},
}: OutboxOptions): Outbox {
  const deliverers = new Map<string, { deliver: Deliverer; hooks: DelivererHooks }>();
  const observers: OutboxObserver[] = [];
  const notify = async (item: OutboxRow, outcome: 'sent' | 'dead') => {
    for (const observe of observers)
      await Promise.resolve(observe(item, outcome)).catch((error) => log.error('outbox.observer_failed', { id: item.id, error }));
  };
  let running = false;
  let recovered: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<void> | undefined;
  let again = false;

  async function deliverOne(item: OutboxRow): Promise<void> {
    const entry = deliverers.get(item.channel);
    if (!entry) return;
    let result: unknown;
    try {
      result = await entry.deliver(item);
    } catch (error) {
      return failed(entry, item, error);
    }
    // Accepted: write it down at once (the receipt), then in the database, through a dropped connection too.
    // Without either, a crash hands the item out again when its lease runs out and the channel gets it twice
    // (Telegram has no idempotency key).
    receipts.accepted(item.id);
    try {
      const erased = await persist(() => markOutboxSent(db, item.id, result, clock()));
      receipts.recorded(item.id);
      if (erased) onErased();
    } catch (error) {
      log.error('outbox.sent_unrecorded', { id: item.id, channel: item.channel, kind: item.kind, error });
      return;
    }
    metrics.countMessage(item.channel, 'out');
    await Promise.resolve(entry.hooks.onSent?.(item, result)).catch((error) => log.error('outbox.on_sent_failed', { id: item.id, error }));
    await notify(item, 'sent');
  }

  /** A failed delivery: another try after the retry policy's delay, or the dead letter. */
  async function failed(entry: { hooks: DelivererHooks }, item: OutboxRow, error: unknown): Promise<void> {
    const reason = failureReason(error, 500);
    const delay = retryDelay(error, item.attempts, retry);
    if (delay === undefined) {
      if (await markOutboxDead(db, item.id, reason, clock())) onErased();
      metrics.countDeliveryFailure(item.channel, 'dead');
      log.error('outbox.dead', { id: item.id, channel: item.channel, kind: item.kind, attempts: item.attempts, reason });
      await Promise.resolve(entry.hooks.onDead?.(item, error)).catch((e) => log.error('outbox.on_dead_failed', { id: item.id, error: e }));
      await notify(item, 'dead');
    } else {
      await rescheduleOutboxItem(db, item.id, new Date(clock().getTime() + delay), reason);
      metrics.countDeliveryFailure(item.channel, 'retry');
      log.warn('outbox.retry', { id: item.id, channel: item.channel, kind: item.kind, attempts: item.attempts, delayMs: delay, reason });
    }
  }

  /**
   * At start: mark what the last process had accepted but not yet marked. On PGlite one process owns the data
   * directory (data-dir-lock.ts), so every item still 'sending' was cut short by that process's end: resume
   * it now rather than when its lease runs out. On PostgreSQL another replica may hold it: the lease decides.
   */
  async function recover(): Promise<void> {
    for (const id of receipts.unrecorded()) {
      await markOutboxSent(db, id, { recovered: 'accepted before a restart' }, clock());
      receipts.recorded(id);
    }
    const resumed = db.kind === 'pglite' ? await releaseOutboxLeases(db) : 0;
    if (resumed) log.info('outbox.resumed', { items: resumed });
  }

  async function runPass(): Promise<void> {
    const channels = [...deliverers.keys()];
    if (channels.length === 0) return;
    for (;;) {
      const items = await claimDueOutboxItems(db, { channels, limit: batchSize, now: clock(), leaseMs });
      if (items.length === 0) return;
      await Promise.all(items.map(deliverOne));
    }
  }

  /** One pass at a time; a kick during a pass schedules another right after it. */
  function trigger(): Promise<void> {
    if (pass) {
      again = true;
      return pass;
    }
    pass = (async () => {
      try {
        do {
          again = false;
          await runPass();
        } while (again);
      } catch (error) {
        log.error('outbox.pass_failed', { error });
      } finally {
        pass = undefined;
      }
    })();
    return pass;
  }

  async function schedule(): Promise<void> {
    if (!running) return;
    await trigger();
    if (!running) return;
    const due = await nextOutboxDue(db, [...deliverers.keys()]).catch(() => undefined);
    const wait = due ? Math.min(Math.max(due.getTime() - clock().getTime(), 10), pollMs) : pollMs;
    timer = setTimeout(() => void schedule(), wait);
  }

  return {
    async enqueue(item, tx = db) {
      const id = await insertOutboxItem(tx, item, clock());
      if (tx === db) this.kick();
      return id;
    },
    register(channel, deliver, hooks = {}) {
      deliverers.set(channel, { deliver, hooks });
    },
    observe(observer) {
      observers.push(observer);
    },
    start() {
      if (running) return;
      running = true;
      recovered ??= recover().catch((error) => log.error('outbox.recover_failed', { error }));
      void recovered.then(schedule);
    },
    kick() {
      if (running) void trigger();
    },
    async drain() {
      await recovered;
      return trigger();
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      await pass;
    },
  };
}
