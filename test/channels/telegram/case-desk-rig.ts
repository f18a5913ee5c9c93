/**
 * The Telegram harness with the real WorkerService and the real caring-person queue behind it: a
 * hand-written assistant (answers by quoting the question), cases on the test store, and a recording
 * staff desk registered on the harness's outbox.
 */

import type { Assistant } from '../../../src/assistant/types.js';
import { createCaseService } from '../../../src/cases/case-service.js';
import { createStaffDeskDeliverer, STAFF_DESK_CHANNEL } from '../../../src/cases/staff-desk.js';
import { createWorkerService, type WorkerServiceOptions } from '../../../src/conversation/worker-service.js';
import { createConversationStore, forgetConversation } from '../../../src/store/conversation-store.js';
import type { Db } from '../../../src/store/db.js';
import { recordingDesk, translate } from '../../cases/case-fixtures.js';
import { fakeTriage, safetyReply } from '../../conversation/fake-triage.js';
import { type Harness, startHarness } from './support.js';

/** Answers every question by quoting it (so the worker's words reach the outbox too), and remembers the turn. */
export function quotingAssistant(db: Db): Assistant {
  const conversations = createConversationStore(db);
  return {
    async respond({ workerId, text, lang = 'zh' }) {
      await conversations.append({ workerId, role: 'worker', text, lang, at: new Date() });
      return { kind: 'answer', lang, text: `关于“${text}”：用人单位应当按时足额支付劳动报酬。`, citations: [], confidence: 0.9 };
    },
  };
}

type HarnessOptions = NonNullable<Parameters<typeof startHarness>[1]>;

export async function startCaseDeskHarness(
  db: Db,
  options: Omit<HarnessOptions, 'workerService'> & { service?: Partial<WorkerServiceOptions> } = {},
): Promise<Harness & { staff: ReturnType<typeof recordingDesk> }> {
  const staff = recordingDesk();
  const { service, ...channelOptions } = options;
  const h = await startHarness(db, {
    ...channelOptions,
    workerService: (outbox) => {
      outbox.register(STAFF_DESK_CHANNEL, createStaffDeskDeliverer({ db, desk: staff.desk }));
      const cases = createCaseService({ db, outbox, translate });
      return createWorkerService({
        db,
        outbox,
        cases,
        translate,
        assistant: quotingAssistant(db),
        triage: fakeTriage(),
        safetyReply,
        forgetConversation: (id) => forgetConversation(db, id),
        ...service,
      });
    },
  });
  return Object.assign(h, { staff });
}
