/**
 * Builds what a desk shows about a case. Staff see the case pseudonym; the worker's name and handle only
 * when the worker chose to share their contact for a call back — or, for a case that carries a guided
 * application, when they agreed to it for that application; ID-card and bank-card numbers in the worker's
 * words only by their last four digits.
 */

import { maskCardNumbers } from '../privacy/mask.js';
import { type ApplicationRecord, applicationOfCase } from '../store/application-store.js';
import { type CaseRecord, type CaseWorkerFields, getCaseWithWorker } from '../store/case-store.js';
import type { Db } from '../store/db.js';
import { getWorker } from '../store/worker-store.js';
import type { ApplicationCard, CaseCard } from './types.js';

/** The application's part of the card, from what was written on submit (title, checklist and answers). */
export function applicationCard(a: ApplicationRecord | undefined): ApplicationCard | undefined {
  if (!a?.fields || !a.meta) return undefined;
  return {
    id: a.id,
    service: a.service,
    kind: a.meta.kind,
    title: a.meta.title,
    status: a.status,
    fields: a.fields.map((f) => ({ label: f.label, value: f.value })),
    checklist: a.meta.checklist,
    union: a.unionName,
    deskChannel: a.deskChannel,
    note: a.note,
    shareIdentity: a.shareIdentity === true,
    erased: a.erasedAt !== null,
  };
}

export function workerLabel(worker: CaseWorkerFields | undefined, application?: ApplicationCard): string {
  if (!worker) return '—';
  if (!(application ? application.shareIdentity : worker.share_contact)) return worker.pseudonym;
  const contact = [worker.display_name, worker.username ? `@${worker.username}` : null].filter(Boolean).join(' ');
  return contact ? `${worker.pseudonym} · ${contact}` : worker.pseudonym;
}

export function toCard(c: CaseRecord, worker: CaseWorkerFields | undefined, application?: ApplicationCard): CaseCard {
  return {
    id: c.id,
    status: c.status,
    priority: c.priority,
    category: c.category,
    worker: workerLabel(worker, application),
    summary: c.summary && maskCardNumbers(c.summary),
    // '/human' says nothing to staff beyond "asked for a person", which the summary already says.
    workerText: c.workerText?.startsWith('/') ? null : c.workerText && maskCardNumbers(c.workerText),
    botReply: c.botReply,
    citations: c.citations.map((x) => x.label).filter(Boolean),
    facts: c.facts,
    assignee: c.assigneeId ? { id: c.assigneeId, name: c.assigneeName ?? c.assigneeId } : undefined,
    openedAt: new Date(c.openedAt),
    slaDueAt: c.slaDueAt ? new Date(c.slaDueAt) : null,
    resolvedAt: c.resolvedAt ? new Date(c.resolvedAt) : null,
    rating: c.rating,
    forgotten: c.forgottenAt !== null,
    deskRef: c.deskChannel && c.deskTs ? { channel: c.deskChannel, ts: c.deskTs } : undefined,
    application,
  };
}

export async function loadCard(db: Db, caseId: number): Promise<CaseCard | undefined> {
  const found = await getCaseWithWorker(db, caseId);
  return found ? toCard(found.record, found.worker, applicationCard(await applicationOfCase(db, caseId))) : undefined;
}

export async function loadCards(db: Db, cases: CaseRecord[]): Promise<CaseCard[]> {
  return Promise.all(
    cases.map(async (c) => toCard(c, await getWorker(db, c.workerId), applicationCard(await applicationOfCase(db, c.id)))),
  );
}
