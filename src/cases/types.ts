/**
 * The caring-person queue's plain data and its StaffDesk port. No Slack or Telegram types: a desk (Slack,
 * the console) turns these into its own messages, and turns its users' clicks into calls on CaseService.
 */

import type { Citation, Lang } from '../assistant/types.js';
import type { Attachment, WorkerCaseStatus } from '../conversation/types.js';
import type { ApplicationStatus, LangText } from '../store/application-store.js';
import type { CasePriority, CaseRecord, CaseStatus } from '../store/case-store.js';
import type { Worker } from '../store/worker-store.js';
import type { FollowUpAnswer } from './follow-up.js';

export type { ApplicationStatus, CasePriority, CaseStatus, LangText };
/** A case as the core keeps it. */
export type Case = CaseRecord;

/** A member of staff as the desk knows them: `id` is the desk's own (a Slack user id, 'console'). */
export interface Staff {
  id: string;
  name: string;
}

/** Facts picked out of the worker's words for the intake summary (simple patterns, never authoritative). */
export interface IntakeFacts {
  employers?: string[];
  dates?: string[];
  amounts?: string[];
  yearsWorked?: string[];
  people?: string[];
}

/** Everything a desk shows about one case. */
export interface CaseCard {
  id: number;
  status: CaseStatus;
  priority: CasePriority;
  category: string;
  /** What staff see of the worker: the pseudonym, plus name and handle only if the worker chose to share them. */
  worker: string;
  summary: string | null;
  workerText: string | null;
  botReply: string | null;
  citations: string[];
  facts: IntakeFacts;
  assignee?: Staff;
  openedAt: Date;
  slaDueAt: Date | null;
  resolvedAt: Date | null;
  rating: number | null;
  /** The worker used /forget: texts are gone, the card is a tombstone. */
  forgotten: boolean;
  deskRef?: DeskRef;
  /** The guided application the case carries (services/), shown as typed fields. */
  application?: ApplicationCard;
}

/** What a card shows of a guided application: its kind, the answers, the staff checklist, where it goes. */
export interface ApplicationCard {
  id: number;
  /** The service's id (join_union, legal_aid, hardship, callback) and its kind (membership, …). */
  service: string;
  kind: string;
  title: LangText;
  status: ApplicationStatus;
  fields: Array<{ label: LangText; value: LangText | null }>;
  checklist: { zh: string[]; en: string[] };
  /** The union that receives it (APPLICATION_ROUTES); null = the federation's own queue. */
  union: string | null;
  /** The desk channel of that union, when it has its own. */
  deskChannel: string | null;
  /** Staff's last reason or question, as the worker was told it. */
  note: string | null;
  /** The worker agreed to show staff their name and account for this application. */
  shareIdentity: boolean;
  /** Personal fields were erased (retention, /forget). */
  erased: boolean;
}

export type ApplicationVerdict = 'approve' | 'decline' | 'more';

/**
 * Port: staff decide on an application (implemented by services/, called by the desks).
 *
 * @example
 *   await decisions.decide(42, staff, 'more', '请补充工资条照片');
 */
export interface ApplicationDecisions {
  /** Approve, decline with a reason, or ask for more; false when it was decided already. */
  decide(caseId: number, staff: Staff, verdict: ApplicationVerdict, note?: string): Promise<boolean>;
}

/** Where a post lives on the desk (Slack: channel id + message ts). */
export interface DeskRef {
  channel: string;
  ts: string;
}

export type CaseEventKind =
  | 'claimed'
  | 'resolved'
  | 'reopened'
  | 'priority_changed'
  | 'rated'
  | 'closed'
  | 'forgotten'
  | 'follow_up_solved'
  | 'follow_up_unsolved'
  | 'application_submitted'
  | 'application_approved'
  | 'application_declined'
  | 'application_more_info';

/** A message about a case, shown in its thread (or, for reminders and alerts, in the channel). */
export type DeskMessage =
  | { kind: 'worker_message'; caseId: number; from: string; text: string | null; attachment: Attachment | null }
  | { kind: 'case_event'; caseId: number; event: CaseEventKind; by?: Staff; priority?: CasePriority; rating?: number; note?: string }
  | { kind: 'sla_reminder'; caseId: number; priority: CasePriority; category: string; waitingMinutes: number; card?: DeskRef }
  /** A worker in an open case wrote something that triage found urgent: the on-duty group is called. */
  | { kind: 'urgent_alert'; caseId: number; category: string; card?: DeskRef }
  /** A staff note kept on the desk (the console's `:note`); Slack threads are notes by themselves. */
  | { kind: 'staff_note'; caseId: number; by: Staff; text: string | null }
  /** What was sent to the worker, once their channel accepted it (`at`), or that it could not be delivered. */
  | { kind: 'reply_delivered'; caseId: number; by: Staff; text: string | null; at: Date }
  | { kind: 'reply_undelivered'; caseId: number; by: Staff; text: string | null };

/**
 * Port: show cases to staff. Defined here, implemented by the Slack desk and the console desk, called by
 * the outbox deliverer for channel `staffdesk` (see staff-desk.ts). Throw `DeliveryError` to say whether to retry.
 *
 * @example
 *   const ref = await desk.postCard(card);           // { channel: 'C123', ts: '1700000000.000100' }
 *   await desk.post({ kind: 'case_event', caseId: 42, event: 'claimed', by: staff }, ref);
 */
export interface StaffDesk {
  /** Posts a new case card; returns where it lives so the case's later posts go to its thread. */
  postCard(card: CaseCard): Promise<DeskRef>;
  /** Re-renders a posted card after a change (claimed, resolved, priority…). */
  updateCard(ref: DeskRef, card: CaseCard): Promise<void>;
  /** Posts a message: in the card's thread when `thread` is given, else in the cases channel. */
  post(message: DeskMessage, thread?: DeskRef): Promise<DeskRef>;
  /** Replaces a posted message that carried a worker's words with a removal notice (/forget). */
  redact(ref: DeskRef): Promise<void>;
}

export type CaseErrorCode = 'not_found' | 'closed' | 'invalid_rating' | 'not_application' | 'invalid_note';

/** A case request that cannot be done; desks show staff why. */
export class CaseError extends Error {
  override name = 'CaseError';
  constructor(
    message: string,
    readonly code: CaseErrorCode,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface OpenCaseInput {
  workerId: number;
  priority: CasePriority;
  category: string;
  /** The line queue views show; default: the worker's words, shortened (intake-facts.ts). */
  summary?: string;
  workerText: string;
  botReply: string;
  citations: Citation[];
  lang: Lang;
}

/** What claiming did: `changed` is false for a second click, or when someone else holds the case. */
export interface ClaimResult {
  changed: boolean;
  card: CaseCard;
}

/**
 * The caring-person queue. Worker-side methods are what the WorkerService (conversation/) calls; staff-side
 * methods are what desks call after checking the person is staff. Every state change and its outgoing
 * effects (card, thread post, worker message) are written in one transaction through the outbox.
 *
 * @example
 *   const c = await cases.openCase({ workerId: 7, priority: 'urgent', category: 'safety', summary, workerText, botReply, citations, lang: 'zh' });
 *   await cases.claim(c.id, { id: 'U123', name: '李娟' });
 *   await cases.staffReply(c.id, { id: 'U123', name: '李娟' }, '请把工资条发给我看看', '1700000000.000200');
 *   await cases.staffNote(c.id, { id: 'console', name: 'console' }, '先核实劳动合同', 'console:1');
 */
export interface CaseService {
  openCase(input: OpenCaseInput): Promise<Case>;
  /**
   * The worker's active case, or one resolved within the reopen window (their next message reopens it). With the
   * worker row upsertWorker read for the message, `has_case` false answers without a lookup.
   */
  activeCaseFor(workerId: number, worker?: Pick<Worker, 'has_case'>): Promise<Case | undefined>;
  /**
   * Adds a worker's message to the case's thread (reopening a recently resolved case). With `urgent` (the
   * danger category triage found), the case becomes urgent and the on-duty group is alerted, in the same change.
   */
  addWorkerMessage(
    caseId: number,
    message: { text?: string; attachment?: Attachment },
    dedupeKey: string,
    options?: { urgent?: string },
  ): Promise<void>;
  listForWorker(workerId: number): Promise<WorkerCaseStatus[]>;
  rate(caseId: number, workerId: number, rating: number): Promise<void>;
  /**
   * A worker's answer to a follow-up question (consent, or whether it was solved: "no" reopens the case).
   * False when none of their cases waits for it.
   */
  followUp(workerId: number, reply: { caseId?: number; answer: FollowUpAnswer }): Promise<boolean>;
  forgetWorker(workerId: number): Promise<void>;

  card(caseId: number): Promise<CaseCard | undefined>;
  findByDeskRef(ref: DeskRef): Promise<Case | undefined>;
  claim(caseId: number, staff: Staff): Promise<ClaimResult>;
  /**
   * Sends a staff message to the worker once per `dedupeKey` (e.g. the Slack message ts); the thread is told
   * when it was delivered. Only what staff send explicitly goes to the worker: the thread itself is internal.
   */
  staffReply(caseId: number, staff: Staff, text: string, dedupeKey: string): Promise<void>;
  /** Keeps an internal note on the case (the console desk's `:note`); never sent to the worker. */
  staffNote(caseId: number, staff: Staff, text: string, dedupeKey: string): Promise<void>;
  resolve(caseId: number, staff: Staff): Promise<ClaimResult>;
  changePriority(caseId: number, staff: Staff, priority: CasePriority): Promise<ClaimResult>;
  /** Unclaimed cases, urgent first, then oldest first. */
  queue(): Promise<CaseCard[]>;
  assignedTo(staffId: string): Promise<CaseCard[]>;
  /** Logs an attempt by someone who is not staff (the desk already refused it). */
  recordRefusal(caseId: number | undefined, who: Staff, action: string): Promise<void>;
  /**
   * Posts one reminder per SLA breach, closes resolved cases past the reopen window, asks the follow-ups that
   * are due. Returns reminders posted.
   */
  checkSla(now?: Date): Promise<number>;
}
