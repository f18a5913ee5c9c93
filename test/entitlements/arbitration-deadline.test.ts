import { describe, expect, it } from 'vitest';
import { arbitrationDeadline } from '../../src/entitlements/index.js';

// 劳动争议调解仲裁法 27: 一年，从知道或者应当知道之日起；在职期间拖欠劳动报酬不受限制，劳动关系终止的
// 自终止之日起一年. 民法典 201–202: 开始的当日不计入；到期月的对应日为最后一日，没有对应日的为月末日.
describe('the arbitration deadline', () => {
  it('is the same day a year later', () => {
    const r = arbitrationDeadline({ claim: 'other', knewDate: '2025-03-10' });
    expect(r.figures).toEqual({ lastDay: '2026-03-10', runsFrom: '2025-03-10', daysLeft: null, expired: null });
    expect(r.basis).toContainEqual({ title: '中华人民共和国劳动争议调解仲裁法', article: 27 });
  });

  it('ends on 28 February when it starts on 29 February', () => {
    expect(arbitrationDeadline({ claim: 'other', knewDate: '2024-02-29' }).figures.lastDay).toBe('2025-02-28');
  });

  it('does not run for unpaid wages while the job lasts', () => {
    const r = arbitrationDeadline({ claim: 'wage_arrears', stillEmployed: true });
    expect(r.figures.lastDay).toBeNull();
    expect(r.working[0]!.zh).toContain('不受一年时效限制');
  });

  it('runs a year from the end of the job for unpaid wages', () => {
    expect(arbitrationDeadline({ claim: 'wage_arrears', employmentEndDate: '2025-01-15' }).figures.lastDay).toBe('2026-01-15');
  });

  it('restarts on an interruption inside the year, not after it', () => {
    expect(arbitrationDeadline({ claim: 'other', knewDate: '2024-02-29', interruptedOn: '2024-06-01' }).figures.lastDay).toBe('2025-06-01');
    expect(arbitrationDeadline({ claim: 'other', knewDate: '2024-02-29', interruptedOn: '2025-04-01' }).figures.lastDay).toBe('2025-02-28');
  });

  it('counts the days left from an injected today and says when it has passed', () => {
    expect(arbitrationDeadline({ claim: 'other', knewDate: '2025-03-10' }, { today: '2026-03-10' }).figures).toMatchObject({
      daysLeft: 0,
      expired: false,
    });
    expect(arbitrationDeadline({ claim: 'other', knewDate: '2025-03-10' }, { today: '2026-03-11' }).figures).toMatchObject({
      daysLeft: -1,
      expired: true,
    });
  });

  it('states interruption, suspension and holidays as assumptions', () => {
    const text = arbitrationDeadline({ claim: 'other', knewDate: '2025-03-10' })
      .assumptions.map((a) => a.zh)
      .join('');
    expect(text).toContain('时效中断');
    expect(text).toContain('时效中止');
    expect(text).toContain('法定休假日');
  });
});
