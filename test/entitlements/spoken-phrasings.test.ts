import { describe, expect, it } from 'vitest';
import { extractFacts, type Facts } from '../../src/entitlements/index.js';

const today = '2025-06-10';
const facts = (text: string, withToday = true) => extractFacts(text, withToday ? { today } : {});

// Each phrase states one kind of fact; the rest of what it says is checked elsewhere, so these match
// the facts named and leave the others free.
function reads(cases: Array<[string, Facts]>) {
  it.each(cases)('%s', (text, expected) => {
    expect(facts(text)).toMatchObject(expected);
  });
}

describe('English dates and what they mark', () => {
  reads([
    [
      'I was hired on 3 February 2020 and let go on 15 July 2024.',
      { startDate: '2020-02-03', endDate: '2024-07-15', serviceYears: 4, serviceMonths: 5, serviceDays: 13 },
    ],
    [
      'My first day was 1 Sep 2021 and my final day was 31 Dec 2024.',
      { startDate: '2021-09-01', endDate: '2024-12-31', serviceYears: 3, serviceMonths: 4 },
    ],
    ['Employed from March 2018 to June 2024.', { startDate: '2018-03', endDate: '2024-06', serviceApproximate: true }],
    ['They dismissed me on 2 June 2025; I had started at the firm on 10 October 2019.', { startDate: '2019-10-10', endDate: '2025-06-02' }],
    ['I resigned on 30 June 2025.', { endDate: '2025-06-30', stillEmployed: false }],
    ['the company ended my contract on 1 August 2025', { endDate: '2025-08-01' }],
    ['Joined 1st March 2022, laid off 31st May 2025.', { startDate: '2022-03-01', endDate: '2025-05-31' }],
    ['I started working there on March 1, 2021 and was terminated on August 15, 2025.', { startDate: '2021-03-01', endDate: '2025-08-15' }],
    ['They finally signed a written contract with me on 12 May 2025', { signedDate: '2025-05-12' }],
    ["It's now July 2025 and I'm still there", { asOfDate: '2025-07' }],
    ['I got the dismissal letter on Tuesday 11/8/2022.', { endDate: '2022-11-08' }],
    ['Our factory shut down for good on 30 April 2024.', { endDate: '2024-04-30' }],
    ['I joined on 1 March 2023 and I am out on 30 April 2024.', { startDate: '2023-03-01', endDate: '2024-04-30' }],
    ['Twins by C-section. Leave starts 20 Nov 2024.', { birthKind: 'birth', babies: 2, birthDate: '2024-11-20' }],
    ['My province adds 80 days on top of the national maternity leave.', { statedLocal: { maternityExtraDays: 80 } }],
    ['assessed as grade-7 disability', { grade: 7 }],
    ["Hangzhou's average monthly wage for last year was published as 11,000", { statedLocal: { averageMonthlyWage: 11000 } }],
    ['one baby, normal birth', { difficultBirth: false }],
    [
      'National Day: Oct 1, 2 and 3 are statutory holidays and I worked all three days, 8 hours each day',
      { overtime: [{ kind: 'holiday', days: 3 }] },
    ],
    ['I start work as waiter on 2024-03-01.', { startDate: '2024-03-01' }],
    ['they laid me off on 31 August 2024 due to restructuring', { endDate: '2024-08-31' }],
    [
      '10 hours overtime on weekdays and 8 hours on a Sunday with no day off in return',
      {
        overtime: [
          { kind: 'workday', hours: 10 },
          { kind: 'rest_day', hours: 8 },
        ],
      },
    ],
    ['twins by caesarean', { birthKind: 'birth', babies: 2, difficultBirth: true }],
    ["grade 5 after a work injury, my monthly wage was 7,000. What's the one-off disability subsidy?", { grade: 5, oneOffOnly: true }],
    ["The employer says it can't find him any suitable job", { suitableWorkArranged: false }],
    ["I'm resigning with my last day on 15 October 2023", { endDate: '2023-10-15' }],
    ['On 14 June 2023 the company sent me a signed letter agreeing to pay it.', { interruptedDate: '2023-06-14' }],
    [
      '20 hours of weekday overtime and two full Sundays (8h each)',
      {
        overtime: [
          { kind: 'rest_day', days: 2 },
          { kind: 'workday', hours: 20 },
        ],
      },
    ],
    ['My fixed-term contract end on 10 Jan 2024 and they will not renew it', { endDate: '2024-01-10' }],
    [
      'Started on 6 May 2024. Then on 16 August 2024 the manager said I do not fit and told me not to come back tomorrow',
      { endDate: '2024-08-16' },
    ],
    ['Today is Monday 14 April 2025. My boss fired me last Thursday.', { asOfDate: '2025-04-14', endDate: '2025-04-10' }],
    ['Fired on 20 March 2023. On 9 October 2023 I sent them a formal written demand letter.', { interruptedDate: '2023-10-09' }],
    ["I started my first job in July 2003. Now it's January 2025.", { firstWorkDate: '2003-07', totalWorkYears: 21.5 }],
  ]);

  it('never reads "resigned on" as a signing', () => {
    expect(facts('I resigned on 30 June 2025.')).not.toHaveProperty('signedDate');
  });
});

describe('Chinese dates and what they mark', () => {
  reads([
    ['2019年5月6号进的公司，2024年12月31号被裁了', { startDate: '2019-05-06', endDate: '2024-12-31', terminationReason: 'layoff' }],
    [
      '二〇二三年三月一日入职，二〇二五年四月三十日离职',
      { startDate: '2023-03-01', endDate: '2025-04-30', serviceYears: 2, serviceMonths: 2 },
    ],
    ['2023.3.1入职，2025.6.30离职', { startDate: '2023-03-01', endDate: '2025-06-30', serviceYears: 2, serviceMonths: 4, serviceDays: 0 }],
    [
      '从2018年9月1日开始上班，一直干到2025年2月28日',
      { startDate: '2018-09-01', endDate: '2025-02-28', serviceYears: 6, serviceMonths: 6 },
    ],
    ['2024年10月8日才跟我签了劳动合同', { signedDate: '2024-10-08' }],
    ['离职日期是2025年1月10日', { endDate: '2025-01-10' }],
    ['2025年3月1日老板通知我被开除了', { endDate: '2025-03-01' }],
    ['2025年4月3日主管打电话说不用来了，当天我就知道被辞退了', { knewDate: '2025-04-03' }],
    ['我2022年2月14日入职，今年（2025年）5月31日被裁', { startDate: '2022-02-14', endDate: '2025-05-31' }],
    ['我是2023年11月8号被公司口头加书面通知开除的', { endDate: '2023-11-08' }],
    ['24年6月27号我干不下去离职了', { endDate: '2024-06-27' }],
    ['2023年3月1号去一家湘菜馆当厨师，直到2023年8月1号才补签了书面劳动合同', { startDate: '2023-03-01', signedDate: '2023-08-01' }],
    ['23年5月16号入职，公司拖到23年9月16号才签', { startDate: '2023-05-16', signedDate: '2023-09-16' }],
    ['上周四老板让我走人', { endDate: '2025-06-05' }],
    ['2024年7月1号大学毕业第一次参加工作，2024年能休几天年假', { firstWorkDate: '2024-07-01', totalWorkYears: 0.5 }],
    ['离职前12个月底薪加提成一共拿了72000', { averageWage: 6000 }],
    ['今年年假一天没休', { takenLeaveDays: 0 }],
    ['五一5月1号2号两天法定假我都上班了，每天8小时，这两天加班费多少', { overtime: [{ kind: 'holiday', days: 2 }] }],
    ['有个周日上了半天（4小时），没补休', { overtime: [{ kind: 'rest_day', hours: 4 }], restDayTimeOff: false }],
    ['伤残五级，一次性伤残补助金多少钱', { grade: 5, oneOffOnly: true }],
    ['2023年3月15号被解除。2023年4月10号我找公司要过赔偿，2023年11月6号公司HR在微信上答应会付', { interruptedDate: '2023-11-06' }],
    ['我从2012年7月开始上班，中间一直没断过，现在是第三家公司了。2023年全年能休几天年假', { totalWorkYears: 11.42 }],
    ['2003年7月中专毕业就上班了，2024年能休几天年假', { firstWorkDate: '2003-07' }],
    ['我每年有10天年假，2023年只休了4天', { unusedLeaveDays: 6 }],
    ['5天年假一天都没休', { unusedLeaveDays: 5 }],
    ['今年一天年假都还没休', { takenLeaveDays: 0 }],
    ['23年3.1号去一家川菜馆当厨师，拖到8.1号才补签了书面合同', { startDate: '2023-03-01', signedDate: '2023-08-01' }],
    ['2024年1月15号给公司发了书面通知解除劳动合同', { endDate: '2024-01-15' }],
    ['我2019年8月1号进的公司，2023年秋天查出病来，公司12月31号就把我解除了', { startDate: '2019-08-01', endDate: '2023-12-31' }],
    ['老板从2023年10月开始拖工资。我是2022年9月1号入职的', { startDate: '2022-09-01' }],
    ['2024年5月10日被违法解除，2024年9月2日我把书面索赔函当面交给了人事', { interruptedDate: '2024-09-02' }],
    ['另外有两个周六各加班8小时，公司没给安排补休', { restDayTimeOff: false }],
    ['周六周日各加班了一天，没调休，月薪4350', { overtime: [{ kind: 'rest_day', days: 2 }], restDayTimeOff: false }],
    ['工作了12年，今年还没休年假', { totalWorkYears: 12 }],
    ['公司2024年3月1日口头通知我明天不用来了，没说理由', { endDate: '2024-03-01', claimKind: 'other' }],
    ['我们省条例规定在国家产假基础上再延长60天，我顺产一胎', { birthKind: 'birth', statedLocal: { maternityExtraDays: 60 } }],
    ['还有一个周日上了一天8小时没补休', { overtime: [{ kind: 'rest_day', hours: 8 }] }],
  ]);

  it('reads 到去年12月31日 as "as of", not as the last day', () => {
    expect(facts('到去年12月31日，我参加工作累计满了十一年')).toEqual({ totalWorkYears: 11 });
  });
});

describe('lengths of service', () => {
  reads([
    ['I have been with the company for 6 years and 8 months', { serviceYears: 6, serviceMonths: 8 }],
    ['I worked for them for four years', { serviceYears: 4, serviceMonths: 0 }],
    ["I've been there a year and a half", { serviceYears: 1, serviceMonths: 6 }],
    ['worked there 2 yrs 3 mos', { serviceYears: 2, serviceMonths: 3 }],
    ['They fired me without any reason after 6 years and 2 months.', { serviceYears: 6, serviceMonths: 2 }],
    ['I worked 4 years 5 months before being unlawfully dismissed', { serviceYears: 4, serviceMonths: 5 }],
    ['干了整整5年', { serviceYears: 5, serviceMonths: 0 }],
    ['在这家厂连续做了十二年零三个月', { serviceYears: 12, serviceMonths: 3 }],
  ]);

  it('keeps "the last 12 months" and 离职前12个月 out of the service', () => {
    expect(facts('My average pay over the last 12 months was 9,000 yuan')).not.toHaveProperty('serviceYears');
    expect(facts('离职前12个月平均工资5500元')).not.toHaveProperty('serviceYears');
  });
});

describe('wages in English', () => {
  reads([
    ['I make 12k a month', { monthlyWage: 12000 }],
    ['My salary was RMB 9,500 per month.', { monthlyWage: 9500 }],
    ['My daily rate is 320 yuan', { dailyWage: 320 }],
    ["Last month's pay was 9,200, and my average over the past twelve months is 8,800.", { lastMonthWage: 9200, averageWage: 8800 }],
    ['Average wage for the last 12 months, excluding overtime, is 7,250.', { averageWage: 7250 }],
    ['Last month I was paid 7,100 and my 12-month average is 6,900.', { lastMonthWage: 7100, averageWage: 6900 }],
  ]);
});

describe('wages in Chinese', () => {
  reads([
    ['工资每月都是六千八', { monthlyWage: 6800 }],
    ['月薪九千八', { monthlyWage: 9800 }],
    ['一个月到手5千5', { monthlyWage: 5500 }],
    ['工资1.5万', { monthlyWage: 15000 }],
    ['日薪300块', { dailyWage: 300 }],
    ['月薪一万二，上个月发了一万三', { monthlyWage: 12000, lastMonthWage: 13000 }],
    ['前十二个月平均工资是6500元', { averageWage: 6500 }],
    ['底薪4千5，提成每月大概2000，全勤200', { wageParts: [4500, 2000, 200] }],
    ['年终奖发了2万，月薪8000', { monthlyWage: 8000, annualBonus: 20000 }],
    ['过去12个月平均每月9600，其中900是加班费', { averageWage: 9600, wageOvertimePart: 900 }],
  ]);

  it('leaves out an hourly rate and a severance offer', () => {
    expect(facts('老板说加班费按每小时20块算')).toEqual({});
    expect(facts('公司只肯给我补偿2万')).not.toHaveProperty('monthlyWage');
  });
});

describe("local figures stated in the question, never the worker's wage", () => {
  reads([
    ['当地最低工资标准是2480元，我月薪2600', { monthlyWage: 2600, statedLocal: { minimumWage: 2480 } }],
    ['统筹地区上年度职工月平均工资7500元，我的工资是2万', { monthlyWage: 20000, statedLocal: { injuryAverageMonthlyWage: 7500 } }],
    [
      'The average monthly wage in our city last year was 10,000 yuan and I earn 35,000 a month.',
      { monthlyWage: 35000, statedLocal: { averageMonthlyWage: 10000 } },
    ],
    ['本市社平工资9000，我前12个月平均月薪3万', { averageWage: 30000, statedLocal: { averageMonthlyWage: 9000 } }],
    ['The local minimum wage is 2,300; my agreed pay is 2,500.', { monthlyWage: 2500, statedLocal: { minimumWage: 2300 } }],
  ]);

  it('takes no wage at all from a question that states only the local figure', () => {
    const f = facts('市人社局公布的去年全市职工月平均工资是9800元');
    expect(f).toEqual({ statedLocal: { averageMonthlyWage: 9800 } });
  });
});

describe('overtime as days and hours', () => {
  reads([
    ['上个月周六加班了3次，每次8小时', { overtime: [{ kind: 'rest_day', days: 3 }] }],
    ['平时每天加班2小时，这个月上了22天班', { overtime: [{ kind: 'workday', hours: 44 }], dailyOvertimeHours: 2 }],
    ['国庆节加班3天，每天10小时', { overtime: [{ kind: 'holiday', hours: 30 }] }],
    ['春节期间上了两天班', { overtime: [{ kind: 'holiday', days: 2 }] }],
    ['周日加班8小时，没有调休', { overtime: [{ kind: 'rest_day', hours: 8 }], restDayTimeOff: false }],
    ['月薪6500，这个月加了14个小时的班，都是工作日晚上', { overtime: [{ kind: 'workday', hours: 14 }] }],
    [
      '本月工作日加班15小时、周末加班2天、中秋节加班1天',
      {
        overtime: [
          { kind: 'workday', hours: 15 },
          { kind: 'rest_day', days: 2 },
          { kind: 'holiday', days: 1 },
        ],
      },
    ],
    [
      '两个周六加班，每天8小时，其中一天补休了',
      { overtime: [{ kind: 'rest_day', days: 2 }], restDayTimeOffDays: 1, restDayTimeOff: false },
    ],
    ['I worked 3 Saturdays, 8 hours each.', { overtime: [{ kind: 'rest_day', days: 3 }] }],
    ['I worked 2 public holidays, 8 hours each', { overtime: [{ kind: 'holiday', days: 2 }] }],
    ['I did 25 hours of overtime on weekdays', { overtime: [{ kind: 'workday', hours: 25 }] }],
    ['20 overtime hours after work', { overtime: [{ kind: 'workday', hours: 20 }] }],
    ['worked on National Day (1 October) for 8 hours', { overtime: [{ kind: 'holiday', hours: 8 }] }],
  ]);

  it("reads 上了8小时班 on a working day as the day's work, not overtime", () => {
    expect(facts('我每天上了8小时班')).not.toHaveProperty('overtime');
  });
});

describe('grades, leave, births, contracts, claims', () => {
  reads([
    ['被评为七级伤残', { grade: 7 }],
    ['伤残等级为六级，公司安排不了合适的岗位', { grade: 6, suitableWorkArranged: false }],
    ['Level 9 disability', { grade: 9 }],
    ["rated at grade 5; the company can't arrange suitable work", { grade: 5, suitableWorkArranged: false }],
    ['I have worked 9 years in total', { totalWorkYears: 9 }],
    ['I have 15 years of total service', { totalWorkYears: 15 }],
    ['累计工作了18年', { totalWorkYears: 18 }],
    ['我在公司工作3年，之前在其他单位工作过5年', { serviceYears: 3, priorWorkYears: 5, totalWorkYears: 8 }],
    ['I took 3 months of sick leave this year', { sickLeaveMonths: 3 }],
    ['病假累计一个半月', { sickLeaveMonths: 1.5 }],
    ['年假只休了3天', { takenLeaveDays: 3 }],
    ['今年年假一天也没让我休', { takenLeaveDays: 0 }],
    ["I haven't taken any annual leave this year", { takenLeaveDays: 0 }],
    ['They let me take only 3 of my annual leave days', { takenLeaveDays: 3 }],
    ['2025年能休几天年假', { leaveYear: 2025 }],
    ['生了一对双胞胎', { birthKind: 'birth', babies: 2 }],
    ['单胎，顺产', { babies: 1, difficultBirth: false }],
    ['I had a miscarriage at 3 months', { birthKind: 'miscarriage', pregnancyMonths: 3 }],
    ['怀孕正好满5个月时流产了', { birthKind: 'miscarriage', pregnancyMonths: 5 }],
    ['合同签了三年', { contractKind: 'fixed', contractMonths: 36 }],
    ['签了一份三个月的短期劳动合同', { contractKind: 'fixed', contractMonths: 3 }],
    ['My contract term is exactly six months', { contractKind: 'fixed', contractMonths: 6 }],
    ['My contract runs for 2 years', { contractKind: 'fixed', contractMonths: 24 }],
    ['they still owe me four months of salary', { claimKind: 'wage_arrears' }],
    ['公司还欠我两个月工资', { claimKind: 'wage_arrears' }],
    ['The company refused to pay my overtime.', { claimKind: 'wage_arrears' }],
    ['被公司违法解除了', { claimKind: 'other', terminationReason: 'unlawful_dismissal' }],
    ['The boss never offered me a writen contract.', { noWrittenContract: true }],
  ]);
});

describe('overtime told in a story', () => {
  const kinds = (text: string) => extractFacts(text).overtime;

  it('a total takes the kind named last before it when the sentence names several', () => {
    expect(kinds('工作日几乎每天晚上都加班，打卡加起来总共加了20个小时，周末倒是都休息了')).toEqual([{ kind: 'workday', hours: 20 }]);
  });

  it('days worked said as days: "worked 2 Sundays", "worked on 1 May (Labour Day)", 这两天都是法定节假日, a list of days', () => {
    expect(
      kinds('I did 30 hours overtime on weekdays, I also worked 2 Sundays, and I worked on 1 May (Labour Day, statutory holiday)'),
    ).toEqual(
      expect.arrayContaining([
        { kind: 'workday', hours: 30 },
        { kind: 'rest_day', days: 2 },
        { kind: 'holiday', days: 1 },
      ]),
    );
    expect(kinds('Last week I did 12 hours after work on weekdays, and on Saturday I worked 8 hours')).toEqual(
      expect.arrayContaining([{ kind: 'rest_day', hours: 8 }]),
    );
    expect(kinds('10月1号和10月2号都被排了整天的班，这两天都是法定节假日')).toEqual([{ kind: 'holiday', days: 2 }]);
    expect(kinds('除夕、初一、初二、初三这4天（都是法定节假日）我全上了，另外正月初四、初五是休息日也上了')).toEqual([
      { kind: 'holiday', days: 4 },
      { kind: 'rest_day', days: 2 },
    ]);
  });

  it('a whole festival break worked splits into the statutory holidays and the rest days (放假办法 第二条)', () => {
    expect(kinds('2024年国庆7天假我一天没休，全在车间，每天8小时')).toEqual([
      { kind: 'holiday', days: 3 },
      { kind: 'rest_day', days: 4 },
    ]);
    expect(kinds('I worked the whole 2025 Spring Festival break, 28 Jan to 4 Feb — 8 days')).toEqual([
      { kind: 'holiday', days: 4 },
      { kind: 'rest_day', days: 4 },
    ]);
  });

  it('time off given or not, in English', () => {
    expect(extractFacts("company didn't give me any compensatory time off").restDayTimeOff).toBe(false);
    expect(extractFacts('the company gave me two days off in lieu the following week').restDayTimeOff).toBe(true);
  });
});
