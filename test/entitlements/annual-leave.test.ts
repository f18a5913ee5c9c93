import { describe, expect, it } from 'vitest';
import { annualLeaveDays, unusedAnnualLeavePay } from '../../src/entitlements/index.js';

// 职工带薪年休假条例 3: 已满1年不满10年 5天；已满10年不满20年 10天；已满20年 15天.
describe('annual leave days', () => {
  it.each([
    [0.9, 0],
    [1, 5],
    [9.9, 5],
    [10, 10],
    [19.5, 10],
    [20, 15],
    [35, 15],
  ])('%d years of work → %d days', (cumulativeYears, days) => {
    expect(annualLeaveDays({ cumulativeYears }).figures).toEqual({ annualDays: days, days, prorated: false });
  });

  it('prorates a new worker by the calendar days left (实施办法 5)', () => {
    // 2025-07-01 … 12-31 = 184 days; 184 ÷ 365 × 5 = 2.52 → 2 (part days dropped)
    const r = annualLeaveDays({ cumulativeYears: 3, joinedOn: '2025-07-01' });
    expect(r.figures).toEqual({ annualDays: 5, days: 2, prorated: true });
    expect(r.working[1]!.zh).toBe('当年剩余日历天数184天 ÷ 365 × 5天 = 2.52天 → 不足1整天的部分不计：2天');
    expect(r.basis).toContainEqual({ title: '企业职工带薪年休假实施办法', article: 5 });
  });

  it('prorates a leaving worker by the days passed, less leave taken (实施办法 12)', () => {
    // 2025-01-01 … 06-30 = 181 days; 181 ÷ 365 × 10 − 2 = 2.96 → 2
    expect(annualLeaveDays({ cumulativeYears: 12, leftOn: '2025-06-30', takenDays: 2 }).figures.days).toBe(2);
    // 90 ÷ 365 × 5 − 5 < 0 → 0: leave taken beyond the share is not clawed back
    expect(annualLeaveDays({ cumulativeYears: 5, leftOn: '2025-03-31', takenDays: 5 }).figures.days).toBe(0);
  });

  it('prorates a worker who joins and leaves in the same year by the days at the employer', () => {
    // 2025-03-01 … 08-31 = 184 days; 184 ÷ 365 × 5 = 2.52 → 2
    expect(annualLeaveDays({ cumulativeYears: 4, joinedOn: '2025-03-01', leftOn: '2025-08-31' }).figures.days).toBe(2);
  });
});

// 条例 4 (三)–(五): 累计工作满1年不满10年请病假累计2个月以上，满10年不满20年3个月以上，满20年4个月以上的，不享受当年的年休假.
describe("sick leave that forfeits the year's leave", () => {
  it.each([
    [6, 2.2, 0],
    [6, 2, 0],
    [6, 1.9, 5],
    [15, 2, 10],
    [15, 3, 0],
    [25, 3.5, 15],
    [25, 4, 0],
  ])('%d years of work, %d months of sick leave → %d days', (cumulativeYears, sickLeaveMonths, days) => {
    expect(annualLeaveDays({ cumulativeYears, sickLeaveMonths }).figures.days).toBe(days);
  });

  it('says why in the working, with the zero', () => {
    const r = annualLeaveDays({ cumulativeYears: 6, sickLeaveMonths: 3 });
    expect(r.working[1]!.zh).toBe('当年请病假累计3个月，达到2个月 → 不享受当年的年休假：0天');
  });
});

// 条例 5: 按日工资收入的300%支付；实施办法 10: 其中包含正常工资；11: 日工资 = 月工资 ÷ 21.75.
describe('pay for annual leave not taken', () => {
  it('pays 200 % on top of the normal wage, 300 % in all', () => {
    // 6525 ÷ 21.75 = 300 a day; 5 × 300 × 2 = 3000 extra; × 3 = 4500 in all
    const r = unusedAnnualLeavePay({ monthlyWage: 6525, unusedDays: 5 });
    expect(r.figures).toEqual({ dailyWage: 300, extraPay: 3000, totalWithNormalPay: 4500 });
    expect(r.basis).toEqual([
      { title: '职工带薪年休假条例', article: 5 },
      { title: '企业职工带薪年休假实施办法', article: 10 },
      { title: '企业职工带薪年休假实施办法', article: 11 },
    ]);
  });

  it('pays only the normal wage when the worker declined in writing (实施办法 10 para 2)', () => {
    expect(unusedAnnualLeavePay({ monthlyWage: 6525, unusedDays: 5, workerDeclinedInWriting: true }).figures).toEqual({
      dailyWage: 300,
      extraPay: 0,
      totalWithNormalPay: 1500,
    });
  });
});
