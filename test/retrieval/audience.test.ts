import { describe, expect, it } from 'vitest';
import { audienceErrors, audienceOf } from '../../src/retrieval/audience.js';

describe('audience of a document written for one situation (front matter applies_when)', () => {
  const overAge = audienceOf({ applies_when: ['超龄', '退休', 're:([5-9]\\d)\\s*(周岁|岁)', 'retire', 'age'] })!;

  it('fits a question that names the situation, in either language', () => {
    expect(overAge('我今年62岁还在工地干活，受伤了')).toBe(true);
    expect(overAge('退休返聘人员受伤算工伤吗')).toBe(true);
    expect(overAge("I'm retired and work part time, I got hurt")).toBe(true);
  });

  it('does not fit a plain question, and an English word matches only at a word start', () => {
    expect(overAge('手压骨折了，这样的工伤怎么赔')).toBe(false);
    expect(overAge('my wage was cut')).toBe(false);
    expect(overAge('I am aged 61')).toBe(true);
  });

  it('is for everyone without applies_when, and names what is wrong with a bad list', () => {
    expect(audienceOf({ title: '中华人民共和国劳动法' })).toBeUndefined();
    expect(audienceErrors({ applies_when: '超龄' })).toEqual(['applies_when must be a list of words or re: patterns']);
    expect(audienceErrors({ applies_when: ['re:(岁'] })[0]).toMatch(/re:\(岁 is not a valid pattern/);
    expect(audienceErrors({ applies_when: ['超龄', 're:\\d+岁'] })).toEqual([]);
  });
});
