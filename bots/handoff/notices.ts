import type { OutboundMessage } from '../../core/messages';

/** Customer-facing handoff texts; `{name}` placeholders are filled by `fill`. */
export const NOTICE_TEXTS = {
  queuedEta: {
    en: 'A person from our team will answer in about {minutes} min.',
    pl: 'Konsultant odpowie w ciągu około {minutes} min.',
    ar: 'سيرد عليك أحد أفراد فريقنا خلال {minutes} دقيقة تقريبًا.',
    fa: 'یکی از همکاران ما حدود {minutes} دقیقه دیگر پاسخ می‌دهد.',
  },
  queuedSoon: {
    en: 'A person from our team will answer in a moment.',
    pl: 'Konsultant odpowie za chwilę.',
    ar: 'سيرد عليك أحد أفراد فريقنا بعد لحظات.',
    fa: 'یکی از همکاران ما به‌زودی پاسخ می‌دهد.',
  },
  closedNow: {
    en: "Our team is away right now. We'll answer at {time}.",
    pl: 'Nasz zespół jest teraz niedostępny. Odpowiemy {time}.',
    ar: 'فريقنا غير متاح الآن. سنرد عليك في {time}.',
    fa: 'همکاران ما الان در دسترس نیستند. در {time} پاسخ می‌دهیم.',
  },
  closedUnknown: {
    en: "Our team is away right now. We'll answer as soon as we are back.",
    pl: 'Nasz zespół jest teraz niedostępny. Odpowiemy, gdy tylko wrócimy.',
    ar: 'فريقنا غير متاح الآن. سنرد عليك فور عودتنا.',
    fa: 'همکاران ما الان در دسترس نیستند. به محض بازگشت پاسخ می‌دهیم.',
  },
  askContact: {
    en: 'Leave your email or phone number here so we can reach you even if you leave.',
    pl: 'Zostaw tutaj swój e-mail lub numer telefonu, abyśmy mogli się z Tobą skontaktować, nawet jeśli wyjdziesz.',
    ar: 'اترك بريدك الإلكتروني أو رقم هاتفك هنا لنتمكن من التواصل معك حتى لو غادرت.',
    fa: 'ایمیل یا شماره تلفن خود را اینجا بگذارید تا حتی اگر رفتید با شما تماس بگیریم.',
  },
  contactSaved: {
    en: 'Thank you, we have your contact details.',
    pl: 'Dziękujemy, mamy Twoje dane kontaktowe.',
    ar: 'شكرًا لك، لقد حفظنا بيانات التواصل الخاصة بك.',
    fa: 'ممنون، اطلاعات تماس شما ثبت شد.',
  },
  assigned: {
    en: '{agent} from our team has joined the conversation.',
    pl: '{agent} z naszego zespołu dołącza do rozmowy.',
    ar: 'انضم {agent} من فريقنا إلى المحادثة.',
    fa: '{agent} از همکاران ما به گفتگو پیوست.',
  },
  returned: {
    en: 'You are chatting with our assistant again.',
    pl: 'Znowu rozmawiasz z naszym asystentem.',
    ar: 'أنت تتحدث مع مساعدنا الآلي مرة أخرى.',
    fa: 'دوباره با دستیار ما گفتگو می‌کنید.',
  },
  closed: {
    en: 'This conversation is closed. Thank you for writing to us!',
    pl: 'Rozmowa została zakończona. Dziękujemy za wiadomość!',
    ar: 'تم إغلاق هذه المحادثة. شكرًا لتواصلك معنا!',
    fa: 'این گفتگو بسته شد. از پیام شما سپاسگزاریم!',
  },
  csat: {
    en: 'How did we do? Rate us from 1 (poor) to 5 (excellent).',
    pl: 'Jak nam poszło? Oceń nas od 1 (słabo) do 5 (świetnie).',
    ar: 'كيف كانت خدمتنا؟ قيّمنا من 1 (ضعيف) إلى 5 (ممتاز).',
    fa: 'کیفیت پاسخگویی ما چطور بود؟ از ۱ (ضعیف) تا ۵ (عالی) امتیاز دهید.',
  },
  csatThanks: {
    en: 'Thank you for your feedback!',
    pl: 'Dziękujemy za opinię!',
    ar: 'شكرًا لك على تقييمك!',
    fa: 'از بازخورد شما سپاسگزاریم!',
  },
} as const;

export type NoticeKey = keyof typeof NOTICE_TEXTS;
export const noticeLocales = ['en', 'pl', 'ar', 'fa'] as const;

/** The supported locale for a language tag (fa-IR → fa); English otherwise. */
export function noticeLocale(locale: string | null | undefined): (typeof noticeLocales)[number] {
  const base = (locale ?? '').toLowerCase().split(/[-_]/)[0];
  return (noticeLocales as readonly string[]).includes(base) ? (base as (typeof noticeLocales)[number]) : 'en';
}

export function noticeText(key: NoticeKey, locale: string | null | undefined, values: Record<string, string | number> = {}): string {
  const lang = noticeLocale(locale);
  const template: string = NOTICE_TEXTS[key][lang];
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = values[name];
    if (value === undefined) return `{${name}}`;
    return typeof value === 'number' ? new Intl.NumberFormat(lang).format(value) : value;
  });
}

/** "Monday 09:00 (CET)" in the customer's language and the bot's time zone; the day is omitted when it is today. */
export function formatAnswerTime(at: Date, locale: string | null | undefined, timeZone: string, now: Date): string {
  const lang = noticeLocale(locale);
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  const sameDay = day(at) === day(now);
  const withinWeek = at.getTime() - now.getTime() < 6 * 86400_000;
  const options: Intl.DateTimeFormatOptions = { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' };
  if (!sameDay) Object.assign(options, withinWeek ? { weekday: 'long' } : { weekday: 'long', day: 'numeric', month: 'long' });
  return new Intl.DateTimeFormat(lang, options).format(at);
}

/** Rough wait in minutes: the customer's place in line spread over the agents who answer, at least 1. */
export function estimateWaitMinutes(input: { position: number; onlineAgents: number; minutesPerConversation: number }): number {
  const agents = Math.max(1, input.onlineAgents);
  return Math.max(1, Math.ceil((Math.max(1, input.position) * input.minutesPerConversation) / agents));
}

export type QueuedNotice =
  | { open: true; position: number; onlineAgents: number; minutesPerConversation: number }
  | { open: false; nextOpening?: Date; timeZone: string; now: Date; hasContact: boolean };

/** What the customer is told when their conversation joins the queue. */
export function queuedNotices(locale: string | null | undefined, notice: QueuedNotice): OutboundMessage[] {
  if (notice.open) {
    const text = notice.onlineAgents > 0
      ? noticeText('queuedEta', locale, { minutes: estimateWaitMinutes(notice) })
      : noticeText('queuedSoon', locale);
    return [{ type: 'handoff', status: 'queued', text }];
  }
  const text = notice.nextOpening
    ? noticeText('closedNow', locale, { time: formatAnswerTime(notice.nextOpening, locale, notice.timeZone, notice.now) })
    : noticeText('closedUnknown', locale);
  const messages: OutboundMessage[] = [{ type: 'handoff', status: 'queued', text }];
  if (!notice.hasContact) messages.push({ type: 'text', text: noticeText('askContact', locale) });
  return messages;
}

export function csatQuestion(locale: string | null | undefined): OutboundMessage {
  return {
    type: 'text',
    text: noticeText('csat', locale),
    quickReplies: [1, 2, 3, 4, 5].map((n) => ({ title: new Intl.NumberFormat(noticeLocale(locale)).format(n), payload: `csat:${n}` })),
  };
}

/** A CSAT answer: a `csat:N` quick reply or a lone digit 1-5 (any script). */
export function parseCsatAnswer(text: string, payload?: string): number | undefined {
  const source = payload?.startsWith('csat:') ? payload.slice(5) : text;
  const ascii = source.trim().replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
  return /^[1-5]$/.test(ascii) ? Number(ascii) : undefined;
}
