import { describe, expect, it } from 'vitest';
import { type CalculatorName, chooseCalculator } from '../../src/entitlements/index.js';

describe('the calculator a question asks about, from its words', () => {
  it.each<[string, CalculatorName]>([
    ['公司裁员，我干了3年，能拿多少补偿？', 'severance'],
    ['Am I owed any severance pay?', 'severance'],
    ['公司提前30天书面通知了我，经济补偿怎么算？', 'severance'], // notice given: no notice pay
    ['Contract ended; they gave 30 days notice. How much compensation?', 'severance'],
    ['我被违法辞退了，能要多少赔偿？', 'unlawful_termination'],
    ['公司无故辞退我，要赔多少？', 'unlawful_termination'],
    ['产假期间被公司辞退了，我也不打算回去了，可以要多少？', 'unlawful_termination'],
    ['How much can I get for being fired illegally?', 'unlawful_termination'],
    ["They sacked me for no reason and I won't go back. What can I claim?", 'unlawful_termination'],
    ['I was unlawfully dismissed after 4 years. How much compensation?', 'unlawful_termination'], // "compensation" refined by the rest
    ['公司没提前30天通知就解除了合同，要多付我一个月工资吗？', 'notice_pay'],
    ['代通知金和补偿金分别多少？', 'notice_pay'],
    ['公司不提前一个月通知，N+1怎么算？', 'notice_pay'],
    ['Do I get an extra month’s wage because they gave no notice?', 'notice_pay'],
    ['公司没提前30天通知就辞退了我，能拿多少补偿？', 'notice_pay'], // the result carries the severance too
    ['没签劳动合同能赔多少？', 'double_wage_no_contract'],
    ['They never gave me a contract. How much double pay can I claim?', 'double_wage_no_contract'],
    ['I had no written contract for 8 months. How much can I claim?', 'double_wage_no_contract'],
    ['一直没签合同，现在被辞退了，经济补偿多少？', 'severance'], // the asking sentence names severance
    ['没签合同，加班费怎么算？', 'overtime_pay'],
    ['加班费怎么算？', 'overtime_pay'],
    ['How much overtime pay should I get for working on Sundays?', 'overtime_pay'],
    ['年假没休，公司要给多少钱？', 'unused_annual_leave_pay'],
    ['应休未休的年假工资是多少？', 'unused_annual_leave_pay'],
    ['How much must they pay me for the annual leave I never took?', 'unused_annual_leave_pay'],
    ['前12个月月平均工资（不含加班费）7200元，去年的年假一天没休，公司应该补我多少钱？', 'unused_annual_leave_pay'],
    ['今年我有几天年假？', 'annual_leave_days'],
    ['How many days of paid annual leave am I entitled to?', 'annual_leave_days'],
    ['试用期最多几个月？', 'probation'],
    ['劳动合同期限2个月，能约定试用期吗？最长多久？', 'probation'],
    ['What is the lowest lawful probation wage?', 'probation'],
    ['产假有多少天？', 'maternity_leave'],
    ['I lost the baby at three months (a miscarriage). How much leave do I get?', 'maternity_leave'],
    ['九级伤残能拿多少钱？', 'injury_disability'],
    ['工伤九级伤残能赔偿多少？', 'injury_disability'], // 赔偿 beside an injury is no dismissal
    ['What does a grade 7 work-injury disability pay?', 'injury_disability'],
    ['评到几级才有按月的津贴？', 'injury_disability'],
    ['劳动仲裁的时效是多久，到哪天截止？', 'arbitration_deadline'],
    ['被违法辞退了，想去仲裁要赔偿金，最晚什么时候前申请？', 'arbitration_deadline'],
    ["What's the latest date to file for arbitration?", 'arbitration_deadline'],
  ])('%s → %s', (text, calculator) => {
    expect(chooseCalculator(text, [])).toBe(calculator);
  });

  it('reads the sentences that ask before the rest', () => {
    // 加班费 is mentioned, but the question asks for severance
    expect(chooseCalculator('我月薪8000，上个月的加班费没发，现在被辞退了。经济补偿怎么算？', [])).toBe('severance');
  });

  it('falls back to the best candidate, then to none', () => {
    expect(chooseCalculator('我该怎么办？', ['probation', 'severance'])).toBe('probation');
    expect(chooseCalculator('我该怎么办？', [])).toBeUndefined();
    // the words win over the candidates
    expect(chooseCalculator('加班费怎么算？', ['severance'])).toBe('overtime_pay');
  });
});
