import { weekdays, type BusinessHours } from './settings';

interface LocalParts {
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

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const isoDate = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Whether people answer right now. No hours configured means always open. */
export function isOpen(hours: BusinessHours, now: Date): boolean {
  if (!hours.hours) return true;
  const local = localParts(now, hours.timeZone);
  if (hours.holidays.includes(isoDate(local.year, local.month, local.day))) return false;
  const minute = local.hour * 60 + local.minute;
  const today = hours.hours[weekdays[local.weekday]] ?? [];
  for (const [open, close] of today) {
    const from = minutesOf(open);
    const to = minutesOf(close);
    if (to > from ? minute >= from && minute < to : minute >= from) return true;
  }
  // an interval of yesterday that runs past midnight (e.g. 22:00-02:00)
  const yesterday = hours.hours[weekdays[(local.weekday + 6) % 7]] ?? [];
  for (const [open, close] of yesterday) {
    if (minutesOf(close) <= minutesOf(open) && minute < minutesOf(close)) return true;
  }
  return false;
}

/** When people answer next: `now` when open, else the next opening (within two weeks), else undefined. */
export function nextOpening(hours: BusinessHours, now: Date): Date | undefined {
  if (isOpen(hours, now)) return now;
  const schedule = hours.hours ?? {};
  const local = localParts(now, hours.timeZone);
  for (let offset = 0; offset <= 14; offset += 1) {
    const date = new Date(Date.UTC(local.year, local.month - 1, local.day + offset));
    const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    if (hours.holidays.includes(isoDate(y, m, d))) continue;
    const intervals = [...(schedule[weekdays[date.getUTCDay()]] ?? [])].sort((a, b) => minutesOf(a[0]) - minutesOf(b[0]));
    for (const [open] of intervals) {
      const minutes = minutesOf(open);
      const at = zonedTimeToUtc(y, m, d, Math.floor(minutes / 60), minutes % 60, hours.timeZone);
      if (at.getTime() > now.getTime()) return at;
    }
  }
  return undefined;
}
