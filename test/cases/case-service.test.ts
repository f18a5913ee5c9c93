import { describe, expect, it } from 'vitest';
import type { Assistant } from '../../src/assistant/types.js';
import { cardText, deskTexts } from '../../src/cases/case-text.js';
import { createStaffDeskDeliverer, STAFF_DESK_CHANNEL } from '../../src/cases/staff-desk.js';
import { CaseError } from '../../src/cases/types.js';
import { createConsoleDesk } from '../../src/channels/console/console-desk.js';
import { createWorkerService } from '../../src/conversation/worker-service.js';
import { buildListeningReport, reportPeriod } from '../../src/insights/listening-report.js';
import { getCase, listCaseEvents } from '../../src/store/case-store.js';
import { recordInbound } from '../../src/store/inbox-store.js';
import { setWorkerShareContact } from '../../src/store/worker-store.js';
import { fakeTriage, safetyReply } from '../conversation/fake-triage.js';
import { storeKinds, useStore } from '../support/stores.js';
import { anEscalation, aWorker, caseRig, recordingDesk, staffA, staffB, translate } from './case-fixtures.js';

describe.each(storeKinds)('case service on %s', (kind) => {
  const store = useStore(kind);

  it('opens a case with an intake summary, posts one card and tells the worker', async () => {
    const desk = recordingDesk();
    const { cases, outbox, inbox } = caseRig(store.db, { desk: desk.desk });
    const worker = await aWorker(store.db);
    const c = await cases.openCase(anEscalation(worker.id));
    await outbox.drain();
    expect(c.status).toBe('open');
    expect(desk.cards).toHaveLength(1);
    const card = desk.cards[0]!;
    expect(card).toMatchObject({ id: c.id, worker: worker.pseudonym, citations: ['《中华人民共和国劳动合同法》第三十条'] });
    expect(card.facts).toEqual({ employers: ['深圳华强电子有限公司'], amounts: ['15000元'], yearsWorked: ['三年'] });
    expect(JSON.stringify(card)).not.toContain('张三');
    expect(inbox.to(worker).map((m) => m.text)).toEqual([expect.stringContaining(`#${c.id}`)]);
    expect((await cases.card(c.id))!.deskRef).toEqual({ channel: 'CDESK', ts: expect.stringMatching(/^card\./) });
  });

  it('shows name and handle only when the worker chose to share contact', async () => {
    const { cases } = caseRig(store.db);
    const worker = await aWorker(store.db, { displayName: '赵六', username: 'zhao6' });
    await setWorkerShareContact(store.db, worker.id, true);
    const c = await cases.openCase(anEscalation(worker.id));
    expect((await cases.card(c.id))!.worker).toBe(`${worker.pseudonym} · 赵六 @zhao6`);
  });

  it('adds a second escalation to the active case and raises it to urgent', async () => {
    const desk = recordingDesk();
    const { cases, outbox } = caseRig(store.db, { desk: desk.desk });
    const worker = await aWorker(store.db);
    const first = await cases.openCase(anEscalation(worker.id));
    const second = await cases.openCase(anEscalation(worker.id, { priority: 'urgent', category: 'safety', workerText: '车间有人受伤了' }));
    await outbox.drain();
    expect(second.id).toBe(first.id);
    expect(second.priority).toBe('urgent');
    expect(desk.cards.filter((x) => x.id === first.id)).toHaveLength(1);
    expect(desk.posts.filter((p) => p.message.caseId === first.id).map((p) => p.message.kind)).toEqual(['worker_message', 'case_event']);
    expect(desk.posts[0]!.thread).toEqual((await cases.card(first.id))!.deskRef);
  });

  it('runs the whole life of a case: claim, reply, worker answers, resolve, rating; double clicks are harmless', async () => {
    const desk = recordingDesk();
    const { cases, outbox, inbox } = caseRig(store.db, { desk: desk.desk, signature: 'name' });
    const worker = await aWorker(store.db);
    const c = await cases.openCase(anEscalation(worker.id));

    const clicks = await Promise.all([cases.claim(c.id, staffA), cases.claim(c.id, staffA), cases.claim(c.id, staffB)]);
    expect(clicks.filter((r) => r.changed)).toHaveLength(1);
    expect(clicks.every((r) => r.card.assignee?.id === clicks.find((x) => x.changed)!.card.assignee?.id)).toBe(true);
    const assignee = clicks.find((r) => r.changed)!.card.assignee!;

    await cases.staffReply(c.id, assignee, '请把工资条发给我', '1700000000.000200');
    await cases.staffReply(c.id, assignee, '请把工资条发给我', '1700000000.000200'); // Slack retried the event
    expect((await getCase(store.db, c.id))!.status).toBe('waiting_on_worker');

    await cases.addWorkerMessage(c.id, { text: '好的，这是工资条' }, 'in:1');
    await cases.addWorkerMessage(c.id, { attachment: { kind: 'photo', fileId: 'F1' } }, 'in:2');
    await cases.addWorkerMessage(c.id, { text: '好的，这是工资条' }, 'in:1'); // replayed update
    expect((await getCase(store.db, c.id))!.status).toBe('in_progress');

    await cases.resolve(c.id, assignee);
    expect((await cases.resolve(c.id, assignee)).changed).toBe(false);
    await cases.rate(c.id, worker.id, 4);
    await outbox.drain();

    const texts = inbox.to(worker).map((m) => m.text);
    expect(texts.filter((t) => t.includes('请把工资条发给我'))).toEqual([`请把工资条发给我\n\n—— ${assignee.name}（工会娘家人）`]);
    expect(inbox.to(worker).find((m) => m.ratingForCase === c.id)).toBeDefined();
    expect(texts.at(-1)).toContain('谢谢');
    expect(desk.posts.filter((p) => p.message.kind === 'worker_message')).toHaveLength(2);
    expect((await getCase(store.db, c.id))!.rating).toBe(4);
    const events = (await listCaseEvents(store.db, c.id)).map((e) => e.kind);
    expect(events).toEqual(['opened', 'claimed', 'staff_reply', 'worker_message', 'worker_message', 'resolved', 'rated']);
    await expect(store.db.query('delete from case_events where case_id = $1', [c.id])).rejects.toThrow(/append-only/);
  });

  it('reopens a resolved case when the worker writes within the reopen window', async () => {
    let now = new Date('2026-03-01T08:00:00Z');
    const { cases } = caseRig(store.db, { clock: () => now, reopenDays: 7 });
    const worker = await aWorker(store.db);
    const c = await cases.openCase(anEscalation(worker.id));
    await cases.resolve(c.id, staffA);
    now = new Date('2026-03-05T08:00:00Z');
    const active = await cases.activeCaseFor(worker.id);
    expect(active?.id).toBe(c.id);
    await cases.addWorkerMessage(c.id, { text: '公司又不发了' }, 'in:9');
    expect((await getCase(store.db, c.id))!.status).toBe('in_progress');
    await cases.resolve(c.id, staffA);
    now = new Date('2026-03-20T08:00:00Z');
    expect(await cases.activeCaseFor(worker.id)).toBeUndefined();
    await cases.checkSla(now);
    expect((await getCase(store.db, c.id))!.status).toBe('closed');
  });

  it('posts one SLA reminder per breach, with an injected clock', async () => {
    let now = new Date('2026-03-01T08:00:00Z');
    const desk = recordingDesk();
    const { cases, outbox } = caseRig(store.db, { desk: desk.desk, clock: () => now, sla: { urgentMinutes: 10, normalMinutes: 240 } });
    const worker = await aWorker(store.db);
    const c = await cases.openCase(anEscalation(worker.id, { priority: 'urgent' }));
    now = new Date('2026-03-01T08:09:00Z');
    expect(await cases.checkSla(now)).toBe(0);
    now = new Date('2026-03-01T08:11:00Z');
    expect(await Promise.all([cases.checkSla(now), cases.checkSla(now)])).toEqual(expect.arrayContaining([1]));
    expect(await cases.checkSla(new Date('2026-03-01T08:30:00Z'))).toBe(0);
    await outbox.drain();
    const reminders = desk.posts.filter((p) => p.message.kind === 'sla_reminder');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.message).toMatchObject({ caseId: c.id, waitingMinutes: 11 });
    expect(reminders[0]!.thread).toBeUndefined();
  });

  it('forgets a worker: texts gone, tombstone kept, desk posts redacted', async () => {
    const desk = recordingDesk();
    const { cases, outbox } = caseRig(store.db, { desk: desk.desk });
    const worker = await aWorker(store.db);
    const c = await cases.openCase(anEscalation(worker.id));
    await cases.addWorkerMessage(c.id, { text: '我的身份证号是…' }, 'in:1');
    await cases.resolve(c.id, staffA);
    await cases.rate(c.id, worker.id, 5);
    await outbox.drain();
    await cases.forgetWorker(worker.id);
    await outbox.drain();
    const after = (await getCase(store.db, c.id))!;
    expect(after).toMatchObject({
      summary: null,
      workerText: null,
      botReply: null,
      facts: {},
      category: 'wage_arrears',
      priority: 'normal',
      rating: 5,
    });
    expect(after.forgottenAt).not.toBeNull();
    const [{ n }] = (await store.db.query<{ n: number }>(
      `select count(*)::int as n from case_messages where case_id = $1 and text is not null`,
      [c.id],
    )) as [{ n: number }];
    expect(n).toBe(0);
    expect(desk.redacted).toHaveLength(1);
    expect(desk.updates.at(-1)!.card.forgotten).toBe(true);
    await expect(cases.staffReply(c.id, staffA, 'hello?', 'x')).rejects.toBeInstanceOf(CaseError);
  });

  it('records refusals in the case log', async () => {
    const { cases } = caseRig(store.db);
    const worker = await aWorker(store.db);
    const c = await cases.openCase(anEscalation(worker.id));
    await cases.recordRefusal(c.id, { id: 'U_OUTSIDER', name: 'outsider' }, 'claim');
    const events = await listCaseEvents(store.db, c.id);
    expect(events.at(-1)).toMatchObject({ kind: 'refused', actorKind: 'other', actorId: 'U_OUTSIDER', detail: { action: 'claim' } });
  });

  it('lists the queue urgent first, then oldest', async () => {
    const { cases } = caseRig(store.db);
    const ids: number[] = [];
    for (const priority of ['normal', 'urgent', 'normal'] as const)
      ids.push((await cases.openCase(anEscalation((await aWorker(store.db)).id, { priority }))).id);
    const queue = (await cases.queue()).map((c) => c.id).filter((id) => ids.includes(id));
    expect(queue).toEqual([ids[1], ids[0], ids[2]]);
  });

  it('shows why, the question once, the facts once, the bot’s attempt and its sources', async () => {
    const desk = recordingDesk();
    const { cases, outbox } = caseRig(store.db, { desk: desk.desk });
    const c = await cases.openCase(anEscalation((await aWorker(store.db)).id, { summary: undefined, category: 'legal_aid' }));
    await outbox.drain();
    const text = cardText(desk.cards.find((k) => k.id === c.id)!, deskTexts(translate, 'zh'));
    expect(text).toContain('转人工原因: 申请法律援助');
    expect(text.split('老板拖欠3个月工资共15000元')).toHaveLength(2);
    expect(text.split('深圳华强电子有限公司')).toHaveLength(3); // in the words, and once among the facts
    expect(text).toContain('机器人的回答: 根据《中华人民共和国劳动合同法》第三十条');
    expect(text).toContain('引用条文: 《中华人民共和国劳动合同法》第三十条');
    expect((await getCase(store.db, c.id))!.summary).toBe(anEscalation(0).workerText);
  });

  it('makes a case urgent and calls the on-duty group when a worker in it writes about a danger, once', async () => {
    const desk = recordingDesk();
    const { cases, outbox } = caseRig(store.db, { desk: desk.desk });
    const c = await cases.openCase(anEscalation((await aWorker(store.db)).id));
    await cases.claim(c.id, staffA);
    await cases.addWorkerMessage(c.id, { text: '车间着火了' }, 'in:fire', { urgent: 'fire' });
    await cases.addWorkerMessage(c.id, { text: '车间着火了' }, 'in:fire', { urgent: 'fire' });
    await outbox.drain();
    expect((await getCase(store.db, c.id))!.priority).toBe('urgent');
    const alerts = desk.posts.filter((p) => p.message.kind === 'urgent_alert' && p.message.caseId === c.id);
    expect(alerts).toEqual([
      { message: { kind: 'urgent_alert', caseId: c.id, category: 'fire', card: expect.any(Object) }, thread: undefined },
    ]);
    expect((await listCaseEvents(store.db, c.id)).filter((e) => e.kind === 'urgent_message')).toHaveLength(1);
  });

  it('follows up: asks consent at resolution, asks after FOLLOW_UP_DAYS, and a "no" reopens the case', async () => {
    let now = new Date('2026-06-01T02:00:00Z');
    const desk = recordingDesk();
    const { cases, outbox, inbox } = caseRig(store.db, { desk: desk.desk, clock: () => now, followUpDays: 7 });
    const assistant: Assistant = {
      async respond({ text }) {
        return { kind: 'answer', lang: 'zh', text: `答：${text}`, citations: [], confidence: 0.9 };
      },
    };
    const workers = createWorkerService({
      db: store.db,
      outbox,
      assistant,
      triage: fakeTriage(),
      safetyReply,
      cases,
      translate,
      clock: () => now,
    });
    const worker = await aWorker(store.db);
    const identity = { channel: 'telegram', externalId: worker.external_id, chatId: worker.chat_id! };
    let n = 0;
    const press = async (text: string) => {
      const { message } = await recordInbound(store.db, { channel: 'telegram', externalId: `fu-${worker.id}-${++n}`, payload: {} });
      await workers.receive({ externalId: String(message.id), worker: identity, text }, message.id);
      await outbox.drain();
    };
    const c = await cases.openCase(anEscalation(worker.id));
    await cases.claim(c.id, staffA);
    await cases.resolve(c.id, staffA);
    await outbox.drain();
    const consent = inbox.to(worker).at(-1)!;
    expect(consent.text).toContain('7 天后');
    expect(consent.choices).toEqual([
      { value: `followup:${c.id}:agree`, label: '可以回访' },
      { value: `followup:${c.id}:decline`, label: '不用回访' },
    ]);
    await press(consent.choices![0]!.value);
    expect(inbox.to(worker).at(-1)!.text).toContain('7 天后我们会再问问你');
    expect((await getCase(store.db, c.id))!.status).toBe('resolved'); // the press did not reopen it

    now = new Date('2026-06-08T03:00:00Z');
    await cases.checkSla(now);
    await cases.checkSla(now);
    await outbox.drain();
    const question = inbox.to(worker).filter((m) => m.text.includes('现在解决了吗'));
    expect(question).toHaveLength(1);
    await press('还没解决'); // typed, as in the console
    const reopened = (await getCase(store.db, c.id))!;
    expect(reopened).toMatchObject({ status: 'in_progress', followUpSolved: false, assigneeId: staffA.id });
    expect(inbox.to(worker).at(-1)!.text).toContain('已重新打开');
    await press('还没解决'); // answered already: an ordinary message now (relayed to the reopened case)
    expect((await listCaseEvents(store.db, c.id)).filter((e) => e.kind === 'follow_up_unsolved')).toHaveLength(1);
    expect(desk.posts.some((p) => p.message.kind === 'case_event' && p.message.event === 'follow_up_unsolved')).toBe(true);
  });

  it('prints new cases and worker messages, and works the queue from typed commands', async () => {
    const { cases, outbox, inbox } = caseRig(store.db);
    const printed: string[] = [];
    const desk = createConsoleDesk({
      cases,
      translate,
      write: (s) => printed.push(s),
      report: (days) => buildListeningReport(store.db, reportPeriod(new Date(), days, 'Asia/Shanghai', { untilNow: true })),
    });
    outbox.register(STAFF_DESK_CHANNEL, createStaffDeskDeliverer({ db: store.db, desk: desk.desk }));
    const worker = await aWorker(store.db);
    const c = await cases.openCase(anEscalation(worker.id));
    await outbox.drain();
    expect(printed.join('')).toContain(`个案 #${c.id}`);
    expect(printed.join('')).toContain(worker.pseudonym);

    expect(await desk.command(':queue')).toContain(`#${c.id}`);
    expect(await desk.command(`:claim ${c.id}`)).toContain('已接手');
    expect(await desk.command(`:note ${c.id} 先核实是否签了劳动合同`)).toBe(`📝 #${c.id}`);
    expect(await desk.command(`:reply ${c.id} 请把劳动合同发来`)).toBe(`→ #${c.id}`);
    await outbox.drain();
    await outbox.drain();
    expect(printed.join('')).toContain('📝 console（内部备注）：先核实是否签了劳动合同');
    expect(printed.join('')).toMatch(/📤 已送达职工（console 发送，\d{4}-\d\d-\d\d \d\d:\d\d）：\n请把劳动合同发来/);
    await cases.addWorkerMessage(c.id, { text: '好的' }, 'in:c1');
    await outbox.drain();
    expect(printed.at(-1)).toContain(`${worker.pseudonym}：好的`);
    expect(await desk.command(`:case ${c.id}`)).toContain('深圳华强电子有限公司');
    expect(await desk.command(`:resolve ${c.id}`)).toContain('已解决');
    expect(await desk.command(':case 999999')).toContain('找不到');
    expect(await desk.command(':nonsense')).toContain(':queue');
    expect(await desk.command(':report 30')).toMatch(/^📊 倾听报告 · .*（30 天）\n\n职工提问：/);
    await outbox.drain();
    expect(inbox.to(worker).map((m) => m.text)).toEqual([
      expect.stringContaining('个案编号'),
      expect.stringContaining('已接手'),
      '请把劳动合同发来\n\n—— 工会娘家人',
      expect.stringContaining('1–5'),
      expect.stringContaining('7 天后再问问你'),
    ]);
  });

  it('serves the WorkerService as its case desk: escalate, relay into the thread, reopen after resolve', async () => {
    const desk = recordingDesk();
    const { cases, outbox, inbox } = caseRig(store.db, { desk: desk.desk });
    const assistant: Assistant = {
      async respond({ text }) {
        return text.includes('人工')
          ? {
              kind: 'escalate',
              lang: 'zh',
              text: '已为你转人工',
              citations: [],
              confidence: 1,
              escalation: { priority: 'normal', category: 'explicit_request' },
            }
          : { kind: 'answer', lang: 'zh', text: `答：${text}`, citations: [], confidence: 0.9 };
      },
    };
    const workers = createWorkerService({ db: store.db, outbox, assistant, triage: fakeTriage(), safetyReply, cases, translate });
    const identity = { channel: 'telegram', externalId: `ws-${Date.now()}`, chatId: `ws-${Date.now()}` };
    let n = 0;
    const say = async (text: string) => {
      const { message } = await recordInbound(store.db, { channel: 'telegram', externalId: `${identity.externalId}-${++n}`, payload: {} });
      await workers.receive({ externalId: String(message.id), worker: identity, text }, message.id);
      await outbox.drain();
    };
    await say('我要找人工，公司欠薪');
    const [mine] = await workers.cases(identity);
    expect(mine).toMatchObject({ status: 'open', category: 'explicit_request' });
    await say('补充：欠了两个月');
    await cases.resolve(mine!.id, staffA);
    await say('公司又不发了');
    await outbox.drain();
    expect((await getCase(store.db, mine!.id))!.status).toBe('in_progress');
    const thread = desk.posts
      .filter((p) => p.message.caseId === mine!.id && p.message.kind === 'worker_message')
      .map((p) => (p.message as { text: string }).text);
    expect(thread).toEqual(['补充：欠了两个月', '公司又不发了']);
    expect(inbox.received.filter((m) => m.chatId === identity.chatId).some((m) => m.text.includes(`#${mine!.id}`))).toBe(true);
  });
});
