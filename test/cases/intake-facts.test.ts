import { describe, expect, it } from 'vitest';
import { extractFacts, intakeSummary } from '../../src/cases/intake-facts.js';

describe('intake facts', () => {
  it.each([
    [
      '我在深圳华强电子有限公司干了三年，老板拖欠3个月工资共15000元，2024年3月开始',
      { employers: ['深圳华强电子有限公司'], dates: ['2024年3月'], amounts: ['15000元'], yearsWorked: ['三年'] },
    ],
    [
      '我们公司老板说公司没钱，欠我三千块，工龄5年，去年12月被辞退，补偿2.5万',
      { dates: ['去年12月'], amounts: ['三千块', '2.5万'], yearsWorked: ['5年'] },
    ],
    [
      '在富士康工厂上班两年半，2023-05-01入职，工资¥4500',
      { employers: ['富士康工厂'], dates: ['2023-05-01'], amounts: ['¥4500'], yearsWorked: ['两年半'] },
    ],
    [
      'I worked at Acme Widgets Ltd for 4 years, they owe me 8,000 yuan since Mar 3, 2024',
      { employers: ['Acme Widgets Ltd'], dates: ['Mar 3, 2024'], amounts: ['8,000 yuan'], yearsWorked: ['4 years'] },
    ],
    ['公司拖欠工资怎么办', {}],
    // What the assistant's summary used to pick out on its own: 万-amounts, relative dates, how many people.
    ['我们三十多个工友被欠了两万多，明天一早要去堵厂门', { dates: ['明天'], amounts: ['两万多'], people: ['三十多个工友'] }],
    [
      '20 workers at Sunrise Garment Factory have not been paid since last month, about 3000 yuan each',
      { employers: ['Sunrise Garment Factory'], dates: ['last month'], amounts: ['3000 yuan'], people: ['20 workers'] },
    ],
  ])('%s', (text, facts) => {
    expect(extractFacts(text)).toEqual(facts);
  });

  it('summarizes a case in one shortened line of the worker’s words', () => {
    expect(intakeSummary('公司  拖欠\n工资')).toBe('公司 拖欠 工资');
    expect(intakeSummary('欠'.repeat(200))).toHaveLength(120);
  });
});
