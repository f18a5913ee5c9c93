import { describe, expect, it } from 'vitest';
import { leaveDates, noContractPeriod, unusedLeave } from '../../src/entitlements/derived-facts.js';
import { wageFor } from '../../src/entitlements/wage-facts.js';

// 实施条例 20: 代通知金按上一个月的工资；劳动合同法 47, 实施条例 27: 经济补偿按前12个月平均工资，含奖金；
// 年休假实施办法 11: 剔除加班工资.
describe('which wage each calculator takes', () => {
  const both = { lastMonthWage: 7300, averageWage: 7100, monthlyWage: 6900 };

  it.each([
    ['notice_pay', 7300],
    ['severance', 7100],
    ['unlawful_termination', 7100],
    ['injury_disability', 7100],
    ['unused_annual_leave_pay', 7100],
    ['overtime_pay', 6900],
    ['double_wage_no_contract', 6900],
    ['probation', 6900],
  ] as const)('%s → %d', (calculator, wage) => {
    expect(wageFor(calculator, both).wage).toBe(wage);
  });

  it('uses another wage only when it is the only one, and says so', () => {
    const notice = wageFor('notice_pay', { averageWage: 7100 });
    expect(notice.wage).toBe(7100);
    expect(notice.assumptions[0]!.zh).toContain('代通知金按上一个月的工资计算');
    expect(wageFor('notice_pay', { monthlyWage: 6900 }).assumptions).toEqual([]);
  });

  it('adds the parts and a year-end bonus for severance, showing the sum', () => {
    const r = wageFor('severance', { wageParts: [5000, 1500], annualBonus: 18000 });
    expect(r.wage).toBe(8000);
    expect(r.working.map((w) => w.zh)).toEqual(['月工资 = 5000元 + 1500元 = 6500元', '月平均工资 = 6500元 + 年终奖18000元 ÷ 12 = 8000元']);
    // the bonus is no part of the overtime base, and an average already holds it
    expect(wageFor('overtime_pay', { wageParts: [5000, 1500], annualBonus: 18000 }).wage).toBe(6500);
    expect(wageFor('severance', { averageWage: 8000, annualBonus: 18000 }).wage).toBe(8000);
  });

  it('leaves the overtime pay out of the leave-pay wage', () => {
    const r = wageFor('unused_annual_leave_pay', { averageWage: 9600, wageOvertimePart: 900 });
    expect(r.wage).toBe(8700);
    expect(r.working[0]!.zh).toBe('剔除加班工资：9600元 − 900元 = 8700元');
  });

  it('turns a daily wage monthly', () => {
    expect(wageFor('severance', { dailyWage: 200 }).wage).toBe(4350);
  });
});

describe('facts worked out from other facts', () => {
  it('runs the time without a contract to the day before the signing', () => {
    expect(noContractPeriod({ startDate: '2024-09-10', signedDate: '2025-01-10' })).toEqual({ years: 0, months: 4, days: 0 });
    expect(noContractPeriod({ startDate: '2024-09-10' })).toBeUndefined();
  });

  it('prorates leave in the year the question names', () => {
    expect(leaveDates({ startDate: '2025-08-01', leaveYear: 2025 }, undefined)).toEqual({ joinedOn: '2025-08-01' });
    expect(leaveDates({ startDate: '2019-08-01', leaveYear: 2025 }, undefined)).toEqual({});
  });

  it("takes the days taken off the year's leave", () => {
    expect(unusedLeave({ totalWorkYears: 13, takenLeaveDays: 3 }, undefined).days).toBe(7);
    expect(unusedLeave({ totalWorkYears: 8, takenLeaveDays: 0 }, undefined).days).toBe(5);
    // leaving on 31 July after 16 years, 1 day taken: 212 ÷ 365 × 10 − 1 = 4.81 → 4
    expect(unusedLeave({ totalWorkYears: 16, takenLeaveDays: 1, endDate: '2025-07-31' }, undefined).days).toBe(4);
    expect(unusedLeave({ unusedLeaveDays: 3, totalWorkYears: 16, takenLeaveDays: 0 }, undefined).days).toBe(3);
    expect(unusedLeave({ totalWorkYears: 16 }, undefined).days).toBeUndefined();
  });
});
