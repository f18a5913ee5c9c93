/**
 * Is the outbox keeping up? Unhealthy when more than `deadLettersMax` items were given up on in the last hour
 * (a revoked token or an archived channel kills many at once), or when the oldest undelivered item has waited
 * longer than `backlogMaxSeconds` (deliveries stalled). Served in /healthz and /healthz/ready; the same state
 * feeds the outbox gauges of /metrics.
 *
 * @example
 *   http.health('outbox', outboxHealthCheck({ db, deadLettersMax: 10, backlogMaxSeconds: 600 }), { ready: true });
 */
import type { Db } from '../store/db.js';
import { outboxBacklog } from '../store/outbox-store.js';

/** Dead letters older than this no longer count against health (they stay listed for admins). */
const DEAD_LETTER_WINDOW_MS = 60 * 60_000;

export interface OutboxState {
  pending: number;
  sending: number;
  dead: number;
  /** Dead letters of the last hour. */
  recentDead: number;
  /** How long the oldest item not yet delivered has waited (0 when there is none). */
  backlogSeconds: number;
}

export async function readOutboxState(db: Db, now: Date): Promise<OutboxState> {
  const { oldestUndelivered, ...counts } = await outboxBacklog(db, new Date(now.getTime() - DEAD_LETTER_WINDOW_MS));
  const backlogSeconds = oldestUndelivered ? Math.max(0, (now.getTime() - oldestUndelivered.getTime()) / 1000) : 0;
  return { ...counts, backlogSeconds };
}

export interface OutboxHealthOptions {
  db: Db;
  /** OUTBOX_DEAD_LETTERS_MAX */
  deadLettersMax: number;
  /** OUTBOX_BACKLOG_MAX_SECONDS */
  backlogMaxSeconds: number;
  clock?: () => Date;
}

export function outboxHealthCheck({ db, deadLettersMax, backlogMaxSeconds, clock = () => new Date() }: OutboxHealthOptions) {
  return async () => {
    const state = await readOutboxState(db, clock());
    const backlogSeconds = Math.round(state.backlogSeconds);
    const problems: string[] = [];
    if (state.recentDead > deadLettersMax) {
      problems.push(
        `${state.recentDead} dead letters in the last hour, more than OUTBOX_DEAD_LETTERS_MAX=${deadLettersMax}: ` +
          'see why with npm run outbox -- --list (or /niangjia outbox), fix the cause, then retry them',
      );
    }
    if (backlogSeconds > backlogMaxSeconds) {
      problems.push(
        `the oldest undelivered item has waited ${backlogSeconds} s, more than OUTBOX_BACKLOG_MAX_SECONDS=${backlogMaxSeconds}: ` +
          'is Telegram or Slack reachable, and is the token right?',
      );
    }
    return { ok: problems.length === 0, ...state, backlogSeconds, ...(problems.length ? { problems } : {}) };
  };
}
