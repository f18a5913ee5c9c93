/**
 * The worker side of the service, channel-neutral: a message comes in (already stored by the channel), is
 * triaged, the assistant decides, and the reply — an answer, a decline, or safety information and a case for
 * a person — goes out through the outbox. While a worker has an open case their messages and evidence are
 * only relayed to its thread (no answer pipeline, no conversation memory); a danger triage finds still gets
 * the safety reply at once, makes the case urgent and calls the on-duty group.
 */

import type { Assistant, Citation, Decision, Lang } from '../assistant/types.js';
import { detectLang } from '../i18n/detect-lang.js';
import type { Translate } from '../i18n/translator.js';
import { type Logger, silentLogger } from '../log.js';
import { type Metrics, unreadMetrics } from '../metrics/metrics.js';
import type { Outbox } from '../outbox/outbox.js';
import type { Db } from '../store/db.js';
import { forgetAskedQuestions, markNotHelpful, recordAskedQuestion } from '../store/question-store.js';
import { eraseWorkerMessages, forgetWorker, recordFeedback, setWorkerLang, upsertWorker, type Worker } from '../store/worker-store.js';
import type { TriageResult } from '../triage/types.js';
import { askedQuestion } from './asked-questions.js';
import { type FollowUpAnswer, parseFollowUpReply } from './follow-up-reply.js';
import type { Attachment, ServicePress, WorkerCaseStatus, WorkerIdentity, WorkerService } from './types.js';
import { enqueueToWorker, workerStream } from './worker-outbox.js';

/** What the worker side needs of the caring-person queue (implemented by cases/). */
export interface CaseDesk {
  openCase(input: {
    workerId: number;
    priority: 'urgent' | 'normal';
    category: string;
    summary?: string;
    workerText: string;
    botReply: string;
    citations: Citation[];
    lang: Lang;
  }): Promise<{ id: number }>;
  /**
   * The open case, or one resolved recently enough that writing again reopens it. `worker`: the row as upserted
   * for this message, whose `has_case` a desk over the same store may trust (false: there is none to look up).
   */
  activeCaseFor(workerId: number, worker?: Pick<Worker, 'has_case'>): Promise<{ id: number; status: string } | undefined>;
  /** With `urgent` (a danger category), the case becomes urgent and the on-duty group is alerted. */
  addWorkerMessage(
    caseId: number,
    message: { text?: string; attachment?: Attachment },
    dedupeKey: string,
    options?: { urgent?: string },
  ): Promise<void>;
  listForWorker(workerId: number): Promise<WorkerCaseStatus[]>;
  rate(caseId: number, workerId: number, rating: number): Promise<void>;
  /** A follow-up answer (a press of its buttons); false when no case of the worker waits for it. */
  followUp(workerId: number, reply: { caseId?: number; answer: FollowUpAnswer }): Promise<boolean>;
  forgetWorker(workerId: number): Promise<void>;
}

/**
 * What the worker side needs of the guided applications (implemented by services/): a flow in progress
 * takes the worker's typed answers; an escalation whose reason is a service (join_union, legal_aid,
 * hardship, callback) becomes the offer of its application instead of a free-text case.
 */
export interface ServiceApplications {
  /** A message while a flow is open: `taken` as the step's answer, or `paused` (a question, someone at risk) for the usual path. */
  take(worker: Worker, text: string, lang: Lang, inboundId: number): Promise<{ state: 'none' | 'taken' | 'paused'; triage?: TriageResult }>;
  /** Whether an escalation reason is one of the union's services (it starts an application, not a case). */
  offers(reason: string): boolean;
  /** Offers the application of the decision's reason; false when the reason is not a service. */
  offer(worker: Worker, decision: Decision, text: string, inboundId: number): Promise<boolean>;
  /** After the usual answer to a paused flow's message: how to go on with it. */
  remind(worker: Worker, lang: Lang, inboundId: number): Promise<void>;
  menu(worker: Worker, lang: Lang, inboundId: number): Promise<void>;
  press(worker: Worker, press: ServicePress, lang: Lang, inboundId: number): Promise<void>;
  /** The application of each of the worker's cases, for /case. */
  ofCases(workerId: number): Promise<Map<number, NonNullable<WorkerCaseStatus['application']>>>;
  forget(workerId: number): Promise<void>;
}

/** Erases a worker's stored conversation (implemented by the assistant's conversation store). */
export type ForgetConversation = (workerId: number) => Promise<void>;

/** Triage of every worker message (the assistant's composition provides it, with the LLM pass when configured). */
export interface MessageTriage {
  classify(text: string): Promise<TriageResult>;
}

/** The worker's last question and the bot's reply (conversation memory), for a case opened by /human. */
export type LastExchange = (workerId: number) => Promise<{ question: string; reply: string; citations: Citation[] } | undefined>;

/** Asks for the erased values to be vacuumed out of the database files (store/erasure-vacuum.ts). */
export type RequestVacuum = () => void;

export interface WorkerServiceOptions {
  db: Db;
  outbox: Outbox;
  assistant: Assistant;
  triage: MessageTriage;
  /** The safety reply of a danger category (`ReplyTexts.urgent` of knowledge/policy/replies.json). */
  safetyReply: (lang: Lang, category: string) => string;
  cases: CaseDesk;
  translate: Translate;
  forgetConversation?: ForgetConversation;
  lastExchange?: LastExchange;
  /** Answers less sure than this count as unanswered in the listening report (answering.json `confidence.unsureBelow`). */
  unsureBelow?: number;
  clock?: () => Date;
  /** The union's services as guided applications; without them, a service request is a case as any other. */
  applications?: ServiceApplications;
  vacuum?: RequestVacuum;
  log?: Logger;
  /** Messages in by channel; decisions by kind and category, with their latency. */
  metrics?: Metrics;
}

export function createWorkerService({
  db,
  outbox,
  assistant,
  triage,
  safetyReply,
  cases,
  translate,
  forgetConversation = async () => {},
  lastExchange = async () => undefined,
  vacuum = () => {},
  applications,
  unsureBelow = 0.6,
  clock = () => new Date(),
  log = silentLogger,
  metrics = unreadMetrics,
}: WorkerServiceOptions): WorkerService {
  const identify = (w: WorkerIdentity, inboundId?: number) =>
    upsertWorker(
      db,
      { channel: w.channel, externalId: w.externalId, chatId: w.chatId, displayName: w.displayName, username: w.username },
      { inboundId },
    );

  const say = (
    worker: Worker,
    lang: Lang,
    key: string,
    dedupeKey: string,
    args: Record<string, string | number> = {},
    buttons?: Array<'human'>,
  ) => enqueueToWorker(outbox, worker, { lang, text: translate(lang, key, args), buttons }, { dedupeKey });

  async function reply(worker: Worker, decision: Decision, inboundId: number): Promise<void> {
    // A question back to the worker (the one fact a calculation needs) offers its choices, not feedback.
    const asking = Boolean(decision.choices?.length);
    await enqueueToWorker(
      outbox,
      worker,
      {
        lang: decision.lang,
        text: decision.text,
        buttons: decision.kind === 'answer' ? (asking ? ['human'] : ['helpful', 'not_helpful', 'human']) : undefined,
        answerId: decision.kind === 'answer' && !asking ? inboundId : undefined,
        choices: decision.choices,
      },
      { dedupeKey: `reply:${inboundId}`, priority: decision.escalation?.priority === 'urgent' ? 1 : 0 },
    ); // safety information first
  }

  async function handleText(worker: Worker, text: string, lang: Lang, inboundId: number, shared = false): Promise<void> {
    // A press of a follow-up button ("was it solved?") is an answer to the case, not a question; a stale
    // press (answered already) is dropped rather than relayed as words.
    const followUp = parseFollowUpReply(text);
    if (followUp && ((await cases.followUp(worker.id, followUp)) || followUp.caseId !== undefined)) return;
    // A flow in progress takes its answers first; a question or a risk in the middle is answered as usual.
    // A group is never asked for personal data: there a service request is a case, as without the flows.
    const flows = shared ? undefined : applications;
    const flow = (await flows?.take(worker, text, worker.lang ?? lang, inboundId)) ?? { state: 'none' };
    if (flow.state === 'taken') return;
    const triaged = flow.triage ?? (await triage.classify(text));
    const active = await cases.activeCaseFor(worker.id, worker);
    // Asking for a union service after a case was resolved is a new application, not more of the old case.
    const newService = active?.status === 'resolved' && triaged.outcome === 'escalate' && Boolean(flows?.offers(triaged.category));
    if (active && !newService) {
      // Relay is relay: the thread gets the words and the person on the case answers. Writing to a recently
      // resolved case reopens it, and then the bot also answers new questions itself, as before.
      const urgent = triaged.outcome === 'urgent' ? triaged.category : undefined;
      await cases.addWorkerMessage(active.id, { text }, `in:${inboundId}`, { urgent });
      if (urgent) {
        await enqueueToWorker(outbox, worker, { lang, text: safetyReply(lang, urgent) }, { dedupeKey: `reply:${inboundId}` });
        return;
      }
      if (active.status !== 'resolved') {
        await say(worker, lang, 'worker-relayed', `reply:${inboundId}`, { caseId: active.id });
        return;
      }
    }
    const started = performance.now();
    const decision = await assistant.respond({ workerId: worker.id, text, lang: worker.lang ?? lang, triage: triaged });
    metrics.observeDecision(decision.kind, decision.reason ?? 'none', performance.now() - started);
    // The listening report's record; losing it must not cost the worker their reply.
    await recordAskedQuestion(db, askedQuestion(decision, text, { inboundId, at: clock(), unsureBelow })).catch((error) =>
      log.warn('worker.record_question_failed', { inboundId, error }),
    );
    // Asking for a service is a new application (no open case here, or only a resolved one).
    if (decision.kind === 'escalate' && (await flows?.offer(worker, decision, text, inboundId))) return;
    await reply(worker, decision, inboundId);
    if (decision.kind === 'escalate') await openCase(worker, text, decision);
    if (flow.state === 'paused' && decision.escalation?.priority !== 'urgent') await flows?.remind(worker, decision.lang, inboundId);
  }

  function openCase(worker: Worker, text: string, decision: Decision) {
    const escalation = decision.escalation ?? { priority: 'normal' as const, category: 'follow_up' };
    return cases.openCase({
      workerId: worker.id,
      priority: escalation.priority,
      category: escalation.category,
      workerText: text,
      botReply: decision.text,
      citations: decision.citations,
      lang: decision.lang,
    });
  }

  return {
    async receive(message, inboundId) {
      metrics.countMessage(message.worker.channel, 'in');
      const worker = await identify(message.worker, inboundId);
      const text = message.text?.trim() ?? '';
      const lang: Lang = worker.lang ?? detectLang(text) ?? message.lang ?? 'zh';
      try {
        if (message.attachment) {
          const active = await cases.activeCaseFor(worker.id, worker);
          if (active) {
            await cases.addWorkerMessage(active.id, { text: text || undefined, attachment: message.attachment }, `in:${inboundId}`);
            await say(worker, lang, 'worker-attachment-added', `reply:${inboundId}`, { caseId: active.id });
          } else {
            await say(worker, lang, 'worker-attachment-no-case', `reply:${inboundId}`, {}, ['human']);
          }
          return;
        }
        if (!/[\p{L}\p{N}]/u.test(text)) {
          await say(worker, lang, 'worker-empty', `reply:${inboundId}`);
          return;
        }
        await handleText(worker, text, lang, inboundId, message.worker.shared);
      } catch (error) {
        // The worker must never be left without an answer: hand the message to a person, and say so only
        // once that is true. If even the case cannot be opened, the channel's journal decides what next.
        log.error('worker.handle_failed', { inboundId, error });
        try {
          await cases.openCase({
            workerId: worker.id,
            priority: 'normal',
            category: 'follow_up',
            summary: text ? undefined : '(attachment)',
            workerText: text,
            botReply: translate(lang, 'worker-saved-follow-up'),
            citations: [],
            lang,
          });
        } catch (e) {
          log.error('worker.fallback_case_failed', { inboundId, error: e });
          throw error;
        }
        await say(worker, lang, 'worker-saved-follow-up', `fail:${inboundId}`);
      }
    },

    async requestHuman(identity, inboundId, lang) {
      metrics.countMessage(identity.channel, 'in');
      const worker = await identify(identity, inboundId);
      const l: Lang = worker.lang ?? lang ?? 'zh';
      const active = await cases.activeCaseFor(worker.id, worker);
      if (active) {
        // A recently resolved case is reopened: the request must reach a person again. An open one already
        // has their attention: asking again adds nothing to its thread.
        if (active.status === 'resolved') await cases.addWorkerMessage(active.id, { text: '/human' }, `in:${inboundId}`);
        await say(worker, l, 'worker-human-existing', `reply:${inboundId}`, { caseId: active.id });
        return;
      }
      // The card carries what the worker asked just before and what the bot answered: staff do not start blind.
      const before = await lastExchange(worker.id).catch(() => undefined);
      await cases.openCase({
        workerId: worker.id,
        priority: 'normal',
        category: 'explicit_request',
        summary: before ? undefined : translate(l, 'worker-human-summary'),
        workerText: before?.question ?? '/human',
        botReply: before?.reply ?? '',
        citations: before?.citations ?? [],
        lang: l,
      });
    },

    async feedback(identity, answerId, helpful, inboundId) {
      const worker = await identify(identity);
      await recordFeedback(db, worker.id, answerId, helpful);
      if (!helpful) await markNotHelpful(db, answerId);
      const l: Lang = worker.lang ?? 'zh';
      if (helpful) await say(worker, l, 'worker-feedback-thanks', `reply:${inboundId}`);
      else await say(worker, l, 'worker-feedback-sorry', `reply:${inboundId}`, {}, ['human']);
    },

    async rate(identity, caseId, rating, _inboundId) {
      const worker = await identify(identity);
      await cases.rate(caseId, worker.id, rating);
    },

    async cases(identity) {
      const worker = await identify(identity);
      const list = await cases.listForWorker(worker.id);
      const ofCases = await applications?.ofCases(worker.id);
      return ofCases?.size ? list.map((c) => ({ ...c, application: ofCases.get(c.id) })) : list;
    },

    async services(identity, inboundId, lang) {
      const worker = await identify(identity, inboundId);
      await applications?.menu(worker, worker.lang ?? lang ?? 'zh', inboundId);
    },

    async press(identity, press, inboundId, lang) {
      metrics.countMessage(identity.channel, 'in');
      const worker = await identify(identity, inboundId);
      await applications?.press(worker, press, worker.lang ?? lang ?? 'zh', inboundId);
    },

    async setLanguage(identity, lang) {
      await setWorkerLang(db, (await identify(identity)).id, lang);
    },

    async language(identity) {
      return (await identify(identity)).lang;
    },

    async forget(identity) {
      const worker = await identify(identity);
      await applications?.forget(worker.id);
      await cases.forgetWorker(worker.id);
      await forgetConversation(worker.id);
      await forgetAskedQuestions(db, worker.id);
      await eraseWorkerMessages(db, worker, workerStream(worker));
      await forgetWorker(db, worker.id);
      vacuum();
      log.info('worker.forgotten', { workerId: worker.id });
    },
  };
}
