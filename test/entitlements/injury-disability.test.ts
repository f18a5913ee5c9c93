import { describe, expect, it } from 'vitest';
import { injuryDisability } from '../../src/entitlements/index.js';

// 工伤保险条例 35–37: 一次性伤残补助金 27/25/23/21/18/16/13/11/9/7 个月本人工资；伤残津贴 一至四级
// 90/85/80/75%，五、六级（难以安排工作）70/60%；64: 本人工资按统筹地区平均工资的60%–300%.
describe('work-injury disability benefits', () => {
  it.each([
    [1, 27, 135000, 0.9, 4500], // 27 × 5000; 5000 × 90%
    [2, 25, 125000, 0.85, 4250],
    [3, 23, 115000, 0.8, 4000],
    [4, 21, 105000, 0.75, 3750],
    [5, 18, 90000, 0.7, 3500], // no suitable work arranged
    [6, 16, 80000, 0.6, 3000],
    [7, 13, 65000, null, null],
    [8, 11, 55000, null, null],
    [9, 9, 45000, null, null],
    [10, 7, 35000, null, null], // 7 × 5000
  ])('grade %d → %d months = %d, allowance %s', (grade, months, subsidy, rate, allowance) => {
    const r = injuryDisability({ grade, ownMonthlyWage: 5000, suitableWorkArranged: false });
    expect(r.figures).toEqual({
      wageBase: 5000,
      subsidyMonths: months,
      oneOffSubsidy: subsidy,
      allowanceRate: rate,
      monthlyAllowance: allowance,
    });
  });

  it('pays no allowance to grades 5–6 given suitable work', () => {
    expect(injuryDisability({ grade: 5, ownMonthlyWage: 5000, suitableWorkArranged: true }).figures.monthlyAllowance).toBeNull();
  });

  it('keeps the own wage between 60 % and 300 % of the area average (64)', () => {
    // 60 % of 9000 = 5400 > 5000 → 5400; 13 × 5400 = 70200
    expect(injuryDisability({ grade: 7, ownMonthlyWage: 5000 }, { local: { injuryAverageMonthlyWage: 9000 } }).figures).toMatchObject({
      wageBase: 5400,
      oneOffSubsidy: 70200,
    });
    // 300 % of 9000 = 27000 < 30000 → 27000; 27 × 27000 = 729000
    expect(injuryDisability({ grade: 1, ownMonthlyWage: 30000 }, { local: { injuryAverageMonthlyWage: 9000 } }).figures).toMatchObject({
      wageBase: 27000,
      oneOffSubsidy: 729000,
    });
  });

  it('makes an allowance below the minimum wage up to it', () => {
    // 2000 × 75 % = 1500 < 2300 → 2300
    expect(
      injuryDisability({ grade: 4, ownMonthlyWage: 2000 }, { local: { minimumWage: 2300, injuryAverageMonthlyWage: 3000 } }).figures
        .monthlyAllowance,
    ).toBe(2300);
  });

  it('says the provinces set the one-off subsidies on leaving for grades 5–10, and cites the right article', () => {
    const r = injuryDisability({ grade: 9, ownMonthlyWage: 6000 });
    expect(r.assumptions.map((a) => a.zh).join('')).toContain('具体标准由省、自治区、直辖市人民政府规定');
    expect(r.basis).toEqual([
      { title: '工伤保险条例', article: 37 },
      { title: '工伤保险条例', article: 64 },
    ]);
    expect(r.unsetLocalFigures).toEqual(['injuryAverageMonthlyWage']);
  });
});
