import { describe, expect, it } from 'vitest';
import { overtimePay } from '../../src/entitlements/index.js';

// 劳动法 44: 150% / 200% (no time off) / 300%; hourly wage = monthly ÷ 21.75 ÷ 8 (the wage-conversion
// notice); 劳动法 41: at most 3 hours a day and 36 a month.
describe('overtime pay', () => {
  it('pays 150 % on working days and flags hours over 36 a month', () => {
    // 40 × 5500 ÷ 21.75 ÷ 8 × 1.5 = 40 × 31.6092 × 1.5 = 1896.55; 40 − 36 = 4 over
    const r = overtimePay({ monthlyWage: 5500, workdayHours: 40 });
    expect(r.figures).toMatchObject({ hourlyWage: 31.61, workdayPay: 1896.55, total: 1896.55, overtimeHours: 40, hoursOverMonthlyCap: 4 });
    expect(r.working[0]!.zh).toContain('21.75');
    expect(r.working[0]!.zh).toContain('关于职工全年月平均工作时间和工资折算问题的通知');
    expect(r.basis).toEqual([
      { title: '中华人民共和国劳动法', article: 41 },
      { title: '中华人民共和国劳动法', article: 44 },
      { title: '工资支付暂行规定', article: 13 },
    ]);
  });

  it.each([
    [36, 0, 1706.9], // 36 × 5500 ÷ 21.75 ÷ 8 × 1.5 = 1706.90, exactly the limit
    [37, 1, 1754.31], // 37 × 31.6092 × 1.5 = 1754.31, one hour over
  ])('%d hours → %d over the cap', (hours, over, pay) => {
    expect(overtimePay({ monthlyWage: 5500, workdayHours: hours }).figures).toMatchObject({ hoursOverMonthlyCap: over, workdayPay: pay });
  });

  it('pays 200 % for rest days, counted as 8-hour days, unless time off was given', () => {
    // 2 days × 8 = 16 h; 16 × 6000 ÷ 21.75 ÷ 8 × 2 = 1103.45
    expect(overtimePay({ monthlyWage: 6000, restDayDays: 2 }).figures).toMatchObject({ restDayPay: 1103.45, overtimeHours: 16 });
    const off = overtimePay({ monthlyWage: 6000, restDayDays: 2, restDayTimeOffGiven: true });
    expect(off.figures).toMatchObject({ restDayPay: 0, total: 0, overtimeHours: 16 });
    expect(off.working.map((s) => s.zh).join('\n')).toContain('已安排同等时间补休');
  });

  it('pays 200 % only for the rest-day hours not given back as time off', () => {
    // 3 days × 8 = 24 h, 16 of them given back; 8 × 6960 ÷ 21.75 ÷ 8 × 2 = 640
    const r = overtimePay({ monthlyWage: 6960, restDayDays: 3, restDayTimeOffHours: 16 });
    expect(r.figures).toMatchObject({ restDayPay: 640, overtimeHours: 24 });
    expect(r.working.map((s) => s.zh)).toContain('其中16小时已安排同等时间补休，不付加班费');
  });

  it('pays 300 % on statutory holidays', () => {
    // 8 h × 5000 ÷ 21.75 ÷ 8 × 3 = 689.66
    expect(overtimePay({ monthlyWage: 5000, holidayDays: 1 }).figures.holidayPay).toBe(689.66);
    expect(overtimePay({ monthlyWage: 5000, holidayHours: 8 }).figures.holidayPay).toBe(689.66);
  });

  it('adds the kinds and counts them all towards the monthly limit', () => {
    // 20 h × 31.6092 × 1.5 = 948.28; 16 h × 31.6092 × 2 = 1011.49; total 1959.77; 36 h, none over
    const r = overtimePay({ monthlyWage: 5500, workdayHours: 20, restDayDays: 2 });
    expect(r.figures).toMatchObject({ workdayPay: 948.28, restDayPay: 1011.49, total: 1959.77, overtimeHours: 36, hoursOverMonthlyCap: 0 });
  });

  it('flags more than 3 hours of overtime in one day, not exactly 3', () => {
    expect(overtimePay({ monthlyWage: 5500, workdayHours: 12, longestWorkdayOvertime: 4 }).figures.overDailyLimit).toBe(true);
    expect(overtimePay({ monthlyWage: 5500, workdayHours: 12, longestWorkdayOvertime: 3 }).figures.overDailyLimit).toBe(false);
  });

  it('scales the monthly limit by the months covered', () => {
    // 3 months × 36 = 108 h allowed; 120 h → 12 over
    expect(overtimePay({ monthlyWage: 5500, workdayHours: 120, months: 3 }).figures.hoursOverMonthlyCap).toBe(12);
  });

  it("counts overtime over the period's total under a comprehensive-hours scheme", () => {
    // standard 3 × 20.83 × 8 = 499.92 h; 560 − 499.92 = 60.08 h; 60.08 × 6000 ÷ 21.75 ÷ 8 × 1.5 = 3107.59
    const r = overtimePay({ monthlyWage: 6000, comprehensive: { periodMonths: 3, hoursWorked: 560 } });
    expect(r.figures).toMatchObject({ workdayPay: 3107.59, overtimeHours: 60.08, hoursOverMonthlyCap: 0 });
    expect(r.working[1]!.zh).toContain('499.92小时');
    expect(r.assumptions[0]!.zh).toContain('须经劳动行政部门批准');
  });
});
