import { isOpen, nextOpening } from '../../../bots/handoff/business-hours';
import { localParts, zonedTimeToUtc } from '../../../core/zoned-time';
import { BusinessHours, HandoffSettings, readHandoffSettings } from '../../../bots/handoff/settings';

const weekdays9to17 = { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']] };
const warsaw = BusinessHours.parse({ timeZone: 'Europe/Warsaw', hours: weekdays9to17, holidays: ['2025-12-25'] });

describe('business hours', () => {
  test('local time in a time zone', () => {
    expect(localParts(new Date('2025-06-02T07:30:00Z'), 'Europe/Warsaw')).toMatchObject({ year: 2025, month: 6, day: 2, hour: 9, minute: 30, weekday: 1 });
    expect(localParts(new Date('2025-06-02T07:30:00Z'), 'Asia/Tehran')).toMatchObject({ hour: 11, minute: 0 });
  });

  test('open and closed by local time, weekday and holiday', () => {
    expect(isOpen(warsaw, new Date('2025-06-02T07:00:00Z'))).toBe(true); // Mon 09:00 CEST
    expect(isOpen(warsaw, new Date('2025-06-02T06:59:00Z'))).toBe(false); // Mon 08:59
    expect(isOpen(warsaw, new Date('2025-06-02T15:00:00Z'))).toBe(false); // Mon 17:00: closed
    expect(isOpen(warsaw, new Date('2025-06-07T10:00:00Z'))).toBe(false); // Saturday
    expect(isOpen(warsaw, new Date('2025-12-25T10:00:00Z'))).toBe(false); // holiday (Thursday)
    expect(isOpen(BusinessHours.parse({}), new Date())).toBe(true); // no hours: always open
  });

  test('the next opening skips weekends and holidays', () => {
    expect(nextOpening(warsaw, new Date('2025-06-06T16:00:00Z'))?.toISOString()).toBe('2025-06-09T07:00:00.000Z'); // Fri 18:00 → Mon 09:00 CEST
    expect(nextOpening(warsaw, new Date('2025-12-24T17:00:00Z'))?.toISOString()).toBe('2025-12-26T08:00:00.000Z'); // Christmas skipped, CET
    const now = new Date('2025-06-03T10:00:00Z');
    expect(nextOpening(warsaw, now)).toBe(now);
    expect(nextOpening(BusinessHours.parse({ hours: {} }), now)).toBeUndefined();
  });

  test('DST: the opening after the spring-forward and fall-back weekends is at local 09:00', () => {
    // Europe/Warsaw switches to CEST on 2025-03-30 and back to CET on 2025-10-26 (both Sundays)
    expect(nextOpening(warsaw, new Date('2025-03-29T12:00:00Z'))?.toISOString()).toBe('2025-03-31T07:00:00.000Z');
    expect(nextOpening(warsaw, new Date('2025-10-25T12:00:00Z'))?.toISOString()).toBe('2025-10-27T08:00:00.000Z');
    // New York: 2025-03-09 spring forward
    const ny = BusinessHours.parse({ timeZone: 'America/New_York', hours: { sun: [['02:30', '05:00']], mon: [['09:00', '17:00']] } });
    // 02:30 does not exist on 2025-03-09: the opening is the first valid minute after the gap (03:30 EDT = 07:30Z)
    expect(nextOpening(ny, new Date('2025-03-09T05:00:00Z'))?.toISOString()).toBe('2025-03-09T07:30:00.000Z');
    expect(nextOpening(ny, new Date('2025-03-09T10:00:00Z'))?.toISOString()).toBe('2025-03-10T13:00:00.000Z');
    expect(zonedTimeToUtc(2025, 11, 2, 1, 30, 'America/New_York').toISOString()).toMatch(/^2025-11-02T0[56]:30:00.000Z$/); // ambiguous hour
  });

  test('intervals past midnight and Tehran (no DST, +03:30)', () => {
    const night = BusinessHours.parse({ timeZone: 'Asia/Tehran', hours: { sat: [['22:00', '02:00']] } });
    expect(isOpen(night, new Date('2025-06-07T18:45:00Z'))).toBe(true); // Sat 22:15
    expect(isOpen(night, new Date('2025-06-07T21:00:00Z'))).toBe(true); // Sun 00:30
    expect(isOpen(night, new Date('2025-06-07T23:00:00Z'))).toBe(false); // Sun 02:30
  });

  test('settings: defaults, validation and fallback', () => {
    expect(readHandoffSettings({}).firstResponseSlaSeconds).toBe(180);
    expect(readHandoffSettings({ handoff: { businessHours: { timeZone: 'Mars/Olympus' } } })).toEqual(HandoffSettings.parse({}));
    expect(readHandoffSettings({ handoff: { autoAssign: false } }).autoAssign).toBe(false);
    expect(BusinessHours.safeParse({ hours: { mon: [['9:00', '17:00']] } }).success).toBe(false);
  });
});
