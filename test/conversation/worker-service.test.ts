import { describe, expect, it } from 'vitest';
import { storeKinds, useStore } from '../support/stores.js';
import { createOutbox } from '../../src/outbox/outbox.js';
import { createWorkerService, type CaseDesk } from '../../src/conversation/worker-service.js';
import { loadTranslator } from '../../src/i18n/translator.js';
import { recordInbound } from '../../src/store/inbox-store.js';
import type { Assistant, Decision } from '../../src/assistant/types.js';
import type { OutgoingWorkerMessage, WorkerIdentity } from '../../src/conversation/types.js';

/** A hand-written assistant: urgent when the text says so, escalates on '人工', else answers. */
const assistant: Assistant = {
  async respond({ text }): Promise<Decision> {
    if (text.includes('救命')) return { kind: 'escalate', lang: 'zh', text: '请立即拨打120', citations: [], confidence: 1, escalation: { priority: 'urgent', category: 'safety', summary: text } };
    if (text.includes('人工')) return { kind: 'escalate', lang: 'zh', text: '已为你转人工', citations: [], confidence: 1, escalation: { priority: 'normal', category: 'explicit_request', summary: text } };
    if (text.includes('出错')) throw new Error('assistant down');
    return { kind: 'answer', lang: 'zh', text: `答：${text}`, citations: [], confidence: 0.9 };
  },
};

/** An in-memory case desk that records what the worker side asked of it. */
function fakeCases() {
  const opened: Array<{ workerId: number; priority: string; category: string }> = [];
  const relayed: Array<{ caseId: number; text?: string; kind?: string }> = [];
  const desk: CaseDesk = {
    async openCase(input) { opened.push(input); return { id: opened.length }; },
    async activeCaseFor(workerId) { const i = opened.findIndex((c) => c.workerId === workerId); return i >= 0 ? { id: i + 1, status: 'open' } : undefined; },
    async addWorkerMessage(caseId, m) { relayed.push({ caseId, text: m.text, kind: m.attachment?.kind }); },
    async listForWorker() { return []; },
    async rate() {},
    async forgetWorker() {},
  };
  return { desk, opened, relayed };
}

describe.each(storeKinds)('worker service on %s', (kind) => {
  const store = useStore(kind);

  async function setup(chat: string) {
    const outbox = createOutbox({ db: store.db });
    const sent: OutgoingWorkerMessage[] = [];
    outbox.register('test', async (item) => { sent.push(item.payload as OutgoingWorkerMessage); });
    const cases = fakeCases();
    const service = createWorkerService({ db: store.db, outbox, assistant, cases: cases.desk, translate: loadTranslator() });
    const worker: WorkerIdentity = { channel: 'test', externalId: chat, chatId: chat };
    let n = 0;
    const send = async (text: string, attachment?: { kind: 'photo' }) => {
      const { message } = await recordInbound(store.db, { channel: 'test', externalId: `${chat}-${++n}`, payload: {} });
      await service.receive({ externalId: String(message.id), worker, text, attachment }, message.id);
      await outbox.drain();
    };
    return { service, sent, cases, send, worker };
  }

  it('answers with feedback buttons, and relays to the case once one is open', async () => {
    const { sent, cases, send } = await setup('c1');
    await send('加班费怎么算');
    expect(sent[0]).toMatchObject({ text: '答：加班费怎么算', buttons: ['helpful', 'not_helpful', 'human'] });
    await send('我要找人工');
    expect(cases.opened).toHaveLength(1);
    await send('我的工资条在这里');
    expect(cases.relayed).toEqual([{ caseId: 1, text: '我的工资条在这里', kind: undefined }]);
    expect(sent.at(-1)!.text).toContain('#1');
  });

  it('still gives safety information at once when a worker with an open case is at risk', async () => {
    const { sent, cases, send } = await setup('c2');
    await send('我要找人工');
    await send('救命 有人受伤');
    expect(sent.at(-1)!.text).toBe('请立即拨打120');
    expect(cases.opened.map((c) => c.priority)).toEqual(['normal', 'urgent']);
  });

  it('attaches evidence to an open case and explains when there is none', async () => {
    const { sent, cases, send } = await setup('c3');
    await send('', { kind: 'photo' });
    expect(sent.at(-1)!.buttons).toEqual(['human']);
    await send('我要找人工');
    await send('合同照片', { kind: 'photo' });
    expect(cases.relayed.at(-1)).toMatchObject({ kind: 'photo' });
  });

  it('never leaves the worker without a reply when handling fails', async () => {
    const { sent, cases, send } = await setup('c4');
    await send('系统出错了');
    expect(sent.at(-1)!.text).toContain('保存');
    expect(cases.opened.at(-1)).toMatchObject({ category: 'follow_up' });
  });

  it('asks for words when the message has none', async () => {
    const { sent, send } = await setup('c5');
    await send('😀😀😀');
    expect(sent.at(-1)!.text).toContain('/human');
  });
});
