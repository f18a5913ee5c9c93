/**
 * The caring-person queue: states open → claimed → waiting_on_worker / in_progress → resolved → closed,
 * reopened when the worker writes again within `reopenDays`. Composes the worker side, the staff side and
 * the SLA clock over one context; desks reach staff through the outbox channel `staffdesk`.
 *
 * @example
 *   const cases = createCaseService({ db, outbox, translate, sla: { urgentMinutes: 10, normalMinutes: 240 } });
 *   outbox.register(STAFF_DESK_CHANNEL, createStaffDeskDeliverer({ db, desk: slack.desk, log }));
 */

import type { Translate } from '../i18n/translator.js';
import { type Logger, silentLogger } from '../log.js';
import type { Outbox } from '../outbox/outbox.js';
import type { Db } from '../store/db.js';
import type { CaseContext } from './case-effects.js';
import { followUps } from './follow-up.js';
import { observeReply } from './reply-receipts.js';
import { checkSla } from './sla-clock.js';
import { staffSide } from './staff-side.js';
import type { CaseService } from './types.js';
import { workerSide } from './worker-side.js';

export interface CaseServiceOptions {
  db: Db;
  outbox: Outbox;
  translate: Translate;
  clock?: () => Date;
  /** Minutes an unclaimed case may wait before staff are reminded (SLA_URGENT_MINUTES, SLA_NORMAL_MINUTES). */
  sla?: { urgentMinutes: number; normalMinutes: number };
  /** A resolved case reopens when the worker writes within this many days (CASE_REOPEN_DAYS). */
  reopenDays?: number;
  /** How staff replies are signed to the worker (STAFF_SIGNATURE): the union, or the staff member's name. */
  signature?: 'union' | 'name';
  /** Days after a resolution the worker who agreed is asked whether it was solved (FOLLOW_UP_DAYS; 0: never). */
  followUpDays?: number;
  log?: Logger;
}

export function createCaseService({
  db,
  outbox,
  translate,
  clock = () => new Date(),
  sla = { urgentMinutes: 10, normalMinutes: 240 },
  reopenDays = 7,
  signature = 'union',
  followUpDays = 7,
  log = silentLogger,
}: CaseServiceOptions): CaseService {
  const ctx: CaseContext = { db, outbox, translate, clock, sla, reopenDays, signature, followUpDays, log };
  // The thread is told when a staff reply reached the worker (whatever channel delivered it).
  outbox.observe((item, outcome) => observeReply(ctx, item, outcome));
  return {
    ...workerSide(ctx),
    ...staffSide(ctx),
    followUp: (workerId, reply) => followUps(ctx).answer(workerId, reply),
    checkSla: (now = clock()) => checkSla(ctx, now),
  };
}
