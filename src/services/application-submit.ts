/**
 * Submitting an application: in one transaction the draft becomes the submitted record (the answers that
 * apply, each with its label and whether it is personal), a typed case is opened for it — or, when the
 * worker already has an active case, the application joins that case — its card is queued for the staff
 * desk (the route's channel, when APPLICATION_ROUTES names one), and the worker is told the number.
 */

import { type CaseContext, caseEffects, slaDue, systemActor, workerActor } from '../cases/case-effects.js';
import type { Lang } from '../i18n/lang.js';
import type { Translate } from '../i18n/translator.js';
import type { Logger } from '../log.js';
import type { Outbox } from '../outbox/outbox.js';
import { type ApplicationField, type ApplicationRecord, linkApplicationCase, submitDraft } from '../store/application-store.js';
import { ACTIVE_STATUSES, findWorkerCase, insertCase } from '../store/case-store.js';
import type { Db } from '../store/db.js';
import type { Worker } from '../store/worker-store.js';
import { displayValue, visibleFields } from './application-flow.js';
import type { ApplicationRoute } from './application-routes.js';
import type { ServiceDefinition } from './service-definitions.js';

export interface CaseSettings {
  db: Db;
  outbox: Outbox;
  translate: Translate;
  clock: () => Date;
  log: Logger;
  sla: { urgentMinutes: number; normalMinutes: number };
}

/**
 * The case context for effects written from here (events, desk items, worker messages). Nothing here
 * resolves a case (staff do, through the case service), so no follow-up is asked from here.
 */
export function caseContext(s: CaseSettings): CaseContext {
  return { ...s, reopenDays: 0, signature: 'union', followUpDays: 0 };
}

/** The answers that apply, as the case card shows them. Skipped fields stay, valueless, so staff see them. */
function submittedFields(def: ServiceDefinition, answers: Record<string, string>): ApplicationField[] {
  return visibleFields(def, answers).map((f) => ({
    id: f.id,
    label: f.label,
    value: displayValue(f, answers[f.id]),
    personal: f.personal,
  }));
}

export interface Submission {
  worker: Worker;
  app: ApplicationRecord;
  def: ServiceDefinition;
  lang: Lang;
  inboundId: number;
  route: ApplicationRoute | undefined;
  /** The receiving union's name in the worker's language. */
  union: string;
}

export async function submitApplication(s: CaseSettings, { worker, app, def, lang, inboundId, route, union }: Submission): Promise<void> {
  const ctx = caseContext(s);
  await s.db.transaction(async (tx) => {
    const now = s.clock();
    const submitted = await submitDraft(
      tx,
      app.id,
      app.rev,
      {
        fields: submittedFields(def, app.answers),
        meta: { kind: def.kind, title: def.title, checklist: def.checklist },
        unionName: route?.union ?? null,
        deskChannel: route?.slackChannel ?? null,
      },
      now,
    );
    if (!submitted) return; // submitted already (a double press)
    const fx = caseEffects(ctx, tx, now);
    const key = `svc:${inboundId}`;
    const created = await insertCase(
      tx,
      {
        workerId: worker.id,
        priority: 'normal',
        category: def.id,
        lang,
        summary: s.translate(lang, 'svc-case-summary', { title: def.title[lang], union }),
        workerText: '',
        botReply: '',
        facts: {},
        citations: [],
        slaDueAt: slaDue(ctx, 'normal', now),
      },
      now,
    );
    if (created) {
      await linkApplicationCase(tx, app.id, created.id);
      await fx.event(created.id, systemActor, 'opened', { priority: 'normal', category: def.id, applicationId: app.id });
      await fx.desk({ kind: 'case_card', caseId: created.id }, `case:${created.id}:card`);
      await fx.worker(created, key, (l) => def.submitted[l].replaceAll('{caseId}', String(created.id)).replaceAll('{union}', union));
      return;
    }
    // One active case per worker: the application joins it, and its card shows the application.
    const active = await findWorkerCase(tx, worker.id, ACTIVE_STATUSES);
    if (!active) throw new Error(`worker ${worker.id} has an active case that could not be read`);
    await linkApplicationCase(tx, app.id, active.id);
    const eventId = await fx.event(active.id, workerActor, 'application_submitted', { applicationId: app.id, service: def.id });
    await fx.desk({ kind: 'case_event', caseId: active.id, event: 'application_submitted' }, `case:${active.id}:application:${eventId}`);
    await fx.desk({ kind: 'card_update', caseId: active.id }, `case:${active.id}:card:${eventId}`);
    await fx.worker(active, key, (l) => s.translate(l, 'svc-added-to-case', { title: def.title[l], caseId: active.id, union }));
  });
  s.outbox.kick();
}
