/**
 * The dead letters (outbox items given up on) as admins see and retry them, through the admin port: the
 * Slack `/niangjia outbox` command, the /admin endpoint and `npm run outbox`. Listed by id, channel, kind,
 * case, attempts and the (masked) last error: never the payload or the stream, which hold workers' chats
 * and words.
 *
 * @example
 *   const letters = deadLetterAdmin({ db, outbox });
 *   await letters.deadLetters();            // → '2 dead letters, newest first: …'
 *   await letters.retryDeadLetters('all');  // → 'Put 2 dead letters back in the outbox …'
 */
import { DEFAULT_TIME_ZONE, formatDateTime } from '../i18n/union-time.js';
import { type Logger, silentLogger } from '../log.js';
import type { Db } from '../store/db.js';
import { type DeadLetter, listDeadLetters, outboxBacklog, requeueDeadLetters } from '../store/outbox-store.js';
import type { AdminPort } from './admin-port.js';

export interface DeadLetterAdminOptions {
  db: Db;
  /** The service's outbox, to deliver retried items at once; without it the next poll (of any replica) does. */
  outbox?: { kick(): void };
  clock?: () => Date;
  log?: Logger;
  /** How many are listed (the newest). */
  limit?: number;
  /** The union's time zone (UNION_TIME_ZONE): the times listed. */
  timeZone?: string;
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
const howToRetry = 'Retry one with npm run outbox -- --retry ID (Slack: /niangjia outbox retry ID), or all with --retry-all (retry all).';

export function deadLetterAdmin({
  db,
  outbox,
  clock = () => new Date(),
  log = silentLogger,
  limit = 30,
  timeZone = DEFAULT_TIME_ZONE,
}: DeadLetterAdminOptions): Pick<AdminPort, 'deadLetters' | 'retryDeadLetters'> {
  const minute = (d: Date) => `${formatDateTime(d, timeZone)} (${timeZone})`;
  const line = (d: DeadLetter) => deadLetterLine(d, minute);
  return {
    async deadLetters() {
      const letters = await listDeadLetters(db, limit);
      if (letters.length === 0) return 'No dead letters: every outbox item was delivered or is still being tried.';
      const { dead } = await outboxBacklog(db, clock());
      const shown = dead > letters.length ? ` (the newest ${letters.length} shown)` : '';
      return [`${count(dead, 'dead letter')}, newest first${shown}:`, ...letters.map(line), howToRetry].join('\n');
    },

    async retryDeadLetters(which) {
      const ids = await requeueDeadLetters(db, which, clock());
      log.info('outbox.dead_letters_retried', { which, count: ids.length });
      if (ids.length === 0) {
        return which === 'all'
          ? 'No dead letters to retry.'
          : `#${which} is not a dead letter (delivered, still being tried, or no such item).`;
      }
      outbox?.kick();
      const list =
        ids.length > 10
          ? `${ids
              .slice(0, 10)
              .map((id) => `#${id}`)
              .join(', ')}, …`
          : ids.map((id) => `#${id}`).join(', ');
      return (
        `Put ${count(ids.length, 'dead letter')} back in the outbox (${list}): they are delivered again, ` +
        'with a fresh set of attempts. If one dies again, its cause is not fixed yet.'
      );
    },
  };
}

function deadLetterLine(d: DeadLetter, minute: (d: Date) => string): string {
  const about = d.caseId !== null ? ` (case #${d.caseId})` : '';
  const when = d.deadAt ? `dead since ${minute(d.deadAt)}` : `queued ${minute(d.createdAt)}`;
  return `• #${d.id} ${d.channel} ${d.kind}${about} · ${count(d.attempts, 'attempt')} · ${when} · ${d.lastError ?? 'no error recorded'}`;
}
