/**
 * Staff decide on an application from its case card: approve, decline with a reason, or ask for more
 * information. Each is one transaction: the application's status, the case's (approve and decline resolve
 * it, asking for more waits on the worker), an event, the card re-rendered, a note in the thread, and the
 * worker told in their language (with the rating buttons once it is decided). A second click changes
 * nothing: the change is conditional on the status it starts from.
 *
 * @example
 *   const decisions = createApplicationDecisions({ db, outbox, translate, definitions });
 *   await decisions.decide(42, { id: 'U123', name: '李娟' }, 'decline', '不在本市工作，请向工作地工会申请');
 */

import { caseEffects, staffActor } from '../cases/case-effects.js';
import { type ApplicationDecisions, type ApplicationVerdict, CaseError, type Staff } from '../cases/types.js';
import type { Translate } from '../i18n/translator.js';
import { type Logger, silentLogger } from '../log.js';
import type { Outbox } from '../outbox/outbox.js';
import { type ApplicationStatus, applicationOfCase, decideApplication } from '../store/application-store.js';
import { ACTIVE_STATUSES, type CasePatch, getCase, updateCaseIf } from '../store/case-store.js';
import type { Db } from '../store/db.js';
import { caseContext } from './application-submit.js';
import type { ServiceDefinitions } from './service-definitions.js';

export interface ApplicationDecisionsOptions {
  db: Db;
  outbox: Outbox;
  translate: Translate;
  definitions: ServiceDefinitions;
  clock?: () => Date;
  log?: Logger;
}

const target = { approve: 'approved', decline: 'declined', more: 'more_info' } as const satisfies Record<
  ApplicationVerdict,
  ApplicationStatus
>;

export function createApplicationDecisions({
  db,
  outbox,
  translate: t,
  definitions,
  clock = () => new Date(),
  log = silentLogger,
}: ApplicationDecisionsOptions): ApplicationDecisions {
  const ctx = caseContext({ db, outbox, translate: t, clock, log, sla: { urgentMinutes: 10, normalMinutes: 240 } });

  return {
    async decide(caseId, staff: Staff, verdict, note) {
      const reason = note?.trim() || null;
      if (verdict !== 'approve' && !reason)
        throw new CaseError(`A ${verdict === 'decline' ? 'reason' : 'question'} is needed for the worker`, 'invalid_note');
      const changed = await db.transaction(async (tx) => {
        const now = clock();
        const app = await applicationOfCase(tx, caseId);
        const c = await getCase(tx, caseId, { lock: true });
        const def = app && definitions.get(app.service);
        if (!app || !c || !def) throw new CaseError(`Case ${caseId} has no application`, 'not_application');
        if (c.forgottenAt || c.status === 'closed') throw new CaseError(`Case ${caseId} is closed`, 'closed');
        const to = target[verdict];
        if (!(await decideApplication(tx, app.id, ['submitted', 'more_info'], to, reason, now))) return false;
        // Deciding is taking the case up: an unclaimed one is the decider's from now on.
        const patch: CasePatch = verdict === 'more' ? { status: 'waiting_on_worker' } : { status: 'resolved', resolvedAt: now };
        if (!c.assigneeId) Object.assign(patch, { assigneeId: staff.id, assigneeName: staff.name, claimedAt: now });
        if (!c.firstResponseAt) patch.firstResponseAt = now;
        await updateCaseIf(tx, caseId, ACTIVE_STATUSES, patch, now);
        const fx = caseEffects(ctx, tx, now);
        const event = `application_${to}` as const;
        const eventId = await fx.event(caseId, staffActor(staff), event, { applicationId: app.id });
        await fx.desk({ kind: 'case_event', caseId, event, by: staff, note: reason ?? undefined }, `case:${caseId}:${event}:${eventId}`);
        await fx.desk({ kind: 'card_update', caseId }, `case:${caseId}:card:${eventId}`);
        const union = app.unionName;
        await fx.worker(
          c,
          `case:${caseId}:worker:${event}:${eventId}`,
          (lang) => {
            const title = def.title[lang];
            const unionName = union ?? t(lang, 'svc-default-union');
            if (verdict === 'approve')
              return `${def.approved[lang].replaceAll('{caseId}', String(caseId)).replaceAll('{union}', unionName)}\n\n${t(lang, 'svc-rate')}`;
            if (verdict === 'decline')
              return `${t(lang, 'svc-decided-declined', { title, caseId, reason: reason! })}\n\n${t(lang, 'svc-rate')}`;
            return t(lang, 'svc-decided-more_info', { title, caseId, question: reason! });
          },
          verdict === 'more' ? {} : { ratingForCase: caseId },
        );
        return true;
      });
      outbox.kick();
      log.info('services.decided', { caseId, verdict, changed, staff: staff.id });
      return changed;
    },
  };
}
