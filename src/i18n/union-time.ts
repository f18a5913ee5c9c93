/**
 * Dates and times as the union's office reads them: in its time zone (UNION_TIME_ZONE, default
 * Asia/Shanghai), never UTC. Every date shown to a worker or to staff, and the weekly report's schedule,
 * go through here.
 *
 * @example
 *   formatDateTime(new Date('2026-05-01T02:05:00Z'), 'Asia/Shanghai') // '2026-05-01 10:05'
 *   zonedParts(new Date('2026-05-03T16:30:00Z'), 'Asia/Shanghai')     // { …, day: 4, hour: 0, weekday: 1 }
 */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday, as Date.getDay. */
  weekday: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();
const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function format(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    });
    formats.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows the zone (an IANA name such as Asia/Shanghai). */
export function isTimeZone(timeZone: string): boolean {
  try {
    format(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function zonedParts(date: Date, timeZone: string): ZonedParts {
  const parts = Object.fromEntries(
    format(timeZone)
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts['year']),
    month: Number(parts['month']),
    day: Number(parts['day']),
    hour: Number(parts['hour']) % 24,
    minute: Number(parts['minute']),
    weekday: weekdays.indexOf(parts['weekday']!),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** '2026-05-01' in the zone. */
export function formatDate(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** '2026-05-01 10:05' in the zone. */
export function formatDateTime(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${formatDate(date, timeZone)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** The instant a wall-clock time in the zone stands for (the zone's offset at that moment). */
export function zonedTime(timeZone: string, year: number, month: number, day: number, hour = 0, minute = 0): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  // Two rounds settle the offset, also across a daylight-saving change.
  let t = guess;
  for (let i = 0; i < 2; i++) {
    const p = zonedParts(new Date(t), timeZone);
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    t += guess - shown;
  }
  return new Date(t);
}
