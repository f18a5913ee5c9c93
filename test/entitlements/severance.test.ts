import { describe, expect, it } from 'vitest';
import { noticePay, severance, severanceOwed, terminationReasons, unlawfulTermination } from '../../src/entitlements/index.js';

// 劳动合同法 47: 每满一年支付一个月工资；六个月以上不满一年的，按一年计算；不满六个月的，支付半个月工资。
// 月工资高于上年度职工月平均工资三倍的，按三倍支付，年限最高不超过十二年。
const local = { averageMonthlyWage: 8000, minimumWage: 2300 };

describe('severance (劳动合同法 47)', () => {
  it.each([
    // [service, wage, months, amount] — hand computation in the name
    [{ years: 4, months: 8 }, 5500, 5, 27500], // 4 full years + 8 months (≥ 6 → a year) = 5 × 5500
    [{ years: 0, months: 6 }, 5000, 1, 5000], // exactly six months counts as a year: 1 × 5000
    [{ years: 0, months: 5, days: 29 }, 5000, 0.5, 2500], // 5 months 29 days is under six: half a month
    [{ years: 4, months: 0 }, 5000, 4, 20000], // 4 full years, nothing over: 4 × 5000
    [{ years: 4, months: 0, days: 1 }, 5000, 4.5, 22500], // one day over four years: + half a month
    [{ years: 4, months: 3 }, 5500, 4.5, 24750], // 4 + 0.5 = 4.5 × 5500
    [{ years: 0, months: 0, days: 10 }, 4000, 0.5, 2000], // ten days: half a month
    [{ years: 14, months: 2 }, 5000, 14.5, 72500], // no cap below 3 × 8000: 14.5 × 5000
  ])('%o at %d yuan → %d months, %d yuan', (service, monthlyWage, months, amount) => {
    const r = severance({ service, monthlyWage }, { local });
    expect(r.figures).toMatchObject({ countedMonths: months, paidMonths: months, amount, capped: false });
  });

  it('caps the wage at three times the average and the years at twelve', () => {
    // 30000 > 3 × 8000 = 24000 → 24000; 14年2个月 → 14.5 → at most 12: 12 × 24000 = 288000
    const r = severance({ service: { years: 14, months: 2 }, monthlyWage: 30000 }, { local });
    expect(r.figures).toEqual({ countedMonths: 14.5, paidMonths: 12, wageBase: 24000, capped: true, amount: 288000 });
    expect(r.working.map((s) => s.zh).join('\n')).toContain('封顶12年');
  });

  it('does not cap a wage of exactly three times the average ("高于" is strictly above)', () => {
    // 24000 is not above 24000: 14.5 × 24000 = 348000
    const r = severance({ service: { years: 14, months: 2 }, monthlyWage: 24000 }, { local });
    expect(r.figures).toMatchObject({ capped: false, paidMonths: 14.5, amount: 348000 });
  });

  it.each([
    [{ years: 5, months: 0 }, 5, 120000], // capped wage, 5 years: 5 × 24000
    [{ years: 11, months: 6 }, 12, 288000], // 11.5 years → 12, within the cap: 12 × 24000
    [{ years: 12, months: 0 }, 12, 288000], // exactly twelve years: 12 × 24000
    [{ years: 12, months: 5 }, 12, 288000], // 12.5 → 12: 12 × 24000
  ])('high wage, %o → %d months, %d yuan', (service, paidMonths, amount) => {
    expect(severance({ service, monthlyWage: 30000 }, { local }).figures).toMatchObject({ paidMonths, amount });
  });

  it('raises an average below the minimum wage to it (实施条例 27)', () => {
    // 2000 < 2300 → 2300 × 2 years = 4600
    const r = severance({ service: { years: 2, months: 0 }, monthlyWage: 2000 }, { local });
    expect(r.figures).toMatchObject({ wageBase: 2300, amount: 4600 });
  });

  it('shows the working and names the unset local figures and where they are published', () => {
    const r = severance({ service: { years: 4, months: 8 }, monthlyWage: 5500 });
    expect(r.working.at(-1)!.zh).toBe('4年8个月 → 按5年计（六个月以上按一年计） → 5个月 × 5500元 = 27500元');
    expect(r.working.at(-1)!.en).toBe(
      '4 years 8 months → counted as 5 years (six months or more count as a year) → 5 months × 5,500 yuan = 27,500 yuan',
    );
    expect(r.unsetLocalFigures).toEqual(['minimumWage', 'averageMonthlyWage']);
    expect(r.assumptions.map((a) => a.zh).join('')).toContain('如果你的月工资低于当地上年度职工月平均工资的三倍');
    expect(r.assumptions.map((a) => a.zh).join('')).toContain('人社局');
    expect(r.basis).toContainEqual({ title: '中华人民共和国劳动合同法', article: 47 });
    expect(severance({ service: { years: 1, months: 0 }, monthlyWage: 5500 }, { local }).unsetLocalFigures).toEqual([]);
  });

  it('notes the pre-2008 years rule only when the job began before 2008 (劳动合同法 97)', () => {
    const r = severance({ service: { years: 18, months: 0 }, monthlyWage: 5000, startedBefore2008: true }, { local });
    expect(r.basis).toContainEqual({ title: '中华人民共和国劳动合同法', article: 97 });
    expect(severance({ service: { years: 3, months: 0 }, monthlyWage: 5000 }, { local }).basis).not.toContainEqual({
      title: '中华人民共和国劳动合同法',
      article: 97,
    });
  });
});

describe('unlawful termination (劳动合同法 87: twice N)', () => {
  it('pays twice the severance, in the working line', () => {
    // N = 5 × 5500 = 27500; 2N = 55000
    const r = unlawfulTermination({ service: { years: 4, months: 8 }, monthlyWage: 5500 }, { local });
    expect(r.figures).toMatchObject({ amount: 27500, compensation: 55000 });
    expect(r.working.at(-1)!.zh).toBe('4年8个月 → 按5年计（六个月以上按一年计） → 5个月 × 5500元 = 27500元；违法解除为二倍：55000元');
    expect(r.basis).toContainEqual({ title: '中华人民共和国劳动合同法', article: 87 });
  });

  it('keeps the cap of three times the average and twelve years', () => {
    // 12 × 24000 = 288000; × 2 = 576000
    expect(unlawfulTermination({ service: { years: 20, months: 0 }, monthlyWage: 50000 }, { local }).figures.compensation).toBe(576000);
  });
});

describe('notice pay (劳动合同法 40; 实施条例 20)', () => {
  it("is last month's wage", () => {
    const r = noticePay({ lastMonthWage: 6200 });
    expect(r.figures.amount).toBe(6200);
    expect(r.basis).toEqual([
      { title: '中华人民共和国劳动合同法', article: 40 },
      { title: '中华人民共和国劳动合同法', article: 46 },
      { title: '中华人民共和国劳动合同法实施条例', article: 20 },
    ]);
  });
});

describe('whether severance is owed (劳动合同法 46)', () => {
  it.each([
    ['resigned', 'none', false], // 37: the worker's own notice, no fault of the employer
    ['resigned_employer_fault', 'severance', false], // 46(1) with 38
    ['mutual_employer_proposed', 'severance', false], // 46(2): only when the employer proposes
    ['mutual_worker_proposed', 'none', false],
    ['dismissed_misconduct', 'none', false], // 39
    ['dismissed_no_fault', 'severance', true], // 46(3) with 40, plus a month in lieu of notice
    ['layoff', 'severance', false], // 46(4) with 41
    ['contract_expired', 'severance', false], // 46(5) with 44(1)
    ['contract_expired_refused_renewal', 'none', false], // 46(5) exception
    ['employer_closed', 'severance', false], // 46(6) with 44(4)(5)
    ['retired', 'none', false], // 44(2) is not in 46
    ['unlawful_dismissal', 'double_severance', false], // 48, 87
  ] as const)('%s → %s', (reason, owed, noticePay) => {
    const r = severanceOwed({ reason });
    expect(r.figures).toEqual({ owed, noticePay });
    expect(r.working[0]!.zh.length).toBeGreaterThan(10);
    expect(r.basis.length).toBeGreaterThan(0);
  });

  it('covers every reason', () => {
    expect(terminationReasons).toHaveLength(12);
  });
});
