import { dateTimeSpan, showDate } from '../../../flows/text/dates-shown';

const now = new Date('2026-12-05T10:00:00Z');

describe('dates shown to a customer', () => {
  it('writes date-and-time answers and their windows in the customer\'s language, on the bot\'s clock', () => {
    expect(showDate('2026-12-07T15:00+01:00', 'en', 'Europe/Warsaw', now)).toBe('Monday, December 7 at 3:00 PM');
    expect(showDate('2026-12-07T15:00+01:00/2026-12-07T17:00+01:00', 'en', 'Europe/Warsaw', now)).toBe('Monday, December 7, 3:00 – 5:00 PM');
    expect(showDate('2026-12-07T15:00+01:00/2026-12-07T17:00+01:00', 'pl', 'Europe/Warsaw', now)).toBe('poniedziałek, 7 grudnia, 15:00–17:00');
    expect(showDate('2026-12-07T15:00+01:00', 'ar', 'Europe/Warsaw', now)).toMatch(/^الاثنين، 7 ديسمبر/);
    // Persian on the Solar Hijri calendar: 16 Azar.
    expect(showDate('2026-12-07T15:00+01:00', 'fa', 'Europe/Warsaw', now)).toMatch(/^دوشنبه ۱۶ آذر/);
    expect(showDate('2026-12-07T15:00+01:00', 'en', 'Asia/Tehran', now)).toBe('Monday, December 7 at 5:30 PM');
  });

  it('writes a day as that calendar day whatever the zone, with the year when it is far off', () => {
    expect(showDate('2026-12-24', 'en', 'Pacific/Honolulu', now)).toBe('Thursday, December 24');
    expect(showDate('2027-08-01', 'pl', undefined, now)).toBe('niedziela, 1 sierpnia 2027');
  });

  it('leaves anything else, and a locale Intl does not know, to be written as it is', () => {
    expect(showDate('hello', 'en', undefined, now)).toBeUndefined();
    expect(showDate('2026-13-45', 'en', undefined, now)).toBeUndefined();
    expect(showDate('2026-12-07T15:00', 'en', undefined, now)).toBeUndefined();
    expect(showDate('2026-12-07T15:00+01:00/soon', 'en', undefined, now)).toBeUndefined();
    expect(showDate('2026-12-07T15:00+01:00', 'en', 'Not/AZone', now)).toBeUndefined();
  });

  it('reads a date-and-time value, or a window that ends after it starts, and nothing else', () => {
    expect(dateTimeSpan('2026-12-07T15:00+01:00')).toEqual({ start: new Date('2026-12-07T14:00:00Z') });
    expect(dateTimeSpan('2026-12-07T15:00+01:00/2026-12-07T17:00+01:00')).toEqual({ start: new Date('2026-12-07T14:00:00Z'), end: new Date('2026-12-07T16:00:00Z') });
    expect(dateTimeSpan('2026-12-07T17:00+01:00/2026-12-07T15:00+01:00')).toBeUndefined();
    expect(dateTimeSpan('2026-12-07')).toBeUndefined();
    expect(dateTimeSpan('intent:shipping')).toBeUndefined();
  });
});
