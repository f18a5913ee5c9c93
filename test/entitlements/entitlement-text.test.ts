import { describe, expect, it } from 'vitest';
import { formatEntitlement, unlawfulTermination } from '../../src/entitlements/index.js';

describe('the working shown to the worker', () => {
  const result = unlawfulTermination(
    { service: { years: 4, months: 8 }, monthlyWage: 5500 },
    { local: { averageMonthlyWage: 9000, minimumWage: 2500 } },
  );

  it('reads in Chinese: working, assumptions, articles', () => {
    expect(formatEntitlement(result, 'zh')).toBe(
      [
        '4年8个月 → 按5年计（六个月以上按一年计） → 5个月 × 5500元 = 27500元；违法解除为二倍：55000元',
        '前提：',
        '· 月工资按解除或终止前12个月的平均应得工资计算，包括计时或计件工资以及奖金、津贴和补贴；工作不满12个月的，按实际工作的月数平均。',
        '· 赔偿金代替经济补偿，不会两项都拿；年限从用工之日起计算（包括2008年以前）。你也可以不要赔偿金而要求继续履行劳动合同。',
        '依据：《中华人民共和国劳动合同法》第四十七条、第四十八条、第八十七条；《中华人民共和国劳动合同法实施条例》第二十五条',
      ].join('\n'),
    );
  });

  it('reads in English', () => {
    const text = formatEntitlement(result, 'en');
    expect(text.split('\n')[0]).toBe(
      '4 years 8 months → counted as 5 years (six months or more count as a year) → 5 months × 5,500 yuan = 27,500 yuan; unlawful dismissal pays twice: 55,000 yuan',
    );
    expect(text).toContain('Assuming:');
    expect(text.split('\n').at(-1)).toBe(
      'Legal basis: 《中华人民共和国劳动合同法》 art. 47, 48, 87; 《中华人民共和国劳动合同法实施条例》 art. 25',
    );
  });
});
