/** Wall-clock time in IANA time zones, with nothing but `Intl`. */

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const weekdayIndex: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** Wall-clock date and time of an instant in a time zone. */
export function localParts(instant: Date, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: weekdayIndex[parts.weekday] ?? 0,
  };
}

function offsetAt(instantMs: number, timeZone: string): number {
  const p = localParts(new Date(instantMs), timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(instantMs / 1000) * 1000;
}

/**
 * The instant when the wall clock in `timeZone` shows the given local time. A local time skipped by a DST
 * change (e.g. 02:30 on the spring-forward night) maps to the first valid time after the gap.
 */
export function zonedTimeToUtc(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  const shows = (instant: number) => instant + offsetAt(instant, timeZone) === wall;
  const valid = [first, second].filter(shows).sort((a, b) => a - b);
  // no instant shows this wall time: it fell into a DST gap, take the time right after the gap
  return new Date(valid[0] ?? Math.max(first, second));
}

/** `YYYY-MM-DD`. */
export const calendarDay = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The calendar day of an instant in `timeZone`, or on the server's clock without one, as `YYYY-MM-DD`. */
export function localDay(instant: Date, timeZone?: string): string {
  if (!timeZone) return calendarDay(instant.getFullYear(), instant.getMonth() + 1, instant.getDate());
  const p = localParts(instant, timeZone);
  return calendarDay(p.year, p.month, p.day);
}

/**
 * `YYYY-MM-DDTHH:mm±hh:mm`: the wall-clock minute of an instant in `timeZone`, or on the server's clock without one,
 * with that clock's offset (ISO 8601).
 */
export function localDateTime(instant: Date, timeZone?: string): string {
  const p = timeZone ? localParts(instant, timeZone) : { year: instant.getFullYear(), month: instant.getMonth() + 1, day: instant.getDate(), hour: instant.getHours(), minute: instant.getMinutes() };
  const offset = timeZone ? offsetMinutes(instant, timeZone) : -instant.getTimezoneOffset();
  const two = (n: number) => String(n).padStart(2, '0');
  const zone = `${offset < 0 ? '-' : '+'}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`;
  return `${calendarDay(p.year, p.month, p.day)}T${two(p.hour)}:${two(p.minute)}${zone}`;
}

/** Whether `Intl` knows the IANA time zone ("Europe/Warsaw", "Asia/Tehran"). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Minutes `timeZone` is ahead of UTC at `instant` (Asia/Tehran: 210, America/New_York in winter: -300). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  return Math.round(offsetAt(instant.getTime(), timeZone) / 60_000);
}
