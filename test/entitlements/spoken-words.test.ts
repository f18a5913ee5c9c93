import { describe, expect, it } from 'vitest';
import { addMonths, serviceBetween } from '../../src/entitlements/calendar-dates.js';
import { parseDateReply } from '../../src/entitlements/spoken-dates.js';
import { parseDuration } from '../../src/entitlements/spoken-durations.js';
import { parseSpokenNumber } from '../../src/entitlements/spoken-numbers.js';

describe('spoken numbers', () => {
  it.each([
    ['五千五', 5500],
    ['一万二', 12000],
    ['1万2', 12000],
    ['1万2500', 12500],
    ['一万零五百', 10500],
    ['一百零五', 105],
    ['三百五', 350],
    ['十五', 15],
    ['二十', 20],
    ['两万', 20000],
    ['5.5k', 5500],
    ['4k', 4000],
    ['5K', 5000],
    ['1.2万', 12000],
    ['3千5', 3500],
    ['8千', 8000],
    ['5,500', 5500],
    ['12,000', 12000],
    ['1w2', 12000],
    ['５５００', 5500],
    ['十二万', 120000],
  ])('%s → %d', (text, value) => {
    expect(parseSpokenNumber(text)).toBe(value);
  });

  it.each(['二五', 'abc', ''])('%s is not a number', (text) => {
    expect(parseSpokenNumber(text)).toBeUndefined();
  });
});

describe('spoken durations', () => {
  it.each([
    ['4年8个月', { years: 4, months: 8 }],
    ['两年半', { years: 2, months: 6 }],
    ['三年多', { years: 3 }], // months unknown, not guessed
    ['快三年', { years: 2 }], // under three: 2 years and unknown months
    ['半年', { years: 0, months: 6 }],
    ['8个多月', { years: 0, months: 8 }],
    ['三个半月', { years: 0, months: 3, days: 15 }],
    ['18个月', { years: 1, months: 6 }],
    ['7 years and 3 months', { years: 7, months: 3 }],
    ['over 3 years', { years: 3 }],
    ['two and a half years', { years: 2, months: 6 }],
  ])('%s → %o', (text, duration) => {
    expect(parseDuration(text)).toEqual(duration);
  });

  it('reads a vague length as nothing', () => {
    expect(parseDuration('三年左右')).toBeUndefined();
    expect(parseDuration('about 3 years')).toBeUndefined();
  });
});

describe('calendar dates', () => {
  it('counts service with the first and last day both worked', () => {
    expect(serviceBetween('2021-03-15', '2021-09-14')).toEqual({ years: 0, months: 6, days: 0 });
    expect(serviceBetween('2021-03-15', '2021-09-13')).toEqual({ years: 0, months: 5, days: 30 });
    // From 31 January a month runs to the end of February (民法典 202: no 31 February, so the month end).
    expect(serviceBetween('2021-01-31', '2021-02-27')).toEqual({ years: 0, months: 1, days: 0 });
    expect(serviceBetween('2021-01-31', '2021-02-26')).toEqual({ years: 0, months: 0, days: 27 });
  });

  it('ends a month on the last day of a shorter month (民法典 202)', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
  });

  it('fills in the day of a month already known', () => {
    expect(parseDateReply('15号', { known: '2021-03' })).toBe('2021-03-15');
    expect(parseDateReply('2021年3月15日')).toBe('2021-03-15');
    expect(parseDateReply('去年12月1号', { today: '2025-06-10' })).toBe('2024-12-01');
    expect(parseDateReply('2月30号', { known: '2025-02' })).toBeUndefined();
  });
});
