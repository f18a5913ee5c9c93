import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { formatDate, formatDateTime, isTimeZone, zonedParts, zonedTime } from '../../src/i18n/union-time.js';

describe('the union’s time zone', () => {
  it('shows instants in the zone, not UTC', () => {
    const late = new Date('2026-04-30T17:30:00Z'); // 01:30 on 1 May in Shanghai
    expect(formatDateTime(late, 'Asia/Shanghai')).toBe('2026-05-01 01:30');
    expect(formatDate(late, 'Asia/Shanghai')).toBe('2026-05-01');
    expect(formatDate(late, 'UTC')).toBe('2026-04-30');
    expect(zonedParts(late, 'Asia/Shanghai')).toMatchObject({ day: 1, hour: 1, weekday: 5 });
  });

  it('finds the instant of a wall-clock time, across a daylight-saving change too', () => {
    expect(zonedTime('Asia/Shanghai', 2026, 5, 4, 9).toISOString()).toBe('2026-05-04T01:00:00.000Z');
    expect(zonedTime('Europe/Berlin', 2026, 3, 30, 9).toISOString()).toBe('2026-03-30T07:00:00.000Z');
    expect(zonedTime('Europe/Berlin', 2026, 3, 27, 9).toISOString()).toBe('2026-03-27T08:00:00.000Z');
  });

  it('is a setting: UNION_TIME_ZONE, Asia/Shanghai by default, refused when unknown', () => {
    expect(loadConfig({}).UNION_TIME_ZONE).toBe('Asia/Shanghai');
    expect(loadConfig({ UNION_TIME_ZONE: 'Asia/Hong_Kong' }).UNION_TIME_ZONE).toBe('Asia/Hong_Kong');
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(() => loadConfig({ UNION_TIME_ZONE: 'Mars/Olympus' })).toThrow(/UNION_TIME_ZONE: "Mars\/Olympus" is not a time zone/);
    expect(loadConfig({})).toMatchObject({ REPORT_WEEKDAY: 1, REPORT_HOUR: 9, UNANSWERED_KEEP_DAYS: 180, FOLLOW_UP_DAYS: 7 });
  });
});
