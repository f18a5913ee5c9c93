/**
 * Builders for case tests: a case service on a real store and outbox, a worker inbox that records what
 * workers receive (channel `telegram`, like production), and a recording StaffDesk.
 */

import { type CaseServiceOptions, createCaseService } from '../../src/cases/case-service.js';
import { createStaffDeskDeliverer, STAFF_DESK_CHANNEL, staffDeskHooks } from '../../src/cases/staff-desk.js';
import type { CaseCard, CaseService, DeskMessage, DeskRef, OpenCaseInput, StaffDesk } from '../../src/cases/types.js';
import type { OutgoingWorkerMessage } from '../../src/conversation/types.js';
import { loadTranslator } from '../../src/i18n/translator.js';
import { silentLogger } from '../../src/log.js';
import type { RetryPolicy } from '../../src/outbox/delivery-error.js';
import { createOutbox, type Outbox } from '../../src/outbox/outbox.js';
import type { Db } from '../../src/store/db.js';
import { upsertWorker, type Worker } from '../../src/store/worker-store.js';

export const translate = loadTranslator();
export const staffA = { id: 'U_STAFF_A', name: '李娟' };
export const staffB = { id: 'U_STAFF_B', name: '王强' };

let workerCounter = 0;
export async function aWorker(
  db: Db,
  overrides: Partial<{ channel: string; displayName: string; username: string }> = {},
): Promise<Worker> {
  const n = ++workerCounter;
  return upsertWorker(db, {
    channel: overrides.channel ?? 'telegram',
    externalId: `${process.pid}-${Date.now()}-${n}`,
    chatId: `chat-${n}-${Date.now()}`,
    displayName: overrides.displayName ?? '张三',
    username: overrides.username ?? 'zhangsan',
  });
}

export function anEscalation(workerId: number, overrides: Partial<OpenCaseInput> = {}): OpenCaseInput {
  return {
    workerId,
    priority: 'normal',
    category: 'wage_arrears',
    summary: '职工反映公司拖欠工资三个月',
    workerText: '我在深圳华强电子有限公司干了三年，老板拖欠3个月工资共15000元',
    botReply: '根据《中华人民共和国劳动合同法》第三十条，用人单位应当按时足额支付劳动报酬……',
    citations: [
      {
        passageId: 1,
        title: '中华人民共和国劳动合同法',
        article: 30,
        label: '《中华人民共和国劳动合同法》第三十条',
        effective: '2013-07-01',
      },
    ],
    lang: 'zh',
    ...overrides,
  };
}

/** What workers received, by chat id, through the outbox channel 'telegram'. */
export function workerInbox(outbox: Outbox) {
  const received: OutgoingWorkerMessage[] = [];
  outbox.register('telegram', async (item) => {
    received.push(item.payload as OutgoingWorkerMessage);
  });
  return { received, to: (w: Worker) => received.filter((m) => m.chatId === w.chat_id) };
}

/** A StaffDesk that records what it was asked to show. */
export function recordingDesk() {
  const cards: CaseCard[] = [];
  const updates: Array<{ ref: DeskRef; card: CaseCard }> = [];
  const posts: Array<{ message: DeskMessage; thread?: DeskRef }> = [];
  const redacted: DeskRef[] = [];
  let ts = 0;
  const desk: StaffDesk = {
    async postCard(card) {
      cards.push(card);
      return { channel: 'CDESK', ts: `card.${card.id}.${++ts}` };
    },
    async updateCard(ref, card) {
      updates.push({ ref, card });
    },
    async post(message, thread) {
      posts.push({ message, thread });
      return { channel: 'CDESK', ts: `post.${++ts}` };
    },
    async redact(ref) {
      redacted.push(ref);
    },
  };
  return { desk, cards, updates, posts, redacted };
}

export const fastRetry: RetryPolicy = { maxAttempts: 30, baseDelayMs: 20, maxDelayMs: 200 };

export interface CaseRig {
  cases: CaseService;
  outbox: Outbox;
  inbox: ReturnType<typeof workerInbox>;
}

/** A case service with its outbox; registers the worker inbox and, when given, the staff desk. */
export function caseRig(
  db: Db,
  {
    desk,
    clock,
    retry = fastRetry,
    pollMs = 20,
    leaseMs,
    batchSize,
    ...options
  }: Partial<CaseServiceOptions> & { desk?: StaffDesk; retry?: RetryPolicy; pollMs?: number; leaseMs?: number; batchSize?: number } = {},
): CaseRig {
  const outbox = createOutbox({ db, clock, retry, pollMs, leaseMs, batchSize });
  const inbox = workerInbox(outbox);
  if (desk) outbox.register(STAFF_DESK_CHANNEL, createStaffDeskDeliverer({ db, desk, clock }), staffDeskHooks(silentLogger));
  const cases = createCaseService({ db, outbox, translate, clock, ...options });
  return { cases, outbox, inbox };
}
