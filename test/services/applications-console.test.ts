/**
 * The same four applications in the console of the embedded default: the worker types, buttons are pressed
 * by number (/1, /2 …), and the console staff desk in the same terminal sees the typed card and decides
 * (`:approve`, `:more`, `:decline`) — on both stores.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../support/stores.js';
import { runConsoleScript } from './service-app-rig.js';

const script = [
  // 1. Join the union: plain words, the courier (platform) path.
  '我想入会',
  '/1',
  '张三',
  '13800138000',
  '深圳市南山区',
  '2',
  '/2',
  '/1',
  ':approve 1',
  '/case',
  // 2. Legal aid: staff ask for more, the worker answers, staff decline with a reason.
  '能帮我申请法律援助吗',
  '/1',
  '李四',
  '13900139000',
  '广州市天河区',
  '5',
  '广州某某电子有限公司',
  '1',
  '跳过',
  '去年十月到今年一月没发工资，还没申请仲裁。',
  '/1',
  '/1',
  ':more 2 请把工资条拍照发过来',
  '好的，明天发',
  ':decline 2 单位不在本市',
  // 3. Hardship help from the /services menu.
  '/services',
  '/2',
  '/1',
  '王五',
  '13700137000',
  '成都市武侯区',
  '1',
  '1',
  '4',
  '跳过',
  '孩子住院做手术，家里积蓄花光了。',
  '/2',
  '/1',
  ':approve 3',
  // 4. A call-back, in English.
  'call me, I cannot type',
  '/1',
  '13600136000',
  '4',
  '1',
  'skip',
  '/2',
  '/1',
  ':approve 4',
  '/case',
];

describe.each(storeKinds)('guided applications in the console on %s', (kind) => {
  let run: Awaited<ReturnType<typeof runConsoleScript>> | undefined;
  let out = '';

  beforeAll(async () => {
    run = await runConsoleScript(kind, script);
    out = run.out();
  }, 120_000);
  afterAll(async () => {
    await run?.stop();
  });

  it('joins the union: the typed card on the console desk, approved, and the status in /case', () => {
    expect(out).toContain('【入会申请】');
    expect(out).toContain('平台劳动者不需要单位有工会');
    expect(out).toMatch(/入会申请已提交（编号 #1）/);
    expect(out).toMatch(
      /\[staff\] 个案 #1[\s\S]*申请: 入会申请[\s\S]*姓名: 张三[\s\S]*职业: 快递员[\s\S]*办理清单:[\s\S]*☐ 核对姓名和手机号/,
    );
    expect(out).toContain('欢迎你加入工会！你的入会申请 #1');
    expect(out).toContain('#1 入会申请：已批准');
  });

  it('legal aid: more information asked and given, then declined with the reason', () => {
    expect(out).toMatch(/法律援助申请已提交（编号 #2）/);
    expect(out).toContain('还需要补充：请把工资条拍照发过来');
    expect(out).toMatch(/\[staff #2\][^\n]*好的，明天发/);
    expect(out).toContain('未能通过。原因：单位不在本市');
    expect(out).toMatch(/\[staff #2\][^\n]*不予通过：单位不在本市/);
  });

  it('hardship help from the menu, approved', () => {
    expect(out).toContain('可以帮你办下面这些事');
    expect(out).toMatch(/\[\/1 预约回电\] \[\/2 困难帮扶申请\]/);
    expect(out).toMatch(/困难帮扶申请已提交（编号 #3）/);
    expect(out).toMatch(/家庭人口: 4/);
    expect(out).toContain('你的困难帮扶申请 #3 已由工会娘家人服务台批准');
  });

  it('a call-back in English, done, and every status in /case', () => {
    expect(out).toContain('[Call-back]');
    expect(out).toContain('Call-back booked (number #4)');
    expect(out).toMatch(/回电号码: 13600136000|Number to call: 13600136000/);
    expect(out).toContain('Your call-back #4 is done');
    expect(out).toMatch(/#2 法律援助申请：未通过/);
    expect(out).toMatch(/#4 预约回电：已批准/);
  });
});
