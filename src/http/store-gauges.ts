/**
 * Gauges read from the store when Prometheus scrapes: outbox items by status (and the dead letters of the
 * last hour), the age of the oldest undelivered item, cases by status. The two outbox gauges share one
 * query per scrape. When the store does not answer, the gauges are left out of that scrape (no stale value)
 * and the rest of /metrics is still served.
 *
 * @example
 *   registerStoreGauges(metrics, { db, log });
 */
import { Gauge } from 'prom-client';
import { type Logger, silentLogger } from '../log.js';
import type { Metrics } from '../metrics/metrics.js';
import { type OutboxState, readOutboxState } from '../outbox/outbox-health.js';
import { countCasesByStatus } from '../store/case-store.js';
import type { Db } from '../store/db.js';

export interface StoreGaugesOptions {
  db: Db;
  clock?: () => Date;
  log?: Logger;
}

export function registerStoreGauges(metrics: Metrics, { db, clock = () => new Date(), log = silentLogger }: StoreGaugesOptions): void {
  const outbox = oncePerScrape(() => readOutboxState(db, clock()));

  /** A gauge set by `read` on every scrape; when the store fails it is emptied and the failure logged. */
  const gauge = (name: string, help: string, labelNames: string[], read: (g: Gauge<string>) => Promise<void>) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [metrics.registry],
      collect() {
        return read(this).catch((error) => {
          this.reset();
          log.warn('metrics.store_unavailable', { metric: name, error });
        });
      },
    });

  gauge(
    'niangjia_outbox_items',
    'Outbox items by status; dead_last_hour counts the dead letters of the last hour',
    ['status'],
    async (g) => {
      const o = await outbox();
      g.set({ status: 'pending' }, o.pending);
      g.set({ status: 'sending' }, o.sending);
      g.set({ status: 'dead' }, o.dead);
      g.set({ status: 'dead_last_hour' }, o.recentDead);
    },
  );
  gauge('niangjia_outbox_oldest_undelivered_seconds', 'Age of the oldest outbox item not yet delivered (0 when none)', [], async (g) => {
    g.set((await outbox()).backlogSeconds);
  });
  gauge('niangjia_cases', 'Cases by status', ['status'], async (g) => {
    const counts = await countCasesByStatus(db);
    g.reset();
    for (const [status, n] of Object.entries(counts)) g.set({ status }, n);
  });
}

/** One read shared by the gauges of one scrape (they are collected together, within a second). */
function oncePerScrape(read: () => Promise<OutboxState>, withinMs = 1_000): () => Promise<OutboxState> {
  let last: { at: number; value: Promise<OutboxState> } | undefined;
  return () => {
    const now = performance.now();
    if (!last || now - last.at > withinMs) last = { at: now, value: read() };
    return last.value;
  };
}
