import { describe, expect, it } from 'vitest';
import { probation } from '../../src/entitlements/index.js';

// 劳动合同法 19: 三个月以上不满一年 ≤1个月；一年以上不满三年 ≤2个月；三年以上固定期限和无固定期限 ≤6个月；
// 不满三个月或以完成一定工作任务为期限 不得约定.
describe('the longest probation', () => {
  it.each([
    ['fixed', 2, 0],
    ['fixed', 3, 1],
    ['fixed', 11, 1],
    ['fixed', 12, 2],
    ['fixed', 35, 2],
    ['fixed', 36, 6],
    ['fixed', 60, 6],
    ['open_ended', undefined, 6],
    ['task', undefined, 0],
  ] as const)('%s %s months → %d', (contractKind, contractMonths, max) => {
    expect(probation({ contractKind, contractMonths }).figures.maxProbationMonths).toBe(max);
  });

  it('states the zero in the working when no probation is allowed', () => {
    expect(probation({ contractKind: 'fixed', contractMonths: 1 }).working[0]!.zh).toBe(
      '1个月的固定期限合同 → 不得约定试用期（最长0个月）',
    );
  });

  it('flags a probation longer than allowed and cites 83', () => {
    const r = probation({ contractKind: 'fixed', contractMonths: 12, agreedProbationMonths: 3 });
    expect(r.figures.excessMonths).toBe(1);
    expect(r.basis).toContainEqual({ title: '中华人民共和国劳动合同法', article: 83 });
  });
});

// 劳动合同法 20; 实施条例 15: 不低于相同岗位最低档工资的80%或者约定工资的80%，并不低于当地最低工资标准.
describe('the lowest probation pay', () => {
  it('is 80 % of the agreed wage', () => {
    // 6000 × 0.8 = 4800
    expect(probation({ contractKind: 'fixed', contractMonths: 12, agreedMonthlyWage: 6000 }).figures.lowestPay).toBe(4800);
  });

  it('never goes below the local minimum wage', () => {
    // 3000 × 0.8 = 2400 < 2500 → 2500
    const r = probation({ contractKind: 'fixed', contractMonths: 12, agreedMonthlyWage: 3000 }, { local: { minimumWage: 2500 } });
    expect(r.figures.lowestPay).toBe(2500);
    expect(r.unsetLocalFigures).toEqual([]);
  });

  it('takes the lower of the two 80 % standards: below it pay is unlawful on any reading', () => {
    // 6000 × 0.8 = 4800; 5000 × 0.8 = 4000 → 4000 (above the minimum wage 2500)
    const r = probation(
      { contractKind: 'fixed', contractMonths: 24, agreedMonthlyWage: 6000, lowestWageSamePost: 5000 },
      { local: { minimumWage: 2500 } },
    );
    expect(r.figures.lowestPay).toBe(4000);
    expect(r.assumptions.map((a) => a.zh).join('')).toContain('有争议');
  });

  it('names the minimum wage when it is not set', () => {
    const r = probation({ contractKind: 'open_ended' });
    expect(r.figures.lowestPay).toBeNull();
    expect(r.unsetLocalFigures).toEqual(['minimumWage']);
  });
});
