/**
 * The worker's side of the guided applications: the services menu, offering a service when triage reads
 * one in the worker's words, each step (typed or pressed), and submitting — the answers become a typed
 * case on the staff desk in the same transaction as the worker's confirmation. The draft lives in the
 * store, so a restart resumes it; each step is written with the id of the update that moved it, so a
 * replayed update is not applied twice, and every reply of one update shares one outbox key.
 *
 * A question typed where an answer was expected, or a sign that someone is at risk, is not the flow's:
 * `take` says `paused`, the assistant handles the message as usual, and the flow waits (`remind`).
 *
 * @example
 *   const applications = createApplications({ db, outbox, cases, translate, definitions, routes, triage });
 *   const workers = createWorkerService({ …, applications });
 */

import type { TriagePort } from '../assistant/assistant.js';
import type { Decision } from '../assistant/types.js';
import { caseEffects } from '../cases/case-effects.js';
import type { CaseService } from '../cases/types.js';
import type { ServicePress } from '../conversation/types.js';
import { enqueueToWorker } from '../conversation/worker-outbox.js';
import type { ServiceApplications } from '../conversation/worker-service.js';
import type { Lang } from '../i18n/lang.js';
import type { Translate } from '../i18n/translator.js';
import { type Logger, silentLogger } from '../log.js';
import type { Outbox } from '../outbox/outbox.js';
import {
  type ApplicationRecord,
  applicationsOfWorker,
  cancelDraft,
  eraseExpiredApplications,
  eraseWorkerApplications,
  findDraft,
  type LangText,
  saveDraftStep,
  startDraft,
} from '../store/application-store.js';
import type { Db } from '../store/db.js';
import type { Worker } from '../store/worker-store.js';
import { advance, type FlowInput, VERBS, type Verb } from './application-flow.js';
import { invalidText, menuMessage, type StepMessage, stepMessage } from './application-prompts.js';
import { type ApplicationRoute, routeFor } from './application-routes.js';
import { type CaseSettings, caseContext, submitApplication } from './application-submit.js';
import type { ServiceDefinition, ServiceDefinitions } from './service-definitions.js';

export interface ApplicationsOptions {
  db: Db;
  outbox: Outbox;
  /** A worker who would rather talk to a person gets a normal case, as without the flow. */
  cases: Pick<CaseService, 'openCase'>;
  translate: Translate;
  definitions: ServiceDefinitions;
  routes?: readonly ApplicationRoute[];
  /** Every typed answer is triaged first: someone at risk now gets the urgent path, the flow waits. */
  triage?: TriagePort;
  /** Personal fields of closed applications are erased this many days after (APPLICATION_RETENTION_DAYS). */
  retentionDays?: number;
  sla?: CaseSettings['sla'];
  clock?: () => Date;
  log?: Logger;
}

export interface Applications extends ServiceApplications {
  /** Erases the personal fields of applications closed more than `retentionDays` ago; returns how many cards changed. */
  sweep(now?: Date): Promise<number>;
}

const DAY_MS = 24 * 60 * 60_000;

export function createApplications({
  db,
  outbox,
  cases,
  translate: t,
  definitions,
  routes = [],
  triage,
  retentionDays = 180,
  sla = { urgentMinutes: 10, normalMinutes: 240 },
  clock = () => new Date(),
  log = silentLogger,
}: ApplicationsOptions): Applications {
  const caseSettings: CaseSettings = { db, outbox, translate: t, clock, log, sla };
  const unionOf = (def: ServiceDefinition, answers: Record<string, string>, lang: Lang) =>
    routeFor(routes, def.id, answers)?.union ?? t(lang, 'svc-default-union');

  const send = (worker: Worker, lang: Lang, message: StepMessage, dedupeKey: string, tx?: Db) =>
    enqueueToWorker(outbox, worker, { lang, ...message }, { dedupeKey, db: tx });

  function showStep(worker: Worker, app: ApplicationRecord, lang: Lang, inboundId: number, before?: string, tx?: Db) {
    const def = definitions.get(app.service)!;
    const message = stepMessage(def, app, lang, t, { before, union: unionOf(def, app.answers, lang) });
    return send(worker, lang, message, `svc:${inboundId}`, tx);
  }

  async function begin(worker: Worker, service: string, lang: Lang, inboundId: number, originText?: string) {
    const app = await db.transaction(async (tx) => {
      const started = await startDraft(tx, { workerId: worker.id, service, lang, originText }, clock());
      await showStep(worker, started, lang, inboundId, undefined, tx);
      return started;
    });
    outbox.kick();
    log.info('services.started', { applicationId: app.id, service, offered: originText !== undefined });
  }

  /**
   * A worker who declined the flow: the case they would have had without it. The case first: a crash in
   * between replays the press, and a second openCase joins the case it opened.
   */
  async function toPerson(worker: Worker, app: ApplicationRecord, def: ServiceDefinition, lang: Lang) {
    const summary = t(lang, 'svc-person-summary', { title: def.title[lang] });
    await cases.openCase({
      workerId: worker.id,
      priority: 'normal',
      category: def.id,
      summary,
      workerText: app.originText ?? '',
      botReply: '',
      citations: [],
      lang,
    });
    await cancelDraft(db, app.id, clock());
  }

  /** Applies one input to the draft: the next step, an error, cancel, a person, or submit. */
  async function step(
    worker: Worker,
    app: ApplicationRecord,
    input: FlowInput,
    lang: Lang,
    inboundId: number,
  ): Promise<'done' | 'question'> {
    const def = definitions.get(app.service);
    if (!def) {
      // The service was removed from knowledge/ while this draft waited.
      await cancelDraft(db, app.id, clock());
      return 'question';
    }
    const outcome = advance(def, app, input);
    switch (outcome.kind) {
      case 'question':
        return 'question';
      case 'invalid':
        await showStep(worker, app, lang, inboundId, invalidText(outcome.reason, lang, t, outcome));
        return 'done';
      case 'cancel':
        await db.transaction(async (tx) => {
          if (await cancelDraft(tx, app.id, clock())) await send(worker, lang, { text: t(lang, 'svc-cancelled') }, `svc:${inboundId}`, tx);
        });
        log.info('services.cancelled', { applicationId: app.id, service: app.service, step: app.step });
        break;
      case 'person':
        await toPerson(worker, app, def, lang);
        break;
      case 'submit':
        await submitApplication(caseSettings, {
          worker,
          app,
          def,
          lang,
          inboundId,
          route: routeFor(routes, def.id, app.answers),
          union: unionOf(def, app.answers, lang),
        });
        log.info('services.submitted', { applicationId: app.id, service: app.service });
        break;
      case 'moved': {
        const next = { ...app, ...outcome.draft, rev: app.rev + 1 };
        await db.transaction(async (tx) => {
          if (!(await saveDraftStep(tx, app.id, app.rev, { ...outcome.draft, lang, inboundId }, clock()))) return;
          await showStep(worker, next, lang, inboundId, outcome.note?.[lang], tx);
        });
      }
    }
    outbox.kick();
    return 'done';
  }

  const isVerb = (v: string): v is Verb => (VERBS as readonly string[]).includes(v);

  return {
    async take(worker, text, lang, inboundId) {
      if (worker.has_draft === false) return { state: 'none' }; // read with the worker: no draft to look up
      const app = await findDraft(db, worker.id);
      if (!app) return { state: 'none' };
      if (app.lastInbound === inboundId) return { state: 'taken' }; // a replay: this update moved it already
      const triaged = await triage?.classify(text);
      if (triaged?.outcome === 'urgent') return { state: 'paused', triage: triaged };
      const l = worker.lang ?? app.lang ?? lang;
      return (await step(worker, app, { text }, l, inboundId)) === 'question' ? { state: 'paused', triage: triaged } : { state: 'taken' };
    },

    offers: (reason) => definitions.has(reason),

    async offer(worker, decision: Decision, text, inboundId) {
      const service = decision.reason;
      if (!service || !definitions.has(service) || decision.escalation?.priority === 'urgent') return false;
      const draft = await findDraft(db, worker.id);
      const lang = worker.lang ?? decision.lang;
      if (draft) await showStep(worker, draft, lang, inboundId);
      else await begin(worker, service, lang, inboundId, text);
      return true;
    },

    async remind(worker, lang, inboundId) {
      const app = await findDraft(db, worker.id);
      const def = app && definitions.get(app.service);
      if (!def) return;
      await send(
        worker,
        lang,
        {
          text: t(lang, 'svc-paused', { title: def.title[lang] }),
          serviceButtons: [{ label: t(lang, 'svc-button-resume'), press: { resume: true } }],
        },
        `svc:${inboundId}:paused`,
      );
    },

    async menu(worker, lang, inboundId) {
      const app = await findDraft(db, worker.id);
      if (app && definitions.has(app.service)) await showStep(worker, app, worker.lang ?? app.lang ?? lang, inboundId);
      else await send(worker, lang, menuMessage(definitions, lang, t), `svc:${inboundId}`);
    },

    async press(worker, press: ServicePress, lang, inboundId) {
      if ('service' in press) {
        if (definitions.has(press.service)) await begin(worker, press.service, lang, inboundId);
        return;
      }
      const app = await findDraft(db, worker.id);
      const l = worker.lang ?? app?.lang ?? lang;
      if (!app || !definitions.has(app.service)) {
        await send(worker, lang, { text: t(lang, 'svc-nothing-to-resume') }, `svc:${inboundId}`);
        return;
      }
      if ('resume' in press) return void (await showStep(worker, app, l, inboundId));
      if (app.id !== press.application || app.rev !== press.rev || !isVerb(press.verb)) {
        // An old keyboard (or a replay of this very press): show where the worker is now.
        if (app.lastInbound !== inboundId) await showStep(worker, app, l, inboundId, t(l, 'svc-stale'));
        return;
      }
      await step(worker, app, { press: press.verb, arg: press.arg }, l, inboundId);
    },

    async ofCases(workerId) {
      const found = new Map<number, { title: LangText; status: string }>();
      for (const a of await applicationsOfWorker(db, workerId))
        if (a.caseId && a.meta) found.set(a.caseId, { title: a.meta.title, status: a.status });
      return found;
    },

    async forget(workerId) {
      await eraseWorkerApplications(db, workerId, clock());
    },

    async sweep(now = clock()) {
      const caseIds = await eraseExpiredApplications(db, new Date(now.getTime() - retentionDays * DAY_MS), now);
      for (const caseId of new Set(caseIds)) {
        await caseEffects(caseContext(caseSettings), db, now).desk(
          { kind: 'card_update', caseId },
          `case:${caseId}:card:erased:${now.getTime()}`,
        );
      }
      if (caseIds.length) log.info('services.retention_erased', { cases: caseIds.length });
      return caseIds.length;
    },
  };
}
