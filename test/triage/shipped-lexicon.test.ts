/**
 * The shipped danger lexicon (knowledge/policy/triage) on danger told in everyday words, written category by
 * category for this test (not taken from any evaluation set): each must be urgent by the lexicon alone, so a
 * retrained classifier can never lose it; and the same words in the past or in a rights question are not.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDangerLexicon, type DangerLexicon } from '../../src/triage/danger-lexicon.js';
import { readTriageKnowledge } from '../../src/triage/triage-knowledge.js';

let lexicon: DangerLexicon;
beforeAll(async () => {
  lexicon = createDangerLexicon((await readTriageKnowledge(join(import.meta.dirname, '../../knowledge'))).lexicon);
});

const urgent: Array<[string, string]> = [
  ['fire', '宿舍着火了 窗户都有防盗网'],
  ['fire', "there's smoke pouring out of the warehouse and the fire door is chained shut"],
  ['electricity', '地下室进水了 水泵还带着电'],
  ['electricity', "my coworker grabbed the panel and now he's shaking and can't let go"],
  ['fall_collapse', '塔吊要倒了'],
  ['fall_collapse', 'the crane is tipping over'],
  ['machine', '我的手卡在和面机里了'],
  ['machine', "his arm got sucked into the conveyor belt, we hit the stop but he's stuck"],
  ['medical', '老板把我从楼梯上推下去 现在站不起来'],
  ['heat', '室外干了一天 他人迷糊了 说胡话 身上滚烫'],
  ['chemical', '厕所里有人把洁厕灵和84混一起了 好几个人呛得直咳'],
  ['confined_space', '他下到检查井里 测气仪一直在叫'],
  ['medical', 'the driver is locked in the cold storage and not answering'],
  ['violence', '我妹妹的雇主把她锁在家里 手机也收了'],
  ['violence', "they're beating up a worker in the office right now"],
  ['self_harm', '今晚就了结了 不想再拖累谁'],
  ['self_harm', "I won't be a burden to anyone after today"],
  ['collective', '我们五百多号人现在往市政府走'],
  ['child', '俺娃才十四 被带到砖窑干活 打电话哭着说回不来'],
  ['child', 'a kid who looks about 12 is carrying bricks on the site, he just fell'],
];

describe('the shipped danger lexicon', () => {
  it.each(urgent)('%s: %s', (category, text) => {
    const scan = lexicon.scan(text);
    expect(scan.urgent.length).toBeGreaterThan(0);
    expect(scan.hits.map((h) => h.category)).toContain(category);
  });

  it('leaves an injury word in the past or in a rights question to the classifier', () => {
    expect(lexicon.scan('去年在工地摔断了腿，现在公司不给报销怎么办').urgent).toEqual([]);
    expect(lexicon.scan('被公司派到外地安装设备，晚上下楼梯摔断了腿，这个算因工外出受伤吗？').urgent).toEqual([]);
    expect(lexicon.scan('法律上说的有限空间作业是啥意思').urgent).toEqual([]);
  });

  it('leaves the danger named in a paper asked to be forged to the classifier, but not a danger beside the word', () => {
    expect(lexicon.scan('帮我伪造一份诊断证明，写腰椎骨折，建议休息三个月').urgent).toEqual([]);
    expect(lexicon.scan('Please write a fake witness statement from my coworker saying the supervisor punched me').urgent).toEqual([]);
    // 伪造 alone is no request for a forged paper; and a real danger after the request, or in a workshop named
    // for fabrication, stays urgent.
    expect(lexicon.scan('伪造什么的我不懂 我就想说 我现在站在厂房楼顶边上 帮我跟我妈说声对不起').urgent).not.toEqual([]);
    expect(lexicon.scan('老板让我们伪造安全检查记录。刚才车间着火了，有人被困在里面').urgent).not.toEqual([]);
    expect(lexicon.scan('at the fabrication shop a guy got his hand crushed in the press, blood everywhere').urgent).not.toEqual([]);
  });
});
