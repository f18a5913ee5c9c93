import { describe, expect, it } from 'vitest';
import { doubleWageNoContract } from '../../src/entitlements/index.js';

// 劳动合同法 82; 实施条例 6: 起算时间为用工之日起满一个月的次日；实施条例 7: 至满一年的前一日，
// 并视为满一年的当日已订立无固定期限劳动合同. So months 2–12, at most 11; the figure is the extra wage.
describe('double wages without a written contract', () => {
  it.each([
    [{ years: 0, months: 8 }, 5000, 7, 35000, false], // months 2–8: 7 × 5000
    [{ years: 0, months: 1 }, 5000, 0, 0, false], // the first month is the time to sign
    [{ years: 0, months: 0, days: 20 }, 5000, 0, 0, false], // under a month: nothing
    [{ years: 0, months: 1, days: 10 }, 6000, 0.33, 2000, false], // 10 days over the first month: 10 × 6000 ÷ 30
    [{ years: 0, months: 11 }, 5000, 10, 50000, false], // months 2–11: 10 × 5000
    [{ years: 0, months: 11, days: 29 }, 5000, 10.97, 54833.33, false], // 10 × 5000 + 29 × 5000 ÷ 30
    [{ years: 1, months: 0 }, 5000, 11, 55000, true], // a full year: months 2–12, 11 × 5000, open-ended deemed
    [{ years: 2, months: 3 }, 5000, 11, 55000, true], // never more than eleven months
  ])('%o at %d → %d months, %d yuan', (service, monthlyWage, months, extra, deemed) => {
    const r = doubleWageNoContract({ service, monthlyWage });
    expect(r.figures).toEqual({ doubleWageMonths: months, extraWage: extra, deemedOpenEnded: deemed });
  });

  it('says the open-ended contract is deemed concluded after a full year and cites 14', () => {
    const r = doubleWageNoContract({ service: { years: 1, months: 2 }, monthlyWage: 5000 });
    expect(r.working.map((s) => s.zh).join('\n')).toContain('视为已订立无固定期限劳动合同');
    expect(r.basis).toContainEqual({ title: '中华人民共和国劳动合同法', article: 14 });
    expect(r.basis).toContainEqual({ title: '中华人民共和国劳动合同法实施条例', article: 7 });
  });

  it('shows the prorated part month in the working', () => {
    const r = doubleWageNoContract({ service: { years: 0, months: 1, days: 10 }, monthlyWage: 6000 });
    expect(r.working.at(-1)!.zh).toBe('10天 × 6000元 ÷ 30 = 2000元');
    expect(r.assumptions[0]!.zh).toContain('按每月30天折算');
  });
});
