/**
 * Raw updates hold a worker's name, handle and words; they are kept INBOUND_RETENTION_DAYS (default 30) for
 * replays and for looking into a problem, then cleared: once at start and every hour after. A message still
 * unhandled that long will not be replayed any more (its payload is gone), which a month-old message should
 * not be anyway.
 *
 * @example
 *   const retention = startInboundRetention({ db, days: config.INBOUND_RETENTION_DAYS, log });
 *   await retention.stop();
 */

import { type Logger, silentLogger } from '../log.js';
import type { Db } from './db.js';
import { clearOldInbound } from './inbox-store.js';

const DAY_MS = 24 * 60 * 60_000;

export function startInboundRetention({
  db,
  days,
  log = silentLogger,
  everyMs = 60 * 60_000,
  clock = () => new Date(),
}: {
  db: Db;
  days: number;
  log?: Logger;
  everyMs?: number;
  clock?: () => Date;
}): { stop(): Promise<void> } {
  let sweeping: Promise<void> | undefined;
  const sweep = () => {
    sweeping ??= clearOldInbound(db, new Date(clock().getTime() - days * DAY_MS))
      .then((cleared) => {
        if (cleared) log.info('privacy.inbound_cleared', { rows: cleared, olderThanDays: days });
      })
      .catch((error) => log.error('privacy.inbound_retention_failed', { error }))
      .finally(() => {
        sweeping = undefined;
      });
    return sweeping;
  };
  void sweep();
  const timer = setInterval(() => void sweep(), everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await sweeping;
    },
  };
}
