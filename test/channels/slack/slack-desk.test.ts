import { afterEach, describe, expect, it } from 'vitest';
import { deadLetterAdmin } from '../../../src/admin/dead-letters.js';
import type { KnowledgeAdmin } from '../../../src/channels/slack/slack-desk.js';
import { formatDateTime } from '../../../src/i18n/union-time.js';
import { DeliveryError } from '../../../src/outbox/delivery-error.js';
import { createOutbox } from '../../../src/outbox/outbox.js';
import { getCase, listCaseEvents } from '../../../src/store/case-store.js';
import { anEscalation, aWorker } from '../../cases/case-fixtures.js';
import { storeKinds, useStore } from '../../support/stores.js';
import { ADMIN, CASES_CHANNEL, GROUP_STAFF, OUTSIDER, type SlackRig, STAFF, startSlackRig } from './slack-rig.js';

const json = (text: string) => JSON.stringify(text);

describe.each(storeKinds)('Slack staff desk on %s', (kind) => {
  const store = useStore(kind);
  let rig: SlackRig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  async function cardOf(caseId: number) {
    await rig!.outbox.drain();
    const c = (await getCase(store.db, caseId))!;
    return { ts: c.deskTs!, message: rig!.slack.messages.get(c.deskTs!)! };
  }

  it('escalation → card → claim → thread reply → worker → worker answers → thread → resolve → rating', async () => {
    rig = await startSlackRig(store.db);
    const { slack, cases, inbox } = rig;
    const worker = await aWorker(store.db, { displayName: '张三', username: 'zhangsan' });
    const started = performance.now();
    const c = await cases.openCase(anEscalation(worker.id));
    const posted = await slack.waitFor((call) => call.method === 'chat.postMessage' && call.ok);
    console.log(`escalation → card: ${(posted.at - started).toFixed(0)} ms`);

    // The card: priority, category, pseudonym (not the name or handle), the bot's attempt with citations, buttons.
    const card = await cardOf(c.id);
    const blocks = JSON.stringify(card.message.blocks);
    expect(card.message.channel).toBe(CASES_CHANNEL);
    for (const part of [
      worker.pseudonym,
      'wage_arrears',
      '《中华人民共和国劳动合同法》第三十条',
      'case_claim',
      'case_resolve',
      'case_priority',
      '15000元',
    ])
      expect(blocks).toContain(part);
    expect(blocks).not.toContain('张三');
    expect(blocks).toContain(formatDateTime(new Date(c.openedAt), 'Asia/Shanghai')); // the union's time, not UTC
    expect(blocks).not.toContain('zhangsan');

    // Someone who is not staff clicks Claim: refused, ephemerally, and logged.
    expect((await rig.click(OUTSIDER.id, 'case_claim', String(c.id))).status).toBe(200);
    expect(slack.ok('chat.postEphemeral').at(-1)!.args).toMatchObject({ user: OUTSIDER.id, channel: CASES_CHANNEL });
    expect((await getCase(store.db, c.id))!.status).toBe('open');
    expect((await listCaseEvents(store.db, c.id)).at(-1)).toMatchObject({
      kind: 'refused',
      actorId: OUTSIDER.id,
      detail: { action: 'case_claim' },
    });

    // Double click by staff A and a click by B (staff through the user group): one claim, B is told who has it.
    const clicks = await Promise.all([rig.click(STAFF.id, 'case_claim', String(c.id)), rig.click(STAFF.id, 'case_claim', String(c.id))]);
    expect(clicks.map((r) => r.status)).toEqual([200, 200]);
    await rig.click(GROUP_STAFF.id, 'case_claim', String(c.id));
    expect(slack.ok('chat.postEphemeral').at(-1)!.args).toMatchObject({
      user: GROUP_STAFF.id,
      text: expect.stringContaining(`<@${STAFF.id}>`),
    });
    const claimed = await cardOf(c.id);
    expect(JSON.stringify(claimed.message.blocks)).toContain(`<@${STAFF.id}>`);
    expect(JSON.stringify(claimed.message.blocks)).not.toContain('case_claim');
    expect((await listCaseEvents(store.db, c.id)).filter((e) => e.kind === 'claimed')).toHaveLength(1);

    // Staff discuss the case in its thread: it stays between them, the worker receives none of it.
    const internal = [
      { ts: '1800000000.000010', user: STAFF.id, text: '这家公司上个月也有人投诉过，先查劳动合同' },
      { ts: '1800000000.000020', user: GROUP_STAFF.id, text: '同意，我去查一下仲裁时效' },
    ];
    for (const m of internal)
      expect((await rig.event({ type: 'message', channel: CASES_CHANNEL, thread_ts: card.ts, ...m })).status).toBe(200);

    // Staff A sends one with the prefix; Slack retries the same event: the worker gets it once, signed.
    const reply = {
      type: 'message',
      channel: CASES_CHANNEL,
      thread_ts: card.ts,
      ts: '1800000000.000100',
      user: STAFF.id,
      text: '@职工 请把工资条和劳动合同发给我 &lt;重要&gt;',
    };
    expect((await rig.event(reply, { eventId: 'EvReply' })).status).toBe(200);
    expect((await rig.event(reply, { eventId: 'EvReply', retryNum: 1 })).status).toBe(200);
    // Our own posts come back as bot messages, and outsiders may not send: neither reaches the worker.
    await rig.event({
      type: 'message',
      channel: CASES_CHANNEL,
      thread_ts: card.ts,
      ts: '1800000000.000200',
      bot_id: 'BBOT',
      text: '@worker relay',
    });
    await rig.event({
      type: 'message',
      channel: CASES_CHANNEL,
      thread_ts: card.ts,
      ts: '1800000000.000300',
      user: OUTSIDER.id,
      text: '@worker 我来帮忙',
    });
    expect(slack.ok('chat.postEphemeral').at(-1)!.args).toMatchObject({ user: OUTSIDER.id, thread_ts: card.ts });
    // Staff B sends a colleague's internal line with the shortcut, twice (a double click): once.
    for (let i = 0; i < 2; i++)
      expect((await rig.shortcut(GROUP_STAFF.id, { thread_ts: card.ts, ...internal[1]!, text: '明天上午我给你打电话' })).status).toBe(200);
    expect(slack.ok('chat.postEphemeral').at(-1)!.args).toMatchObject({ user: GROUP_STAFF.id, thread_ts: card.ts });
    // The shortcut on the card itself, or by an outsider, sends nothing.
    await rig.shortcut(STAFF.id, { ts: card.ts, text: 'card', bot_id: 'BBOT' });
    await rig.shortcut(OUTSIDER.id, { thread_ts: card.ts, ts: '1800000000.000400', text: '外人' });
    await rig.outbox.drain();
    const received = inbox.to(worker).filter((m) => !m.text.startsWith('工会娘家人已接手') && !m.text.startsWith('已为你转接'));
    expect(received.map((m) => m.text)).toEqual([
      '请把工资条和劳动合同发给我 <重要>\n\n—— 工会娘家人',
      '明天上午我给你打电话\n\n—— 工会娘家人',
    ]);
    // The thread shows what was sent and when it was delivered, once each.
    await rig.outbox.drain();
    const notes = slack.ok('chat.postMessage').filter((m) => m.args.thread_ts === card.ts && String(m.args.text).startsWith('📤'));
    expect(notes.map((m) => String(m.args.text))).toEqual([
      expect.stringMatching(
        new RegExp(`^📤 已送达职工（<@${STAFF.id}> 发送，\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d）：\n请把工资条和劳动合同发给我 &lt;重要&gt;$`),
      ),
      expect.stringContaining('明天上午我给你打电话'),
    ]);

    // The worker answers, with evidence: both appear in the card's thread.
    await cases.addWorkerMessage(c.id, { text: '好的，工资条如下' }, 'in:501');
    await cases.addWorkerMessage(c.id, { attachment: { kind: 'photo', fileId: 'AgAD' } }, 'in:502');
    await rig.outbox.drain();
    const thread = [...slack.messages.values()].filter((m) => m.thread_ts === card.ts).map((m) => m.text ?? '');
    expect(thread.some((t) => t.includes(`${worker.pseudonym}：好的，工资条如下`))).toBe(true);
    expect(thread.some((t) => t.includes('📎'))).toBe(true);

    // Resolve: the worker is told and asked for a rating; the rating lands on the case and the card.
    await rig.click(STAFF.id, 'case_resolve', String(c.id));
    await rig.outbox.drain();
    const ask = inbox.to(worker).find((m) => m.ratingForCase === c.id);
    expect(ask?.text).toContain(`#${c.id}`);
    await cases.rate(c.id, worker.id, 5);
    const rated = await cardOf(c.id);
    expect((await getCase(store.db, c.id))!.rating).toBe(5);
    expect(JSON.stringify(rated.message.blocks)).toContain('5/5');
    expect(JSON.stringify(rated.message.blocks)).not.toContain('case_resolve');
    expect(slack.ok('chat.postMessage').filter((m) => !m.args.thread_ts)).toHaveLength(1); // one card, ever
  });

  it('rejects forged and stale signatures', async () => {
    rig = await startSlackRig(store.db);
    const worker = await aWorker(store.db);
    const c = await rig.cases.openCase(anEscalation(worker.id));
    const card = await cardOf(c.id);
    const body = JSON.stringify({
      type: 'event_callback',
      team_id: 'TFAKE',
      event_id: 'EvForged',
      event: { type: 'message', channel: CASES_CHANNEL, thread_ts: card.ts, ts: '1900000000.1', user: STAFF.id, text: '伪造的回复' },
    });
    expect((await rig.post(body, 'application/json', { secret: 'not-the-secret' })).status).toBe(401);
    expect((await rig.post(body, 'application/json', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })).status).toBe(401);
    await rig.outbox.drain();
    expect(rig.inbox.to(worker).some((m) => m.text.includes('伪造的回复'))).toBe(false);
    expect((await fetch(rig.url.replace('/events', '/other'), { method: 'POST' })).status).toBe(404);
  });

  it('posts one SLA reminder per breach, mentioning the on-duty group', async () => {
    let now = new Date('2026-05-01T02:00:00Z');
    rig = await startSlackRig(store.db, { clock: () => now });
    const worker = await aWorker(store.db);
    const c = await rig.cases.openCase(anEscalation(worker.id, { priority: 'urgent', category: 'safety' }));
    await cardOf(c.id);
    now = new Date('2026-05-01T02:11:00Z');
    expect(await rig.cases.checkSla(now)).toBe(1);
    expect(await rig.cases.checkSla(now)).toBe(0);
    await rig.outbox.drain();
    const reminders = rig.slack.ok('chat.postMessage').filter((m) => String(m.args.text).includes('<!subteam^S_ONDUTY>'));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.args.thread_ts).toBeUndefined();
    expect(reminders[0]!.args.text).toContain(`#${c.id}`);
  });

  it('shows the App Home (my cases, the queue) and answers /niangjia queue | case | help', async () => {
    rig = await startSlackRig(store.db);
    const worker = await aWorker(store.db);
    const c = await rig.cases.openCase(anEscalation(worker.id, { priority: 'urgent' }));
    await rig.event({ type: 'app_home_opened', user: STAFF.id, channel: 'D1', tab: 'home' });
    const home = rig.slack.ok('views.publish').at(-1)!.args;
    expect(home.user_id).toBe(STAFF.id);
    expect(JSON.stringify(home.view)).toContain(`#${c.id}`);

    const queue = JSON.parse((await rig.command(STAFF.id, 'queue')).text);
    expect(queue).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining(`#${c.id}`) });
    const one = JSON.parse((await rig.command(GROUP_STAFF.id, `case ${c.id}`)).text);
    expect(JSON.stringify(one.blocks)).toContain(worker.pseudonym);
    expect(JSON.parse((await rig.command(OUTSIDER.id, 'queue')).text).text).not.toContain(`#${c.id}`);
    expect(JSON.parse((await rig.command(OUTSIDER.id, 'help')).text).text).toContain('/niangjia queue');
    await rig.outbox.drain();
  });

  it('runs /niangjia reindex and sources for admins only, posting progress and the summary', async () => {
    const calls: string[] = [];
    let release: () => void = () => {};
    const done = new Promise<void>((r) => {
      release = r;
    });
    const admin: KnowledgeAdmin = {
      async reindex(report) {
        calls.push('reindex');
        await report('劳动合同法.md: unchanged');
        await report('广东省工资支付条例.docx: changed (87 passages)');
        release();
        return 'added 0 · changed 1 · removed 0 · failed 0 · 87 passages · 1.2 s';
      },
      async sources() {
        calls.push('sources');
        return '中华人民共和国劳动合同法 · v3 · 2013-07-01 · 98 passages';
      },
      async rollback() {
        calls.push('rollback');
        return 'version 4 is live again (was 5)';
      },
    };
    rig = await startSlackRig(store.db, { admin });
    expect(JSON.parse((await rig.command(STAFF.id, 'reindex')).text).text).toBe(
      JSON.parse(json('只有管理员可以使用这个命令。此次操作已记录。')),
    );
    expect(JSON.parse((await rig.command(OUTSIDER.id, 'sources')).text).text).toContain('管理员');
    expect(calls).toEqual([]);

    expect(JSON.parse((await rig.command(ADMIN.id, 'sources')).text).text).toContain('98 passages');
    const ack = JSON.parse((await rig.command(ADMIN.id, 'reindex')).text);
    expect(ack.text).toContain(`<@${ADMIN.id}>`);
    await done;
    const final = await rig.slack.waitFor(
      (call) => call.method === 'chat.update' && String(call.args.text).includes('87 passages · 1.2 s'),
    );
    expect(final.args.channel).toBe('C_ADMIN');
    expect(calls).toEqual(['sources', 'reindex']);
    expect(JSON.parse((await rig.command(STAFF.id, 'rollback')).text).text).toContain('管理员');
    expect(JSON.parse((await rig.command(ADMIN.id, 'rollback')).text).text).toContain('version 4 is live again');
  });

  it("runs /niangjia outbox for admins only: dead letters listed without workers' words, retried by id or all", async () => {
    const outbox = createOutbox({ db: store.db });
    outbox.register('telegram', async () => {
      throw new DeliveryError('Telegram refused sendMessage (403)', { retryable: false });
    });
    const id = await outbox.enqueue({
      channel: 'telegram',
      stream: 'telegram:5550001',
      kind: 'message',
      payload: { chatId: '5550001', text: '我电话13800138000' },
    });
    await outbox.drain();
    const admin: KnowledgeAdmin = {
      reindex: async () => '',
      sources: async () => '',
      ...deadLetterAdmin({ db: store.db }),
    };
    rig = await startSlackRig(store.db, { admin });
    const reply = async (user: string, text: string) => JSON.parse((await rig!.command(user, text)).text).text as string;

    expect(await reply(STAFF.id, 'outbox')).toContain('管理员');
    const listed = await reply(ADMIN.id, 'outbox');
    expect(listed).toContain(`#${id} telegram message`);
    expect(listed).not.toContain('13800138000');
    expect(listed).not.toContain('5550001');
    expect(await reply(ADMIN.id, 'outbox retry soon')).toContain('/niangjia outbox retry all');
    expect(await reply(ADMIN.id, `outbox retry #${id}`)).toContain(`Put 1 dead letter back in the outbox (#${id})`);
    expect(await reply(ADMIN.id, 'outbox retry all')).toContain('No dead letters to retry.');
    expect(await reply(OUTSIDER.id, 'help')).toContain('/niangjia outbox');
  });

  it('after /forget, redacts the worker’s words in the thread and turns the card into a tombstone', async () => {
    rig = await startSlackRig(store.db);
    const worker = await aWorker(store.db);
    const c = await rig.cases.openCase(anEscalation(worker.id));
    await rig.cases.addWorkerMessage(c.id, { text: '我叫张三，电话13800138000' }, 'in:1');
    const card = await cardOf(c.id);
    const workerPost = [...rig.slack.messages.values()].find((m) => m.thread_ts === card.ts && m.text?.includes('13800138000'))!;
    await rig.cases.forgetWorker(worker.id);
    await rig.outbox.drain();
    expect(rig.slack.messages.get(workerPost.ts)!.text).not.toContain('13800138000');
    const tomb = JSON.stringify(rig.slack.messages.get(card.ts)!.blocks);
    expect(tomb).not.toContain('深圳华强电子有限公司');
    expect(tomb).toContain('/forget');
    expect((await getCase(store.db, c.id))!.status).toBe('closed');
  });
});
