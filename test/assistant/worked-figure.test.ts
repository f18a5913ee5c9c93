import { describe, expect, it } from 'vitest';
import { workFigure } from '../../src/assistant/worked-figure.js';

describe('the figure an answer works out', () => {
  it('asks for the one missing fact when the question asks for a figure it names', () => {
    const step = workFigure({ candidates: ['severance'], question: '公司辞退我，经济补偿能拿多少？', lang: 'zh' });
    expect(step?.ask?.question).toBeTruthy();
    expect(step?.pending).toBeDefined();
  });

  it('works the figure out when the worker gives every fact', () => {
    const step = workFigure({ candidates: ['severance'], question: '干了4年8个月，月薪5500，被辞退了，经济补偿多少', lang: 'zh' });
    expect(step?.working).toContain('27500');
  });

  it('asks nothing about a calculation the question is not about', () => {
    const cases = [
      'If a company wants to do a mass layoff, does it have to tell the union first? How many days in advance?',
      '我想辞职，要提前多久跟公司说？公司不批是不是就走不了？',
      '我怀孕5个月了，合同下个月到期，公司能不跟我续签吗？',
    ];
    for (const question of cases) expect(workFigure({ candidates: ['severance'], question, lang: 'zh' })?.ask).toBeUndefined();
  });
});
