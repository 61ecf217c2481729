import { calendarDay, localParts, zonedTimeToUtc } from '../../core/zoned-time';
import { weekdays, type BusinessHours } from './settings';

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether people answer right now. No hours configured means always open. */
export function isOpen(hours: BusinessHours, now: Date): boolean {
  if (!hours.hours) return true;
  const local = localParts(now, hours.timeZone);
  if (hours.holidays.includes(calendarDay(local.year, local.month, local.day))) return false;
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
    if (hours.holidays.includes(calendarDay(y, m, d))) continue;
    const intervals = [...(schedule[weekdays[date.getUTCDay()]] ?? [])].sort((a, b) => minutesOf(a[0]) - minutesOf(b[0]));
    for (const [open] of intervals) {
      const minutes = minutesOf(open);
      const at = zonedTimeToUtc(y, m, d, Math.floor(minutes / 60), minutes % 60, hours.timeZone);
      if (at.getTime() > now.getTime()) return at;
    }
  }
  return undefined;
}
