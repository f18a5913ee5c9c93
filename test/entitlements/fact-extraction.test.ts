import { describe, expect, it } from 'vitest';
import { extractFacts, type Facts, mergeFacts } from '../../src/entitlements/index.js';

const today = '2025-06-10';

describe("facts from the worker's words", () => {
  it.each<[string, Facts]>([
    // service as durations
    [
      '我在公司干了4年8个月，月薪5500，被辞退了',
      { serviceYears: 4, serviceMonths: 8, monthlyWage: 5500, stillEmployed: false, claimKind: 'other' },
    ],
    ['4年8个月', { serviceYears: 4, serviceMonths: 8 }],
    ['干了三年多，工资五千五', { serviceYears: 3, monthlyWage: 5500 }], // months unknown: not guessed
    ['在这做了两年半，一个月4k', { serviceYears: 2, serviceMonths: 6, monthlyWage: 4000 }],
    ['5.5k一个月，干了快三年', { serviceYears: 2, monthlyWage: 5500 }], // under three years, months unknown
    ['近两年，月薪1.2万', { serviceYears: 1, monthlyWage: 12000 }],
    ['一年零三个月', { serviceYears: 1, serviceMonths: 3 }],
    ['5个月29天', { serviceYears: 0, serviceMonths: 5, serviceDays: 29 }],
    ['干了三年左右', {}], // could be either side of three years
    ['干了十年，月薪两万五', { serviceYears: 10, serviceMonths: 0, monthlyWage: 25000 }],
    ['工资３０００，工作了１年', { serviceYears: 1, serviceMonths: 0, monthlyWage: 3000, totalWorkYears: 1 }], // full-width digits
    ['底薪3千5，干了半年', { serviceYears: 0, serviceMonths: 6, monthlyWage: 3500 }],
    ['三级医院的护士，干了两年', { serviceYears: 2, serviceMonths: 0 }], // 三级医院 is no disability grade
    ['I worked there in total 7 years, salary 6,000 a month', { serviceYears: 7, serviceMonths: 0, monthlyWage: 6000 }],
    ['been with them for over 3 years, earning 8k per month', { serviceYears: 3, monthlyWage: 8000 }],
    [
      "I've worked here two and a half years and was laid off",
      { serviceYears: 2, serviceMonths: 6, terminationReason: 'layoff', stillEmployed: false, claimKind: 'other' },
    ],
    ['worked 3 yrs, 5500 per month', { serviceYears: 3, serviceMonths: 0, monthlyWage: 5500 }],
    ['monthly salary RMB 12,000, I have been working for 12 years', { serviceYears: 12, serviceMonths: 0, monthlyWage: 12000 }],
    // service from dates
    [
      '2021年3月入职，今年5月被辞退',
      {
        startDate: '2021-03',
        endDate: '2025-05',
        serviceYears: 4,
        serviceMonths: 2,
        serviceApproximate: true,
        stillEmployed: false,
        claimKind: 'other',
      },
    ],
    [
      '2021年3月15日入职，2025年5月20日被辞退，月薪1万2',
      {
        startDate: '2021-03-15',
        endDate: '2025-05-20',
        serviceYears: 4,
        serviceMonths: 2,
        serviceDays: 6,
        monthlyWage: 12000,
        stillEmployed: false,
        claimKind: 'other',
      },
    ],
    [
      '从2020年6月干到今年4月',
      { startDate: '2020-06', endDate: '2025-04', serviceYears: 4, serviceMonths: 10, serviceApproximate: true, stillEmployed: false },
    ],
    [
      '去年12月1号入职，到现在一直没签合同',
      { startDate: '2024-12-01', noWrittenContract: true, serviceYears: 0, serviceMonths: 6, serviceDays: 10 },
    ],
    [
      'I was fired on 3 May 2025, I joined in March 2019',
      {
        startDate: '2019-03',
        endDate: '2025-05-03',
        serviceYears: 6,
        serviceMonths: 2,
        serviceApproximate: true,
        stillEmployed: false,
        claimKind: 'other',
      },
    ],
    ['2023.3.1入职', { startDate: '2023-03-01' }],
    ['3月15号才知道公司没给我交社保', { knewDate: '2025-03-15', claimKind: 'other' }], // social insurance: not a wage claim
    [
      '今年2月份被开除的，说我严重违纪',
      { endDate: '2025-02', terminationReason: 'dismissed_misconduct', stillEmployed: false, claimKind: 'other' },
    ],
    // wages
    ['日工资200，上个月加班40小时', { dailyWage: 200, overtime: [{ hours: 40 }] }], // kind not said
    ['200一天', { dailyWage: 200 }],
    ['工资一天200块', { dailyWage: 200 }],
    ['一个月4k', { monthlyWage: 4000 }],
    ['工资五千多', {}], // not exact
    [
      '公司无故把我辞退了，我在这干了6年，工资一万二千',
      {
        serviceYears: 6,
        serviceMonths: 0,
        monthlyWage: 12000,
        terminationReason: 'unlawful_dismissal',
        stillEmployed: false,
        claimKind: 'other',
      },
    ],
    ['My daily wage is 250 and I did 30 hours of overtime last month', { dailyWage: 250, overtime: [{ hours: 30 }] }],
    // typos
    ['月新5500，加斑36小时', { monthlyWage: 5500, overtime: [{ hours: 36 }] }],
    ['被公司辞推了，公资4500，干了2年', { serviceYears: 2, serviceMonths: 0, monthlyWage: 4500, stillEmployed: false, claimKind: 'other' }],
    // overtime
    [
      '周末加了两天班，平时加班20小时',
      {
        overtime: [
          { kind: 'workday', hours: 20 },
          { kind: 'rest_day', days: 2 },
        ],
      },
    ],
    ['国庆加了3天班', { overtime: [{ kind: 'holiday', days: 3 }] }],
    ['春节加班三天，工资7000', { monthlyWage: 7000, overtime: [{ kind: 'holiday', days: 3 }] }],
    ['每天加班4小时，一个月大概加了80个小时的班', { overtime: [{ hours: 80 }], dailyOvertimeHours: 4 }],
    ['周六日都要上班，没有调休，上个月周末加了4天班', { overtime: [{ kind: 'rest_day', days: 4 }], restDayTimeOff: false }],
    [
      'wage 5500 yuan, overtime 20 hours on weekends, no time off',
      { monthlyWage: 5500, overtime: [{ kind: 'rest_day', hours: 20 }], restDayTimeOff: false },
    ],
    ['加班费没给，月薪4500，平时每天加班3小时', { monthlyWage: 4500, dailyOvertimeHours: 3, claimKind: 'wage_arrears' }],
    // injury
    ['七级伤残，受伤前工资8000', { grade: 7, monthlyWage: 8000 }],
    ['鉴定为九级', { grade: 9 }],
    ['九级', { grade: 9 }],
    ['grade 8 disability, my wage was 7000', { grade: 8, monthlyWage: 7000 }],
    ['伤残十级，停工留薪期6个月', { grade: 10 }], // the 6 months are no service
    ['伤残五级，公司没给我安排工作', { grade: 5, suitableWorkArranged: false }],
    // births
    ['生了双胞胎，还是难产', { birthKind: 'birth', babies: 2, difficultBirth: true }],
    ['twins, difficult birth', { birthKind: 'birth', babies: 2, difficultBirth: true }],
    ['我休产假，顺产，生了一个女儿', { birthKind: 'birth', babies: 1, difficultBirth: false }],
    ['怀孕3个月流产了', { birthKind: 'miscarriage', pregnancyMonths: 3 }],
    ['怀孕四个多月的时候流产', { birthKind: 'miscarriage', pregnancyMonths: 4 }],
    ['I had a miscarriage when I was 3 months pregnant', { birthKind: 'miscarriage', pregnancyMonths: 3 }],
    // contracts
    ['签了三年合同，试用期6个月，工资8千', { contractKind: 'fixed', contractMonths: 36, agreedProbationMonths: 6, monthlyWage: 8000 }],
    ['合同期限是一年，约定试用期3个月', { contractKind: 'fixed', contractMonths: 12, agreedProbationMonths: 3 }],
    ['签的是无固定期限合同', { contractKind: 'open_ended' }],
    ['I signed a 2-year contract with a 3 month probation', { contractKind: 'fixed', contractMonths: 24, agreedProbationMonths: 3 }],
    ['入职8个月一直没签合同，月薪6000', { serviceYears: 0, serviceMonths: 8, noWrittenContract: true, monthlyWage: 6000 }],
    ['在厂里做了一年多，没有签劳动合同，月薪3800', { serviceYears: 1, noWrittenContract: true, monthlyWage: 3800 }],
    // leave, how the job ended, claims
    ['工龄20年，年假还有5天没休', { totalWorkYears: 20, unusedLeaveDays: 5 }],
    ['公司拖欠我3个月工资，我还在上班', { claimKind: 'wage_arrears', stillEmployed: true }], // the 3 months are no service
    ['我自己辞职的', { terminationReason: 'resigned' }],
    ['公司倒闭了', { terminationReason: 'employer_closed' }],
    ['我是因为公司不交社保才辞职的', { terminationReason: 'resigned_employer_fault', claimKind: 'other' }],
    [
      '合同到期公司不续签，做了5年，月薪9000',
      { serviceYears: 5, serviceMonths: 0, monthlyWage: 9000, terminationReason: 'contract_expired' },
    ],
  ])('%s', (text, facts) => {
    expect(extractFacts(text, { today })).toEqual(facts);
  });

  it('skips relative dates without a today, never guessing the year', () => {
    expect(extractFacts('今年5月被辞退')).toEqual({ stillEmployed: false, claimKind: 'other' });
  });

  it('replaces the whole length of service when a later message states it again', () => {
    const first = extractFacts('干了4年8个月');
    const later = extractFacts('不对，是三年多');
    expect(mergeFacts(first, later)).toEqual({ serviceYears: 3 });
    expect(mergeFacts({ monthlyWage: 5000 }, { grade: 7 })).toEqual({ monthlyWage: 5000, grade: 7 });
  });
  describe('dates in a story', () => {
    const today = '2026-12-01';
    it('a today the worker states dates 去年 and the days without a year', () => {
      const f = extractFacts('今天是2024年1月12日。我去年3月1号来上班，老板不签合同，我干到去年8月31号就辞职了', { today });
      expect(f).toMatchObject({ asOfDate: '2024-01-12', startDate: '2023-03-01', endDate: '2023-08-31' });
    });

    it('a day without a year takes the year the story named before it', () => {
      const f = extractFacts('我2024年3月1日入职，5月31号HR通知我明天不用来了', { today });
      expect(f).toMatchObject({ startDate: '2024-03-01', endDate: '2024-05-31' });
      expect(extractFacts('2023年11月10日入职，3月5日被辞退', { today })).toMatchObject({ endDate: '2024-03-05' });
    });

    it('two-digit years, and days whose year comes later in the story, with no today at all', () => {
      expect(extractFacts('我23年10月8号入职，一直拖到24年4月8号才签劳动合同')).toMatchObject({
        startDate: '2023-10-08',
        signedDate: '2024-04-08',
      });
      expect(extractFacts('今年（2024年）2月1日进了公司，拖到5月1日才补签了合同')).toMatchObject({
        startDate: '2024-02-01',
        signedDate: '2024-05-01',
      });
      expect(extractFacts('I worked there from Jan 2 to Aug 1, 2024')).toMatchObject({ startDate: '2024-01-02', endDate: '2024-08-01' });
      expect(extractFacts('干了23年10个月').startDate).toBeUndefined();
    });

    it('two dates with no role in a story of a job that ended span the job', () => {
      const f = extractFacts('2016年5月3日入职的。今年公司取消我的岗位，2024年7月2日办完手续走人', { today });
      expect(f).toMatchObject({ startDate: '2016-05-03', endDate: '2024-07-02' });
      expect(extractFacts('2016年5月3日和2024年7月2日我都去体检了', { today }).endDate).toBeUndefined();
    });

    it("another employer's dates are not this job's; 从…离职 and 毕业就在… mark the last and first day", () => {
      const f = extractFacts('My previous job ended 30 September 2023, and I joined my new company on 1 October 2023', { today });
      expect(f.endDate).toBeUndefined();
      expect(f.startDate).toBe('2023-10-01');
      expect(extractFacts('我2023年6月30日从现在的单位离职', { today }).endDate).toBe('2023-06-30');
      expect(extractFacts('我2012年7月大学毕业就一直在这家公司上班', { today }).startDate).toBe('2012-07');
    });

    it('English dates year first or day first without a year, and 差两个月满四年', () => {
      expect(extractFacts('i join them on 2019 March 1 and my last day is 2024 May 31')).toMatchObject({
        startDate: '2019-03-01',
        endDate: '2024-05-31',
      });
      expect(extractFacts('I only worked there from 8 January to 7 May 2024')).toMatchObject({
        startDate: '2024-01-08',
        endDate: '2024-05-07',
      });
      expect(extractFacts('我在这干了差两个月满四年')).toMatchObject({ serviceYears: 3, serviceMonths: 10 });
    });

    it("a year's total pay is twelve months' (最后一年工资加年终奖一共拿了60000), and 'Salary 11,000 monthly'", () => {
      expect(extractFacts('他最后一年工资加年终奖一共拿了60000').averageWage).toBe(5000);
      expect(extractFacts('Salary 11,000 monthly, no bonus').monthlyWage).toBe(11000);
      expect(extractFacts('试用期工资也是全额9000').monthlyWage).toBe(9000);
    });

    it('"effective end of May 2024" is the last day', () => {
      expect(extractFacts('I started in October 2008, the contract ends by agreement effective end of May 2024', { today })).toMatchObject({
        startDate: '2008-10',
        endDate: '2024-05',
      });
    });
  });
  describe('wages and leave said in a story', () => {
    it('wage spans of the last 12 months give their average', () => {
      expect(extractFacts('最近一年，前8个月每月1万5，后4个月涨到1万8').averageWage).toBe(16000);
      expect(extractFacts('I earned 7,000 per month for the first 6 months and 8,000 per month for the last 6').averageWage).toBe(7500);
    });

    it('years of work: 11年工龄, "8 years\' work experience", a length over several employers', () => {
      expect(extractFacts('11年工龄，今年3月1号跳槽过来的').totalWorkYears).toBe(11);
      expect(extractFacts("I have 12 years' work experience").totalWorkYears).toBe(12);
      expect(extractFacts('Total work experience 8 years').totalWorkYears).toBe(8);
      expect(extractFacts('我前前后后在好几家公司干过，加起来一共25年了').totalWorkYears).toBe(25);
    });

    it('the leave days had less the days taken are the days not taken', () => {
      expect(extractFacts('今年15天年假只休了5天，公司说项目忙不让休').unusedLeaveDays).toBe(10);
      expect(extractFacts('10 days of leave last year, but I only got to take 4').unusedLeaveDays).toBe(6);
    });

    it('sick leave said with words between, and leave days not let taken', () => {
      expect(extractFacts('今年断断续续请了病假，加起来一共两个半月').sickLeaveMonths).toBe(2.5);
      expect(extractFacts('今年我有5天年假，公司说太忙没让我休').unusedLeaveDays).toBe(5);
      expect(extractFacts("Company couldn't arrange 3 days of my annual leave").unusedLeaveDays).toBe(3);
      expect(extractFacts('In 2024 I took 5 days of annual leave and the employer refused the rest').unusedLeaveDays).toBeUndefined();
    });
  });
  describe('the arbitration clock in a story', () => {
    it('the day told of the dismissal, and a complaint that restarts the year (仲裁法 27)', () => {
      expect(extractFacts('HR told me face to face on 20 November 2024 that I was dismissed').endDate).toBe('2024-11-20');
      expect(extractFacts('2024年3月14号老板当面跟我说我被辞退了').endDate).toBe('2024-03-14');
      expect(extractFacts('我2024年3月12日被公司无理由辞退').endDate).toBe('2024-03-12');
      const f = extractFacts('I was fired on 2 Feb 2025. On 22 April 2025 I filed a complaint with the labour inspection brigade');
      expect(f).toMatchObject({ endDate: '2025-02-02', interruptedDate: '2025-04-22' });
    });

    it('US-order dates in English, and wages still owed said many ways', () => {
      expect(extractFacts('I was dismissed on 3/5/2023').endDate).toBe('2023-03-05');
      expect(extractFacts('I was dismissed on 25/5/2023').endDate).toBe('2023-05-25');
      expect(extractFacts('25年5月20号我离职的，最后两个月工资老板一直拖着没给').claimKind).toBe('wage_arrears');
      expect(extractFacts("HR told me they won't pay any severance").claimKind).toBe('other');
    });
  });
});
