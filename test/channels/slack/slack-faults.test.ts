/**
 * The bar: every escalation reaches Slack and every staff reply reaches the worker, exactly once, through
 * Slack outages, rate limits, refusals and a process that dies mid-way.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCaseService } from '../../../src/cases/case-service.js';
import { createStaffDeskDeliverer, STAFF_DESK_CHANNEL } from '../../../src/cases/staff-desk.js';
import { createSlackDesk } from '../../../src/channels/slack/slack-desk.js';
import { DeliveryError } from '../../../src/outbox/delivery-error.js';
import { createOutbox } from '../../../src/outbox/outbox.js';
import { getCase } from '../../../src/store/case-store.js';
import type { Db } from '../../../src/store/db.js';
import { anEscalation, aWorker, caseRig, translate, workerInbox } from '../../cases/case-fixtures.js';
import { FAKE_SLACK_TOKEN, type FakeSlack } from '../../fakes/fake-slack.js';
import { storeKinds, useStore } from '../../support/stores.js';
import { CASES_CHANNEL, GROUP_STAFF, SIGNING_SECRET, type SlackRig, STAFF, startSlackRig, startTestSlack } from './slack-rig.js';

/** Top-level posts (cards) per case id, from what the fake Slack accepted. */
function cardsPerCase(slack: FakeSlack): Map<number, number> {
  const counts = new Map<number, number>();
  for (const call of slack.ok('chat.postMessage')) {
    const id = (call.args.metadata as { event_payload?: { case_id?: number } } | undefined)?.event_payload?.case_id;
    if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

async function pendingDeskItems(db: Db): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `select count(*)::int as n from outbox where channel = $1 and status in ('pending', 'sending')`,
    [STAFF_DESK_CHANNEL],
  );
  return row!.n;
}

/** Polls until `done` holds (no timing is asserted; the limit only stops a hung test). */
async function until(done: () => Promise<boolean>, limitMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!(await done())) {
    if (Date.now() - start > limitMs) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(storeKinds)('Slack desk faults on %s', (kind) => {
  const store = useStore(kind);
  let rig: SlackRig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it('rides out a minute of Slack 5xx: every card once, every staff reply to the worker once', async () => {
    // Simulated time runs 20× faster than real time; the retry policy is in simulated milliseconds.
    const speed = 20;
    const t0 = Date.now();
    const clock = () => new Date(t0 + (Date.now() - t0) * speed);
    rig = await startSlackRig(store.db, { clock, retry: { maxAttempts: 40, baseDelayMs: 500, maxDelayMs: 10_000 }, pollMs: 25 });
    const { slack, cases, inbox } = rig;
    const worker = await aWorker(store.db);
    const first = await cases.openCase(anEscalation(worker.id));
    await rig.outbox.drain();
    const cardTs = (await getCase(store.db, first.id))!.deskTs!;

    const outageEnd = clock().getTime() + 60_000;
    slack.failWhile('*', { status: 503 }, () => clock().getTime() < outageEnd);
    const others = [];
    for (let i = 0; i < 5; i++)
      others.push(await cases.openCase(anEscalation((await aWorker(store.db)).id, { priority: i % 2 ? 'urgent' : 'normal' })));
    await rig.click(STAFF.id, 'case_claim', String(first.id));
    // During the outage staff discuss the case in its thread, send one reply with the prefix (Slack retries
    // the event) and one with the shortcut (clicked twice).
    const thread = (ts: string, text: string, user = STAFF.id) => ({
      type: 'message',
      channel: CASES_CHANNEL,
      thread_ts: cardTs,
      ts,
      user,
      text,
    });
    await rig.event(thread('1810000000.000050', '这个老板我们处理过，先别承诺金额'));
    await rig.event(thread('1810000000.000060', '好，我先问清入职时间', GROUP_STAFF.id));
    await rig.event(thread('1810000000.000100', '@职工 收到，我来跟进'));
    await rig.event(thread('1810000000.000100', '@职工 收到，我来跟进'), { retryNum: 1 });
    await rig.event(thread('1810000000.000200', '请问你是哪一年入职的？'));
    for (let i = 0; i < 2; i++)
      await rig.shortcut(STAFF.id, { thread_ts: cardTs, ts: '1810000000.000200', text: '请问你是哪一年入职的？' });
    await cases.addWorkerMessage(first.id, { text: '谢谢，我等你消息' }, 'in:outage');

    await until(async () => (await pendingDeskItems(store.db)) === 0);
    const [{ last }] = (await store.db.query<{ last: Date }>(`select max(sent_at) as last from outbox where channel = $1`, [
      STAFF_DESK_CHANNEL,
    ])) as [{ last: Date }];
    const failed = slack.calls.filter((c) => c.status === 503).length;
    const recoverySimS = (new Date(last).getTime() - outageEnd) / 1000;
    console.log(
      `5xx outage of 60 s (simulated): ${failed} failed calls; all desk posts delivered ${recoverySimS.toFixed(1)} s (simulated) = ${((recoverySimS * 1000) / speed).toFixed(0)} ms (real) after Slack came back`,
    );

    const cards = cardsPerCase(slack);
    for (const c of [first, ...others]) expect(cards.get(c.id)).toBe(1);
    await rig.outbox.drain();
    expect(inbox.to(worker).filter((m) => m.text.includes('收到，我来跟进'))).toHaveLength(1);
    expect(inbox.to(worker).filter((m) => m.text.includes('哪一年入职'))).toHaveLength(1);
    expect(inbox.to(worker).some((m) => /先别承诺|问清入职/.test(m.text))).toBe(false);
    // The thread was told of each delivery once, after Slack came back.
    await until(async () => (await pendingDeskItems(store.db)) === 0);
    const notes = slack.ok('chat.postMessage').filter((c) => c.args.thread_ts === cardTs && String(c.args.text).startsWith('📤'));
    expect(notes.map((c) => String(c.args.text).split('\n')[1])).toEqual(['收到，我来跟进', '请问你是哪一年入职的？']);
    expect(slack.ok('chat.postMessage').filter((c) => String(c.args.text).includes('谢谢，我等你消息'))).toHaveLength(1);
    expect(JSON.stringify(slack.messages.get(cardTs)!.blocks)).toContain(`<@${STAFF.id}>`);
  });

  it('waits out a 429 and gives up at once on a refusal that waiting cannot fix, re-posting the card later', async () => {
    rig = await startSlackRig(store.db, { retry: { maxAttempts: 10, baseDelayMs: 20, maxDelayMs: 200 } });
    const { slack, cases } = rig;
    slack.failNext('chat.postMessage', 1, { status: 429, retryAfter: 1 });
    const limited = await cases.openCase(anEscalation((await aWorker(store.db)).id));
    await until(async () => cardsPerCase(slack).get(limited.id) === 1);
    const [row] = await store.db.query<{ attempts: number }>(`select attempts from outbox where dedupe_key = $1`, [
      `case:${limited.id}:card`,
    ]);
    expect(row!.attempts).toBe(2);

    slack.failNext('chat.postMessage', 1, { error: 'channel_not_found' });
    const refused = await cases.openCase(anEscalation((await aWorker(store.db)).id));
    await until(async () => (await pendingDeskItems(store.db)) === 0);
    const [dead] = await store.db.query<{ status: string; attempts: number; last_error: string }>(
      `select status, attempts, last_error from outbox where dedupe_key = $1`,
      [`case:${refused.id}:card`],
    );
    expect(dead).toMatchObject({ status: 'dead', attempts: 1, last_error: expect.stringContaining('channel_not_found') });
    // The next change of that case finds no card on the desk and posts it: the escalation still reaches staff.
    await cases.changePriority(refused.id, STAFF, 'urgent');
    await until(async () => cardsPerCase(slack).get(refused.id) === 1);
  });

  it('delivers cards stored by a process that was killed before posting them, exactly once', async () => {
    const slack = await startTestSlack();
    try {
      // The first process stores three escalations and dies before its outbox ran.
      const dying = caseRig(store.db);
      const ids = [];
      for (let i = 0; i < 3; i++) ids.push((await dying.cases.openCase(anEscalation((await aWorker(store.db)).id))).id);
      expect(cardsPerCase(slack).size).toBe(0);
      // A new process on the same database.
      rig = await startSlackRig(store.db, { slack });
      await until(async () => (await pendingDeskItems(store.db)) === 0);
      const cards = cardsPerCase(slack);
      for (const id of ids) expect(cards.get(id)).toBe(1);
    } finally {
      await rig?.close();
      rig = undefined;
      await slack.close();
    }
  });

  it('does not post a second card when the process died after Slack accepted it but before it was marked sent', async () => {
    const slack = await startTestSlack();
    try {
      const dying = caseRig(store.db);
      const desk = createSlackDesk({
        token: FAKE_SLACK_TOKEN,
        signingSecret: SIGNING_SECRET,
        casesChannel: CASES_CHANNEL,
        apiUrl: slack.apiUrl,
        cases: dying.cases,
        translate,
      });
      const deliver = createStaffDeskDeliverer({ db: store.db, desk: desk.desk });
      // Posts, then hangs for ever: the item stays 'sending' under this process's lease.
      dying.outbox.register(STAFF_DESK_CHANNEL, async (item) => {
        await deliver(item);
        await new Promise(() => {});
      });
      const c = await dying.cases.openCase(anEscalation((await aWorker(store.db)).id));
      void dying.outbox.drain();
      await slack.waitFor((call) => call.method === 'chat.postMessage' && call.ok);
      await until(async () => (await getCase(store.db, c.id))!.deskTs !== null);

      // A new process, two minutes later (the dead one's lease has run out).
      rig = await startSlackRig(store.db, { slack, clock: () => new Date(Date.now() + 120_000) });
      await until(async () => (await pendingDeskItems(store.db)) === 0);
      expect(cardsPerCase(slack).get(c.id)).toBe(1);
      await rig.cases.claim(c.id, STAFF);
      await until(async () => (await pendingDeskItems(store.db)) === 0);
      expect(JSON.stringify(slack.messages.get((await getCase(store.db, c.id))!.deskTs!)!.blocks)).toContain(`<@${STAFF.id}>`);
    } finally {
      await rig?.close();
      rig = undefined;
      await slack.close();
    }
  });
  it('tells the thread once when the process died between a reply’s delivery and its report, and when a reply was lost', async () => {
    const slack = await startTestSlack();
    try {
      rig = await startSlackRig(store.db, { slack });
      const worker = await aWorker(store.db);
      const c = await rig.cases.openCase(anEscalation(worker.id));
      await rig.outbox.drain();
      const cardTs = (await getCase(store.db, c.id))!.deskTs!;
      await rig.close();
      rig = undefined;

      // A process whose worker channel delivers the reply and that dies before the thread is told (its
      // outbox never reaches the observer).
      const outbox = createOutbox({ db: store.db });
      const inbox = workerInbox(outbox);
      const dying = createCaseService({ db: store.db, outbox: { ...outbox, observe: () => {} }, translate });
      await dying.staffReply(c.id, STAFF, '明天来工会一趟', '1820000000.000100');
      await outbox.drain();
      expect(inbox.to(worker).filter((m) => m.text.includes('明天来工会一趟'))).toHaveLength(1);

      // The next process's SLA clock finds the unreported delivery and tells the thread, once.
      rig = await startSlackRig(store.db, { slack });
      await rig.cases.checkSla();
      await rig.cases.checkSla();
      await until(async () => (await pendingDeskItems(store.db)) === 0);
      const told = () =>
        slack.ok('chat.postMessage').filter((m) => m.args.thread_ts === cardTs && String(m.args.text).includes('明天来工会一趟'));
      expect(told()).toHaveLength(1);
      expect(String(told()[0]!.args.text)).toMatch(/^📤/);

      // A reply the worker's channel refuses for good: the thread says it did not arrive.
      rig.outbox.register('telegram', async () => {
        throw new DeliveryError('Telegram refused sendMessage (403: bot was blocked)', { retryable: false });
      });
      await rig.cases.staffReply(c.id, STAFF, '你还在吗？', '1820000000.000200');
      await until(async () =>
        slack
          .ok('chat.postMessage')
          .some((m) => m.args.thread_ts === cardTs && String(m.args.text).startsWith('⚠️') && String(m.args.text).includes('你还在吗')),
      );
    } finally {
      await rig?.close();
      rig = undefined;
      await slack.close();
    }
  });
});
