/** The Telegram channel with the real WorkerService (hand-written assistant and case desk). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assistant, Decision } from '../../../src/assistant/types.js';
import { type CaseDesk, createWorkerService } from '../../../src/conversation/worker-service.js';
import { loadTranslator } from '../../../src/i18n/translator.js';
import { fakeTriage, safetyReply } from '../../conversation/fake-triage.js';
import { storeKinds, useStore } from '../../support/stores.js';
import { callbackUpdate, fileUpdate, type Harness, startHarness, textUpdate } from './support.js';

const assistant: Assistant = {
  async respond({ text, lang }): Promise<Decision> {
    if (text.includes('人工'))
      return {
        kind: 'escalate',
        lang: 'zh',
        text: '已为你转人工',
        citations: [],
        confidence: 1,
        escalation: { priority: 'normal', category: 'explicit_request' },
      };
    const zh = lang ? lang === 'zh' : /\p{Script=Han}/u.test(text);
    return {
      kind: 'answer',
      lang: zh ? 'zh' : 'en',
      confidence: 0.9,
      citations: [],
      text: zh
        ? `用人单位应当按时足额支付工资。\n《中华人民共和国劳动合同法》第三十条 用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。`
        : 'Your employer must pay wages in full and on time.',
    };
  },
};

function caseDesk() {
  const opened: Array<{ workerId: number; category: string }> = [];
  const evidence: Array<{ caseId: number; kind?: string }> = [];
  const desk: CaseDesk = {
    async openCase(input) {
      opened.push(input);
      return { id: opened.length };
    },
    async activeCaseFor(workerId) {
      const i = opened.findIndex((c) => c.workerId === workerId);
      return i >= 0 ? { id: i + 1, status: 'open' } : undefined;
    },
    async addWorkerMessage(caseId, m) {
      evidence.push({ caseId, kind: m.attachment?.kind });
    },
    async listForWorker() {
      return [];
    },
    async rate() {},
    async followUp() {
      return false;
    },
    async forgetWorker() {},
  };
  return { desk, opened, evidence };
}

describe.each(storeKinds)('Telegram with the worker service on %s', (kind) => {
  const store = useStore(kind);
  const cases = caseDesk();
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(store.db, {
      workerService: (outbox) =>
        createWorkerService({
          db: store.db,
          outbox,
          assistant,
          triage: fakeTriage(),
          safetyReply,
          cases: cases.desk,
          translate: loadTranslator(),
        }),
    });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('answers with a bold citation, takes "not helpful", opens a case, attaches a pay slip', async () => {
    const chat = 4001;
    await h.post(textUpdate('公司拖欠工资怎么办', { chatId: chat }));
    await h.settle();
    expect(h.texts(chat)[0]).toContain('<b>《中华人民共和国劳动合同法》第三十条');
    const keyboard = (
      h.tg.sent('sendMessage', chat)[0]!.payload['reply_markup'] as { inline_keyboard: Array<Array<{ callback_data: string }>> }
    ).inline_keyboard;

    await h.post(callbackUpdate(keyboard[0]![1]!.callback_data, { chatId: chat }));
    await h.settle();
    expect(h.texts(chat).at(-1)).toContain('抱歉没能帮上忙');

    await h.post(callbackUpdate('human', { chatId: chat }));
    await h.settle();
    expect(cases.opened).toHaveLength(1);

    await h.post(fileUpdate('photo', { chatId: chat, caption: '工资条' }));
    await h.settle();
    expect(cases.evidence).toEqual([{ caseId: 1, kind: 'photo' }]);
    expect(h.texts(chat).at(-1)).toContain('#1');
  });

  it('follows the language the worker chose', async () => {
    const chat = 4002;
    await h.post(callbackUpdate('lang:en', { chatId: chat }));
    await h.post(textUpdate('公司拖欠工资怎么办', { chatId: chat }));
    await h.settle();
    expect(h.texts(chat)).toEqual(['OK, I will reply in English from now on.', 'Your employer must pay wages in full and on time.']);
  });
});
