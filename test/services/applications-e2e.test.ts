/**
 * Issue 13's bar, on both stores: each of the four applications from the worker's first words, through the
 * guided flow on Telegram (the real grammY bot against the fake Bot API), to a typed case card on Slack (the
 * real Bolt app against the fake Web API), a staff decision, and back to the worker's status message. Bad
 * input at the steps, cancel, back, a question in the middle, a restart in the middle, routing, consent and
 * /forget along the way.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { storeKinds } from '../support/stores.js';
import {
  buttonsOf,
  CASES_CHANNEL,
  COURIER_CHANNEL,
  COURIER_UNION,
  type ServiceAppRig,
  startServiceAppRig,
  textOf,
} from './service-app-rig.js';

describe.each(storeKinds)('guided applications end to end on %s', (kind) => {
  let rig: ServiceAppRig;
  beforeAll(async () => {
    rig = await startServiceAppRig(kind);
  }, 120_000);
  afterAll(async () => {
    await rig?.close();
  });

  const applicationOf = async (caseId: number) =>
    (
      await rig.app.db.query<{ status: string; fields: Array<{ id: string; value: { zh: string } | null }>; share_identity: boolean }>(
        'select status, fields, share_identity from applications where case_id = $1',
        [caseId],
      )
    )[0]!;

  it('joins the union from plain words, on the platform-worker path, routed to the courier union, approved', async () => {
    const chat = 13_001;
    await rig.say(chat, '我想入会');
    const intro = await rig.reply(chat, '【入会申请】');
    expect(textOf(intro)).toContain('不需要单位有工会');
    expect(buttonsOf(intro).map((b) => b.text)).toEqual(['开始申请', '不用了，直接找工作人员', '取消']);
    await rig.press(chat, intro, '开始申请');
    await rig.reply(chat, '请输入你的姓名');
    await rig.say(chat, '张'); // too short
    await rig.reply(chat, '至少要写 2 个字');
    await rig.say(chat, '张三');
    await rig.reply(chat, '手机号码');
    await rig.say(chat, '12345'); // not a phone number
    await rig.reply(chat, '这个号码好像不对');
    await rig.say(chat, '138 0013 8000');
    const region = await rig.reply(chat, '哪个城市');
    await rig.press(chat, region, '返回上一步'); // back: the phone again
    await rig.reply(chat, '手机号码');
    await rig.say(chat, '13800138000');
    await rig.reply(chat, '哪个城市');
    await rig.say(chat, '深圳市南山区');
    const work = await rig.reply(chat, '哪类工作');
    await rig.say(chat, '开飞机'); // not an option
    await rig.reply(chat, '请点下面的一个选项');
    await rig.say(chat, '2'); // typed: the second option, courier
    const consent = await rig.reply(chat, COURIER_UNION);
    expect(textOf(consent)).toContain('平台劳动者不需要单位有工会');
    expect(work).toBeDefined();
    await rig.press(chat, consent, '只用化名');
    const review = await rig.reply(chat, '请核对你的入会申请');
    expect(textOf(review)).toMatch(/姓名：张三[\s\S]*手机号码：13800138000[\s\S]*职业：快递员[\s\S]*只看到你的化名/);
    await rig.press(chat, review, '提交申请');
    const submitted = await rig.reply(chat, /入会申请已提交（编号 #\d+）/);
    expect(textOf(submitted)).toContain(COURIER_UNION);

    const card = await rig.card(COURIER_CHANNEL);
    expect(card.json).toContain('张三');
    expect(card.json).toContain('快递员');
    expect(card.json).toContain('确认工作地区和职业'); // the checklist
    expect(card.json).not.toContain('Li Ming'); // no identity without consent
    expect(card.json).toMatch(/W-[0-9A-F]{6}/);

    expect(await rig.click('application_approve', card.caseId)).toBe(200);
    const approved = await rig.reply(chat, '欢迎你加入工会');
    expect(JSON.stringify(approved.payload['reply_markup'])).toContain(`rate:${card.caseId}:5`);
    expect(await applicationOf(card.caseId)).toMatchObject({ status: 'approved', share_identity: false });
    await rig.say(chat, '/case');
    await rig.reply(chat, `#${card.caseId} 入会申请：已批准`);
    // A second click changes nothing and tells the worker nothing more.
    await rig.click('application_approve', card.caseId);
    await new Promise((r) => setTimeout(r, 200));
    expect(rig.since(chat).filter((c) => textOf(c).includes('欢迎你加入工会'))).toHaveLength(0);
  });

  it('legal aid: a question in the middle is answered and the flow waits; staff ask for more, then decline with a reason', async () => {
    const chat = 13_002;
    await rig.say(chat, '能帮我申请法律援助吗');
    await rig.press(chat, await rig.reply(chat, '【法律援助申请】'), '开始申请');
    await rig.reply(chat, '姓名');
    await rig.say(chat, '李四');
    await rig.reply(chat, '手机号码');
    await rig.say(chat, '13900139000');
    await rig.reply(chat, '哪个城市');
    await rig.say(chat, '广州市天河区');
    await rig.press(chat, await rig.reply(chat, '哪类工作'), '工厂');
    await rig.reply(chat, '有争议的单位');
    await rig.say(chat, '广州某某电子有限公司');
    await rig.press(chat, await rig.reply(chat, '主要是什么问题'), '拖欠工资');
    await rig.reply(chat, '涉及多少钱');
    await rig.say(chat, '加班费怎么算？'); // a legal question: answered, the flow waits
    await rig.reply(chat, '依据');
    const paused = await rig.reply(chat, '还没填完');
    await rig.press(chat, paused, '继续申请');
    await rig.reply(chat, '涉及多少钱');
    await rig.say(chat, '一万五');
    await rig.reply(chat, '简单说说经过');
    await rig.say(chat, '去年十月到今年一月没发工资，还没有申请仲裁。');
    await rig.press(chat, await rig.reply(chat, '律师'), 'Telegram 名字');
    const review = await rig.reply(chat, '请核对你的法律援助申请');
    expect(textOf(review)).toMatch(/涉及金额（元）：15000[\s\S]*工作人员可以看到你的 Telegram 名字/);
    await rig.press(chat, review, '提交申请');
    await rig.reply(chat, '法律援助申请已提交');

    const card = await rig.card(CASES_CHANNEL);
    expect(card.json).toContain('Li Ming'); // consented for this application
    expect(card.json).toContain('15000');
    expect(card.json).toContain('12348'); // the checklist

    expect(await rig.click('application_more', card.caseId)).toBe(200);
    await rig.slack.waitFor((c) => c.method === 'views.open' && JSON.stringify(c.args).includes(`${card.caseId}:more`));
    expect(await rig.submitModal(card.caseId, 'more', '请把工资条或银行流水拍照发过来')).toBe(200);
    await rig.reply(chat, '还需要补充：请把工资条或银行流水拍照发过来');
    await rig.say(chat, '好的，明天发');
    await rig.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.args['thread_ts'] === card.ts && String(c.args['text']).includes('明天发'),
    );
    await rig.say(chat, '/case');
    await rig.reply(chat, '需要你补充信息');

    expect(await rig.submitModal(card.caseId, 'decline', '单位不在本市，请向广州市总工会申请')).toBe(200);
    await rig.reply(chat, '未能通过。原因：单位不在本市，请向广州市总工会申请');
    await rig.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.args['thread_ts'] === card.ts && String(c.args['text']).includes('不予通过'),
    );
    expect((await applicationOf(card.caseId)).status).toBe('declined');
  });

  it('hardship: cancel, start again from /services, a restart in the middle resumes where it was', async () => {
    const chat = 13_003;
    await rig.say(chat, '家里困难，想申请工会的困难帮扶');
    await rig.press(chat, await rig.reply(chat, '【困难帮扶申请】'), '开始申请');
    await rig.say(chat, '王五');
    const phone = await rig.reply(chat, '手机号码');
    await rig.press(chat, phone, '取消');
    await rig.reply(chat, '已取消');
    expect(
      await rig.app.db.query(
        `select 1 from applications a join workers w on w.id = a.worker_id where w.external_id = $1 and a.status = 'draft'`,
        [String(chat)],
      ),
    ).toHaveLength(0);

    await rig.say(chat, '/services');
    const menu = await rig.reply(chat, '可以帮你办下面这些事');
    expect(buttonsOf(menu).map((b) => b.text)).toEqual(['预约回电', '困难帮扶申请', '入会申请', '法律援助申请']);
    await rig.press(chat, menu, '困难帮扶申请');
    await rig.press(chat, await rig.reply(chat, '【困难帮扶申请】'), '开始申请');
    await rig.say(chat, '王五');
    await rig.reply(chat, '手机号码');
    await rig.restart();
    await rig.say(chat, '13700137000'); // after the restart: the phone step, taken
    await rig.reply(chat, '工作或生活');
    await rig.say(chat, '/services'); // /services resumes the step in hand
    await rig.reply(chat, '工作或生活');
    await rig.say(chat, '成都市武侯区');
    await rig.press(chat, await rig.reply(chat, '哪类工作'), '外卖骑手');
    await rig.press(chat, await rig.reply(chat, '哪类困难'), '重病');
    await rig.reply(chat, '几口人');
    await rig.say(chat, '很多人'); // not a number
    await rig.reply(chat, '请只写一个数字');
    await rig.say(chat, '40'); // out of range
    await rig.reply(chat, '1 到 20 之间');
    await rig.say(chat, '四口人');
    const income = await rig.reply(chat, '每月大约收入');
    await rig.press(chat, income, '跳过');
    await rig.reply(chat, '最需要的帮助');
    await rig.say(chat, '孩子住院做手术，家里积蓄花光了。');
    await rig.press(chat, await rig.reply(chat, '核实困难情况'), '只用化名');
    const review = await rig.reply(chat, '请核对你的困难帮扶申请');
    expect(textOf(review)).toMatch(/家庭人口：4[\s\S]*家庭月收入（元）：（未填）/);
    await rig.press(chat, review, '提交申请');
    await rig.reply(chat, '困难帮扶申请已提交');
    const card = await rig.card(CASES_CHANNEL);
    expect(card.json).toContain('成都市武侯区');
    await rig.click('application_approve', card.caseId);
    await rig.reply(chat, '困难帮扶申请');

    // /forget: the worker's application loses its personal fields, and the card is re-rendered without them.
    await rig.say(chat, '/forget');
    await rig.press(chat, await rig.reply(chat, '确定要删除'), '');
    await expect
      .poll(async () => (await applicationOf(card.caseId)).fields.find((f) => f.id === 'name')?.value ?? null, { timeout: 10_000 })
      .toBeNull();
    expect((await applicationOf(card.caseId)).fields.find((f) => f.id === 'region')?.value?.zh).toBe('成都市武侯区'); // not personal
    await expect.poll(() => !JSON.stringify(rig.slack.messages.get(card.ts)).includes('王五'), { timeout: 10_000 }).toBe(true);
  });

  it('books a call-back from "call me", in English, and tells the worker when it is done', async () => {
    const chat = 13_004;
    await rig.say(chat, 'call me, I cannot type', 'en');
    const intro = await rig.reply(chat, '[Call-back]');
    await rig.press(chat, intro, 'Start');
    await rig.say(chat, 'my number is five');
    await rig.reply(chat, 'does not look right');
    await rig.say(chat, '+8613600136000');
    await rig.press(chat, await rig.reply(chat, 'good time'), 'Evening');
    await rig.press(chat, await rig.reply(chat, 'what about'), 'Wages');
    const region = await rig.reply(chat, 'you may skip');
    await rig.say(chat, 'skip');
    await rig.press(chat, await rig.reply(chat, 'only to call you back'), 'pseudonym only');
    const review = await rig.reply(chat, 'Please check your Call-back');
    expect(region).toBeDefined();
    expect(textOf(review)).toMatch(/Number to call: 13600136000[\s\S]*Good time: Evening/);
    await rig.press(chat, review, 'Submit');
    await rig.reply(chat, 'Call-back booked');
    const card = await rig.card(CASES_CHANNEL);
    expect(card.json).toContain('13600136000');
    await rig.click('application_approve', card.caseId);
    await rig.reply(chat, `Your call-back #${card.caseId} is done`);
    await rig.say(chat, '/case', 'en');
    await rig.reply(chat, `#${card.caseId} Call-back: approved`);
  });

  it('declining the flow still gets a person: a normal case, as without it', async () => {
    const chat = 13_005;
    await rig.say(chat, '我想申请法律援助');
    await rig.press(chat, await rig.reply(chat, '【法律援助申请】'), '直接找工作人员');
    await rig.reply(chat, '已为你转接工会娘家人');
    const rows = await rig.app.db.query<{ category: string; worker_text: string }>(
      `select c.category, c.worker_text from cases c join workers w on w.id = c.worker_id where w.external_id = $1`,
      [String(chat)],
    );
    expect(rows).toEqual([{ category: 'legal_aid', worker_text: '我想申请法律援助' }]);
  });

  it('asks nobody for personal data in a group: there a service request is a case, as without the flows', async () => {
    const group = -13_100;
    await rig.sayIn(group, '@niangjia_bot 我想入会');
    await rig.reply(group, '工会娘家人');
    expect(rig.telegram.sent('sendMessage', group).some((c) => textOf(c).includes('【入会申请】'))).toBe(false);
    expect(
      await rig.app.db.query(`select 1 from applications a join workers w on w.id = a.worker_id where w.external_id = $1`, [
        `chat:${group}`,
      ]),
    ).toHaveLength(0);
  });

  it('someone at risk in the middle of a flow gets the urgent path at once; the flow waits', async () => {
    const chat = 13_006;
    await rig.say(chat, '我想入会');
    await rig.press(chat, await rig.reply(chat, '【入会申请】'), '开始申请');
    await rig.reply(chat, '姓名');
    await rig.say(chat, '工友触电了叫不醒');
    await rig.reply(chat, '120');
    // The safety reply goes out first; the urgent case is written right after it.
    await vi.waitFor(
      async () => {
        const cases = await rig.app.db.query<{ priority: string }>(
          `select c.priority from cases c join workers w on w.id = c.worker_id where w.external_id = $1`,
          [String(chat)],
        );
        expect(cases).toEqual([{ priority: 'urgent' }]);
      },
      { timeout: 5_000, interval: 50 },
    );
    await rig.say(chat, '/services');
    await rig.reply(chat, '姓名');
  });
});
