import { describe, expect, it } from 'vitest';
import { maternityLeave } from '../../src/entitlements/index.js';

// 女职工劳动保护特别规定 7: 98天（产前可休15天）；难产增加15天；多胞胎每多生育1个婴儿增加15天；
// 怀孕未满4个月流产15天，满4个月流产42天.
describe('maternity leave', () => {
  it.each([
    [1, false, 98], // 98
    [1, true, 113], // 98 + 15
    [2, false, 113], // 98 + 15 × 1
    [2, true, 128], // 98 + 15 + 15
    [3, false, 128], // 98 + 15 × 2
  ])('%d babies, difficult %s → %d days', (babies, difficultBirth, days) => {
    expect(maternityLeave({ kind: 'birth', babies, difficultBirth }).figures).toEqual({
      nationalDays: days,
      provincialExtraDays: null,
      totalDays: days,
      lastDay: null,
    });
  });

  it('gives the last day from the first: 2024-11-01 is day 1 of 113 → 2025-02-21', () => {
    const r = maternityLeave({ kind: 'birth', babies: 1, difficultBirth: true, leaveStart: '2024-11-01' });
    expect(r.figures.lastDay).toBe('2025-02-21');
    expect(r.working.at(-1)!.zh).toContain('最后一天2025-02-21');
  });

  it('counts one baby when the number is not said, and says so', () => {
    const r = maternityLeave({ kind: 'birth', difficultBirth: false });
    expect(r.figures.totalDays).toBe(98);
    expect(r.assumptions.map((a) => a.zh).join()).toContain('按生一个孩子计算');
  });

  it.each([
    [3, 15],
    [3.9, 15],
    [4, 42],
    [6, 42],
  ])('miscarriage at %d months → %d days', (pregnancyMonths, days) => {
    expect(maternityLeave({ kind: 'miscarriage', pregnancyMonths }).figures.totalDays).toBe(days);
  });

  it('adds the provincial extra when it is set', () => {
    // 98 + 60 = 158
    const r = maternityLeave({ kind: 'birth' }, { local: { maternityExtraDays: 60 } });
    expect(r.figures).toEqual({ nationalDays: 98, provincialExtraDays: 60, totalDays: 158, lastDay: null });
    expect(r.unsetLocalFigures).toEqual([]);
  });

  it('says provinces add days, and where, when the extra is not set', () => {
    const r = maternityLeave({ kind: 'birth', difficultBirth: false });
    expect(r.unsetLocalFigures).toEqual(['maternityExtraDays']);
    expect(r.assumptions[0]!.zh).toContain('人口与计划生育条例');
    expect(r.basis).toEqual([
      { title: '女职工劳动保护特别规定', article: 7 },
      { title: '女职工劳动保护特别规定', article: 8 },
    ]);
  });
});
