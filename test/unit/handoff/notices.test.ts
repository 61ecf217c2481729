import { csatQuestion, estimateWaitMinutes, formatAnswerTime, noticeLocale, noticeText, parseCsatAnswer, queuedNotices } from '../../../bots/handoff/notices';

describe('customer notices', () => {
  test('ETA per locale, with local digits', () => {
    const notice = { open: true as const, position: 3, onlineAgents: 1, minutesPerConversation: 4 };
    expect(estimateWaitMinutes(notice)).toBe(12);
    expect(estimateWaitMinutes({ position: 1, onlineAgents: 4, minutesPerConversation: 2 })).toBe(1);
    expect(queuedNotices('en', notice)).toEqual([{ type: 'handoff', status: 'queued', text: 'A person from our team will answer in about 12 min.' }]);
    expect(queuedNotices('pl-PL', notice)[0]).toMatchObject({ text: 'Konsultant odpowie w ciągu około 12 min.' });
    expect(queuedNotices('fa', notice)[0]).toMatchObject({ text: expect.stringContaining('۱۲') });
    expect(queuedNotices('ar', notice)[0]).toMatchObject({ text: expect.stringContaining('دقيقة') });
    expect(queuedNotices('en', { ...notice, onlineAgents: 0 })[0]).toMatchObject({ text: 'A person from our team will answer in a moment.' });
  });

  test('after hours: when we answer, in the bot time zone, and a request for contact details', () => {
    const now = new Date('2025-06-06T18:00:00Z'); // Friday 20:00 in Warsaw
    const at = new Date('2025-06-09T07:00:00Z'); // Monday 09:00 CEST
    const en = queuedNotices('en', { open: false, nextOpening: at, timeZone: 'Europe/Warsaw', now, hasContact: false });
    expect(en[0]).toMatchObject({ type: 'handoff', status: 'queued' });
    expect(en[0].type === 'handoff' && en[0].text).toMatch(/We'll answer at Monday.*09:00/);
    expect(en[1]).toMatchObject({ type: 'text', text: expect.stringContaining('email or phone') });
    expect(queuedNotices('en', { open: false, nextOpening: at, timeZone: 'Europe/Warsaw', now, hasContact: true })).toHaveLength(1);
    expect(formatAnswerTime(at, 'pl', 'Europe/Warsaw', now)).toMatch(/poniedziałek.*09:00/);
    expect(formatAnswerTime(at, 'fa', 'Europe/Warsaw', now)).toContain('دوشنبه');
    expect(formatAnswerTime(at, 'ar', 'Europe/Warsaw', now)).toContain('الاثنين');
    expect(formatAnswerTime(new Date('2025-06-06T19:00:00Z'), 'en', 'Europe/Warsaw', now)).not.toMatch(/day/);
    const unknown = queuedNotices('fa', { open: false, timeZone: 'UTC', now, hasContact: true });
    expect(unknown[0]).toMatchObject({ text: expect.stringContaining('به محض بازگشت') });
  });

  test('every text exists in en, ar, fa and pl; placeholders are filled', () => {
    expect(noticeLocale('fa-IR')).toBe('fa');
    expect(noticeLocale('de')).toBe('en');
    expect(noticeLocale(null)).toBe('en');
    expect(noticeText('assigned', 'ar', { agent: 'Sara' })).toContain('Sara');
    expect(noticeText('assigned', 'en', {})).toContain('{agent}');
  });

  test('CSAT question and answers', () => {
    const q = csatQuestion('en');
    expect(q.type === 'text' && q.quickReplies?.map((r) => r.payload)).toEqual(['csat:1', 'csat:2', 'csat:3', 'csat:4', 'csat:5']);
    const fa = csatQuestion('fa');
    expect(fa.type === 'text' && fa.quickReplies?.[4].title).toBe('۵');
    expect(parseCsatAnswer('', 'csat:4')).toBe(4);
    expect(parseCsatAnswer('5')).toBe(5);
    expect(parseCsatAnswer('۳')).toBe(3);
    expect(parseCsatAnswer('٢')).toBe(2);
    expect(parseCsatAnswer('6')).toBeUndefined();
    expect(parseCsatAnswer('5 stars')).toBeUndefined();
  });
});
