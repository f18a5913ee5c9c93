import { describe, expect, it } from 'vitest';
import { answerFact, calculateFromFacts, type Figure, figureFor } from '../../src/entitlements/index.js';

function result(figure: Figure) {
  if (figure.kind !== 'result') throw new Error(`expected a result, got ${figure.kind}`);
  return figure;
}

const working = (figure: Figure, lang: 'zh' | 'en' = 'zh') =>
  result(figure)
    .result.working.map((w) => w[lang])
    .join('\n');

describe('figureFor: the figure a question asks for', () => {
  it("gives pay in lieu of notice at last month's wage and the severance at the 12-month average", () => {
    const figure = result(
      figureFor(
        '因为不能胜任工作，公司调岗后还是把我解除了，没提前30天通知。上个月工资7400，过去12个月平均7000，我干了3年。代通知金和补偿金分别多少？',
        [],
      ),
    );
    expect(figure.calculator).toBe('notice_pay');
    expect(figure.result.figures).toEqual({ amount: 7400 });
    // 3 × 7000 = 21000
    expect(figure.related.map((r) => [r.calculator, r.figures.amount])).toEqual([['severance', 21000]]);
  });

  it('leaves the severance out, never asking, when its facts are missing', () => {
    const figure = result(figureFor('公司没提前30天通知就解除了合同，我上个月工资五千五，要多付我一个月工资吗？', []));
    expect(figure.result.figures).toEqual({ amount: 5500 });
    expect(figure.related).toEqual([]);
  });

  it('uses a local average stated in the question over the setting, and says so', () => {
    const q = '我干了5年，前12个月平均月薪3.6万，本市上年度职工月平均工资9500元，公司裁员，经济补偿多少？';
    const figure = result(figureFor(q, [], { local: { averageMonthlyWage: 8000 } }));
    // 36000 > 3 × 9500 = 28500 → 5 × 28500 = 142500 (the setting's 8000 would give 120000)
    expect(figure.result.figures).toMatchObject({ wageBase: 28500, amount: 142500, capped: true });
    expect(figure.result.assumptions[0]!.zh).toBe('当地上年度职工月平均工资9500元按你说的数字计算，请以当地公布的为准。');
  });

  it('reads a local minimum wage into probation pay, never as the agreed wage', () => {
    const figure = result(figureFor('签了10个月的合同，约定月工资2700，当地最低工资标准是2350。试用期工资最低多少？', []));
    // 2700 × 80 % = 2160 < 2350 → 2350
    expect(figure.result.figures).toEqual({ maxProbationMonths: 1, excessMonths: null, lowestPay: 2350 });
  });

  it("lets a stated local average stand for the pooling area's in work-injury benefits", () => {
    const figure = result(figureFor('九级伤残，受伤前平均月缴费工资2800，当地上年度职工月平均工资是6500元。一次性伤残补助金多少？', []));
    // 2800 < 60 % × 6500 = 3900 → 9 × 3900 = 35100
    expect(figure.result.figures).toMatchObject({ wageBase: 3900, oneOffSubsidy: 35100 });
  });

  it('asks for the one missing fact and keeps the stated local figure for the reply', () => {
    const first = figureFor('我在公司干了5年，公司裁员了，本市上年度职工月平均工资10000元。经济补偿多少？', []);
    expect(first.kind).toBe('ask');
    if (first.kind !== 'ask') return;
    expect(first.pending).toMatchObject({ calculator: 'severance', fact: 'monthlyWage' });
    const answer = answerFact(first.pending, '4.5万');
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    const step = calculateFromFacts(first.pending.calculator, answer.facts);
    // 45000 > 30000 → 5 × 30000 = 150000
    expect(step.kind === 'result' && step.result.figures).toMatchObject({ wageBase: 30000, amount: 150000 });
  });

  it('merges the facts of earlier turns under the new ones', () => {
    const figure = result(figureFor('月薪6000，经济补偿多少？', [], { facts: { serviceYears: 3, serviceMonths: 0 } }));
    expect(figure.result.figures).toMatchObject({ amount: 18000 });
  });

  it('says when no calculator applies, and falls back to the candidates', () => {
    expect(figureFor('我该怎么办？', []).kind).toBe('none');
    expect(figureFor('我该怎么办？', ['maternity_leave']).kind).toBe('ask');
  });

  it('counts double wages up to the day before a late signing (实施条例 6)', () => {
    const figure = result(figureFor('2024年11月5日入职，老板拖到2025年3月5日才和我补签劳动合同，月薪5800。二倍工资多少？', []));
    // 2024-11-05 … 2025-03-04 is 4 months; the first does not count → 3 × 5800 = 17400
    expect(figure.result.figures).toEqual({ doubleWageMonths: 3, extraWage: 17400, deemedOpenEnded: false });
  });

  it('works out the untaken days of a leaving worker from the years of work and the days taken', () => {
    const figure = result(
      figureFor(
        'I have 13 years of total service and my last day will be 31 July 2025; this year I have taken 1 day of annual leave. My average monthly wage over the last 12 months, overtime excluded, is 6,525. How much does the company owe me for the untaken days?',
        [],
      ),
    );
    // 212 ÷ 365 × 10 − 1 = 4.81 → 4 days; 6525 ÷ 21.75 = 300; 4 × 300 × 200 % = 2400
    expect(figure.result.figures).toMatchObject({ dailyWage: 300, extraPay: 2400 });
    expect(working(figure, 'en')).toContain('part days dropped: 4');
  });

  it('pays only the rest days not given back as time off', () => {
    const figure = result(
      figureFor(
        'My pay is 6,960 a month. I worked three Saturdays, 8 hours each; for two of them I got a day off in lieu later. How much overtime pay?',
        [],
      ),
    );
    // 6960 ÷ 174 = 40 an hour; 8 h × 40 × 200 % = 640
    expect(figure.result.figures).toMatchObject({ restDayPay: 640, overtimeHours: 24 });
  });

  it('runs the arbitration year from the day the job ended when no other day is named', () => {
    const figure = result(figureFor('2025年3月31日我的劳动合同到期终止了，公司当天说不给经济补偿。申请仲裁最晚到哪天？', []));
    expect(figure.result.figures).toMatchObject({ lastDay: '2026-03-31' });
    expect(figure.result.assumptions[0]!.zh).toContain('作为你知道权利被侵害之日');
  });
});
