/**
 * Dates as the answers of date and date-and-time questions store them (`2026-12-06`, `2026-12-06T15:30+01:00`, and
 * windows `…T15:00+01:00/…T17:00+01:00`), shown to a customer in their language: "Monday, December 7, 3:00 – 5:00 PM",
 * "poniedziałek, 7 grudnia, 15:00–17:00", "دوشنبه ۱۶ آذر،‏ ۱۵:۰۰ تا ۱۷:۰۰" (Intl writes Persian dates on the Solar
 * Hijri calendar). CRM payloads and lead fields keep the ISO form.
 */
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;
/** Further from now than this, the year is shown too. */
const YEAR_SHOWN_AFTER_MS = 180 * 24 * 3600 * 1000;

/** What a date is written with: the day ("Monday, December 7"), its time too, or the time alone (for a button). */
type Shape = 'day' | 'dayAndTime' | 'time';

const formats = new Map<string, Intl.DateTimeFormat>();

/** The cached format of a shape; throws a RangeError when Intl knows neither the locale nor the zone. */
function format(locale: string, timeZone: string | undefined, shape: Shape, withYear = false): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone ?? ''}|${shape}|${withYear}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      timeZone,
      ...(shape !== 'time' && { weekday: 'long', day: 'numeric', month: 'long' }),
      ...(withYear && { year: 'numeric' }),
      ...(shape !== 'day' && { hour: 'numeric', minute: '2-digit' }),
    });
    formats.set(key, f);
  }
  return f;
}

/** What `write` writes, with plain spaces; undefined when Intl knows neither the locale nor the zone. */
function written(write: () => string | undefined): string | undefined {
  try {
    const text = write();
    return text === undefined ? undefined : plainSpaces(text);
  } catch (err) {
    if (err instanceof RangeError) return undefined;
    throw err;
  }
}

/**
 * The value written for a customer whose language is `locale`, on the clock of `timeZone` (the server's without one),
 * when it is such a date; undefined otherwise, and when Intl knows neither the locale nor the zone.
 */
export function showDate(value: string, locale: string, timeZone: string | undefined, now: Date): string | undefined {
  const far = (d: Date) => Math.abs(d.getTime() - now.getTime()) > YEAR_SHOWN_AFTER_MS;
  const day = DAY.exec(value);
  if (day) {
    const noon = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]), 12));
    return noon.toISOString().startsWith(value) ? written(() => format(locale, 'UTC', 'day', far(noon)).format(noon)) : undefined;
  }
  const span = dateTimeSpan(value);
  if (!span) return undefined;
  return written(() => {
    const f = format(locale, timeZone, 'dayAndTime', far(span.start));
    return span.end ? f.formatRange(span.start, span.end) : f.format(span.start);
  });
}

/** The instants of a date-and-time answer (`…T15:00+01:00`, or a window `…T15:00+01:00/…T17:00+01:00`), if it is one. */
export function dateTimeSpan(value: string): { start: Date; end?: Date } | undefined {
  const [from, to, ...rest] = value.split('/');
  if (rest.length || !DATE_TIME.test(from) || (to !== undefined && !DATE_TIME.test(to))) return undefined;
  const start = new Date(from);
  const end = to === undefined ? undefined : new Date(to);
  if (Number.isNaN(start.getTime()) || (end && !(end.getTime() > start.getTime()))) return undefined;
  return { start, ...(end && { end }) };
}

/** The hours of a window for a button, "9:00 AM – 12:00 PM", "9:00–12:00", "۹:۰۰ تا ۱۲:۰۰"; undefined when Intl knows neither the locale nor the zone. */
export function showHours(start: Date, end: Date, locale: string, timeZone?: string): string | undefined {
  return written(() => format(locale, timeZone, 'time').formatRange(start, end));
}

/**
 * Intl writes narrow and thin no-break spaces ("3:00\u202fPM"), which a marketer's test cannot type and an SMS would
 * be re-encoded for: plain spaces instead. Bidi marks stay.
 */
const plainSpaces = (text: string) => text.replace(/[\u00a0\u2009\u202f]/g, ' ');
