import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/cases/intake-facts.js';

describe('intake facts', () => {
  it.each([
    ['我在深圳华强电子有限公司干了三年，老板拖欠3个月工资共15000元，2024年3月开始',
      { employers: ['深圳华强电子有限公司'], dates: ['2024年3月'], amounts: ['15000元'], yearsWorked: ['三年'] }],
    ['我们公司老板说公司没钱，欠我三千块，工龄5年，去年12月被辞退，补偿2.5万',
      { dates: ['去年12月'], amounts: ['三千块', '2.5万'], yearsWorked: ['5年'] }],
    ['在富士康工厂上班两年半，2023-05-01入职，工资¥4500',
      { employers: ['富士康工厂'], dates: ['2023-05-01'], amounts: ['¥4500'], yearsWorked: ['两年半'] }],
    ['I worked at Acme Widgets Ltd for 4 years, they owe me 8,000 yuan since Mar 3, 2024',
      { employers: ['Acme Widgets Ltd'], dates: ['Mar 3, 2024'], amounts: ['8,000 yuan'], yearsWorked: ['4 years'] }],
    ['公司拖欠工资怎么办', {}],
  ])('%s', (text, facts) => {
    expect(extractFacts(text)).toEqual(facts);
  });
});
