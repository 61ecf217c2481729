import { localDateTime, localDay, zonedTimeToUtc } from '../../core/zoned-time';
import { DAY_PARTS, type DayPart } from '../nlu/entities/date-parts';
import { showHours } from './dates-shown';
import { asciiDigits } from '../nlu/normalize';
import { normalize } from './normalize';
import { pickLocale } from './localize';
import { DATE_LANGUAGES, findDates } from '../nlu/entities/dates';
import { findEmails } from '../nlu/entities/email';
import { lightStem } from '../nlu/features';
import { unstretched } from '../nlu/spelling';
import { NO_WORDS, YES_WORDS, phraseSet } from './words';
import { findSpelledNumbers } from '../nlu/entities/spelled-numbers';
import { amountValue, findMoney, findNumbers } from '../nlu/entities/money';
import { type Entity } from '../nlu/entities/types';
import { validPhone } from '../nlu/entities/phone';
import { arabicScriptSkeleton, latinSkeleton } from '../nlu/romanize';
import { type LocalizedText } from '../schema/localized';

/** The outcome of checking a customer's answer: a value to store, or why it was refused. Expected failures are data. */
export type AnswerResult =
  | { ok: true; value: unknown; /** contact field the value belongs to, for email/phone answers */ field?: 'email' | 'phone' }
  | { ok: false; reason: 'empty' | 'format' | 'range' | 'currency' | 'ambiguous' | 'no_match' }
  | { ok: false; reason: 'no_time'; /** The day said without a time, `YYYY-MM-DD` on the bot's clock. */ day: string };

export interface ChoiceOption {
  value: string;
  label: LocalizedText;
  synonyms?: string[] | Record<string, string[]>;
  /** Gives way to another option named in the same answer (see the ask block's schema). */
  catchAll?: boolean;
}

const YES = phraseSet(YES_WORDS);
const NO = phraseSet(NO_WORDS);

const EMAIL = /[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:".]{2,}/;
const PHONE = /\+?\d[\d\s().-]{5,}\d/;

/** The conversation's language and the bot's country (ISO 3166), where a number without its country code is read. */
export interface PhoneContext {
  lang?: string;
  country?: string;
}

/** An email address, as written or spelled out ("john at gmail dot com", "john at gmail.com", "jan małpa wp.pl"). */
export function parseEmail(text: string): AnswerResult {
  const address = EMAIL.exec(text.trim())?.[0] ?? findEmails(text, true)[0]?.value;
  if (typeof address !== 'string') return { ok: false, reason: 'format' };
  return { ok: true, value: address.toLowerCase(), field: 'email' };
}

/**
 * A phone number, stored in E.164 ("+48600700800") when it is valid: with its country code, or in the bot's country,
 * or in a country of the conversation's language. Once the bot names its country, a number without "+" that is not
 * valid there is refused (a typo, or a foreign number that needs its code); without one, 7 to 15 digits are kept as
 * written, since nothing tells whose number it is.
 */
export function parsePhone(text: string, where: PhoneContext = {}): AnswerResult {
  const m = PHONE.exec(asciiDigits(text));
  if (!m) return { ok: false, reason: 'format' };
  const digits = m[0].replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return { ok: false, reason: 'format' };
  const international = m[0].trim().startsWith('+');
  const valid = validPhone(m[0], where.lang, where.country);
  if (valid) return { ok: true, value: valid, field: 'phone' };
  if (international || where.country) return { ok: false, reason: 'format' };
  return { ok: true, value: digits, field: 'phone' };
}

export function parseEmailOrPhone(text: string, where: PhoneContext = {}): AnswerResult {
  const email = parseEmail(text);
  return email.ok ? email : parsePhone(text, where);
}

/**
 * First number in the text: `50`, `49.99`, `49,99`, `1 000`, `1,000`, `٥٠`, `۵۰`, with its scale, as the entity
 * finders read it: "5k", "$5k", "500 هزار تومان", "2 tys. zł", "1.5 million"; of a range, its far end ("between 100
 * and 200 dollars" is 200, "بین ۱۰۰ تا ۲۰۰ هزار" 200,000, see `amountValue`).
 */
export function extractNumber(text: string): number | undefined {
  const digits = asciiDigits(text);
  const m = /(-?)(\d{1,3}(?:[ ,\u00a0]\d{3})+(?!\d)|\d+)(?:[.,](\d+))?/.exec(digits);
  if (!m) return undefined;
  const at = m.index + m[1].length;
  const amounts = [...findMoney(text, digits), ...findNumbers(text, digits)];
  const amount = amounts.find((e) => e.start <= at && at < e.end);
  const value = amount && (m[1] ? amount.value : amountValue(digits, amounts, amount));
  if (typeof value === 'number') return m[1] ? -value : value;
  const whole = m[2].replace(/[ ,\u00a0]/g, '');
  const n = Number(`${m[1]}${whole}${m[3] ? `.${m[3]}` : ''}`);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The first number spelled out in an answer, in any language: "two please", "dwie sztuki", "سه تا", "fifty five",
 * "دویست و پنجاه". A lone word that also means "no" (Persian "نه", nine) is an answer of no, not a number.
 */
function spelledNumber(text: string): number | undefined {
  return findSpelledNumbers(text).find((n) => !NO.has(normalize(text.slice(n.start, n.end))))?.value;
}

/** What a number answer must be: its bounds, and the currency an amount it names must be in. */
export interface NumberRules {
  min?: number;
  max?: number;
  currency?: string;
  /** The conversation's language, which tells Saudi riyals from Iranian rials. */
  lang?: string;
  /** The bot's country (ISO 3166), whose currency a word several countries use is ("dinar"). */
  country?: string;
}

/** Whether one of a message's entities is an amount in a currency other than `currency`. */
export function namesOtherCurrency(entities: readonly Entity[], currency: string): boolean {
  return entities.some((e) => e.type === 'money' && e.currency !== undefined && e.currency !== currency);
}

/** A number answer: digits in any script, else a spelled-out number. */
export function parseNumber(text: string, opts: NumberRules = {}): AnswerResult {
  const n = extractNumber(text) ?? spelledNumber(text);
  if (n === undefined) return { ok: false, reason: 'format' };
  if (opts.currency && namesOtherCurrency(findMoney(text, asciiDigits(text), opts.lang, opts.country), opts.currency)) return { ok: false, reason: 'currency' };
  if ((opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max)) return { ok: false, reason: 'range' };
  return { ok: true, value: n };
}

/** Emoji that answer yes or no on their own ("👍", "👍🏽", "✅"); normalising would drop them. */
const YES_EMOJI = /^(?:(?:👍|👌|✅|✔️?|☑️?)(?:\p{Emoji_Modifier})?\s*)+$/u;
const NO_EMOJI = /^(?:(?:👎|❌|✖️?|🚫)(?:\p{Emoji_Modifier})?\s*)+$/u;

/** Yes or no, the whole answer or its first word, also stretched for emphasis ("yesss", "noooo", "نههه"), or an emoji. */
export function parseYesNo(text: string): AnswerResult {
  if (YES_EMOJI.test(text.trim())) return { ok: true, value: true };
  if (NO_EMOJI.test(text.trim())) return { ok: true, value: false };
  const t = normalize(text);
  if (!t) return { ok: false, reason: 'empty' };
  for (const form of [t, ...unstretched(t)]) {
    if (NO.has(form)) return { ok: true, value: false };
    if (YES.has(form)) return { ok: true, value: true };
    const first = form.split(' ', 1)[0];
    const yes = YES.has(first);
    const no = NO.has(first);
    if (yes !== no) return { ok: true, value: yes };
  }
  return { ok: false, reason: 'no_match' };
}

function isoDate(y: number, m: number, d: number): string | undefined {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

/**
 * Dates as `YYYY-MM-DD`: ISO, day-first `DD.MM.YYYY` / `DD/MM/YYYY`, or words ("tomorrow", "w przyszły piątek",
 * "بعد يومين", "۲۵ آذر") relative to `now` in `timeZone` (the server's without one), read in `locale` first, then in
 * the other languages the NLU reads dates in.
 */
export function parseDate(text: string, now: Date, locale?: string, timeZone?: string): AnswerResult {
  const raw = asciiDigits(text);
  let m = /(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(raw);
  let iso: string | undefined;
  if (m) iso = Number(m[1]) >= 1900 ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
  else if ((m = /(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})/.exec(raw))) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    iso = isoDate(Number(m[3]), b, a) ?? isoDate(Number(m[3]), a, b);
  }
  if (iso) return { ok: true, value: iso };
  for (const [said] of datesSaid(text, now, locale, timeZone)) if (said) return { ok: true, value: localDay(new Date(String(said.value)), timeZone) };
  return { ok: false, reason: 'format' };
}

/** The dates a message says, read in the words of `locale` first, then of each other language the NLU reads dates in: one list per language, as they are needed. */
function* datesSaid(text: string, now: Date, locale?: string, timeZone?: string, onDay?: string): Generator<Entity[]> {
  const raw = asciiDigits(text);
  for (const lang of new Set([locale?.split('-')[0] ?? 'en', ...DATE_LANGUAGES])) yield findDates(text, raw, lang, now, timeZone, onDay);
}

/**
 * A day and a time of day ("tomorrow at 3 pm", "jutro o wpół do czwartej", "فردا ساعت ۵ عصر", "2026-12-24 15:30"), as the
 * wall clock of `timeZone` with its offset, `2026-12-06T15:00+01:00`; a window as an ISO 8601 interval,
 * `2026-12-06T15:00+01:00/2026-12-06T17:00+01:00` ("tomorrow between 3 and 5"). A day without a time is refused
 * ('no_time', with the day), so that the retry text asks for one. A time said without a day ("at 3", "in the afternoon")
 * is on `onDay` when given, the day the customer said before (`YYYY-MM-DD`).
 */
export function parseDateTime(text: string, now: Date, locale?: string, timeZone?: string, onDay?: string): AnswerResult {
  let dayAlone: AnswerResult | undefined;
  for (const dates of datesSaid(text, now, locale, timeZone, onDay)) {
    const answer = dateTimeAnswer(dates, timeZone);
    if (answer?.ok) return answer;
    dayAlone ??= answer;
  }
  return dayAlone ?? { ok: false, reason: 'format' };
}

/**
 * What the dates found in a message answer to a date-and-time question: the first with a time of day (see
 * {@link parseDateTime}), else the first day, refused as 'no_time'; undefined when there is none.
 */
export function dateTimeAnswer(dates: readonly Entity[], timeZone?: string): AnswerResult | undefined {
  const time = dates.find((date) => date.type === 'date' && date.grain === 'time');
  if (time) return { ok: true, value: dateTimeValue(time, timeZone) };
  const day = dates.find((date) => date.type === 'date');
  return day && { ok: false, reason: 'no_time', day: localDay(new Date(String(day.value)), timeZone) };
}

/** Parts of the day offered as buttons when a date-and-time answer gives a day alone. */
const OFFERED_PARTS: readonly DayPart[] = ['morning', 'afternoon', 'evening'];

/**
 * The windows of the morning, afternoon and evening of a day (`YYYY-MM-DD`, as a `no_time` refusal gives it), those
 * that have not ended, as `datetime` answers store them, each titled with its hours for a button.
 */
export function timeSlotsOn(date: string, now: Date, locale?: string, timeZone?: string): { value: string; title: string }[] {
  const [year, month, day] = date.split('-').map(Number);
  const at = (hour: number) => (timeZone ? zonedTimeToUtc(year, month, day, hour, 0, timeZone) : new Date(year, month - 1, day, hour));
  return OFFERED_PARTS.flatMap((part) => {
    const [from, to] = DAY_PARTS[part];
    const [start, end] = [at(from), at(to)];
    const title = end.getTime() > now.getTime() ? showHours(start, end, locale ?? 'en', timeZone) : undefined;
    return title ? [{ value: `${localDateTime(start, timeZone)}/${localDateTime(end, timeZone)}`, title }] : [];
  });
}

/** A date entity as a `datetime` answer stores it (see {@link parseDateTime}). */
function dateTimeValue(date: Entity, timeZone?: string): string {
  const start = localDateTime(new Date(String(date.value)), timeZone);
  return date.until ? `${start}/${localDateTime(new Date(date.until), timeZone)}` : start;
}

/**
 * A choice by postback payload, number (`2`, `۲`), label in any locale, value or synonym; a label inside a
 * sentence ("I have dry skin") counts when exactly one option matches.
 */
export function parseChoice(text: string, options: readonly ChoiceOption[], locale: string, fallbackLocale: string, payload?: string): AnswerResult {
  if (payload !== undefined) {
    const byPayload = options.find((o) => o.value === payload);
    if (byPayload) return { ok: true, value: byPayload.value };
  }
  const t = normalize(text);
  if (!t) return { ok: false, reason: 'empty' };
  if (/^\d{1,3}$/.test(t)) {
    const o = options[Number(t) - 1];
    return o ? { ok: true, value: o.value } : { ok: false, reason: 'range' };
  }
  const names = options.map((o) => optionNames(o, locale, fallbackLocale));
  const exact = options.filter((_o, i) => names[i].includes(t));
  if (exact.length === 1) return { ok: true, value: exact[0].value };
  const inside = mentioned(t, options, names, locale);
  if (inside.length === 1) return { ok: true, value: inside[0].value };
  return { ok: false, reason: inside.length > 1 || exact.length > 1 ? 'ambiguous' : 'no_match' };
}

/** A skeleton of one letter ("عادية", normal, is "d") would be found in too many answers. */
const MIN_CHOICE_SKELETON = 2;

/**
 * A word's form for choices: its light stem, which in Arabic script loses a final ه only from longer words, and from a
 * four-letter one here: spoken Persian's "is" ("پوستم خشکه": my skin is dry). Both sides of a match take the same form.
 */
const wordForm = (word: string) => {
  const stem = lightStem(word);
  return /^[\u0600-\u06ff]{3}ه$/u.test(stem) ? stem.slice(0, -1) : stem;
};
const stemmed = (normalized: string) => ` ${normalized.split(' ').map(wordForm).join(' ')} `;

/**
 * The options whose label (in any locale), value or synonym is said inside a normalised text; failing that, said in
 * other forms of its words ("للبشرة الجافة" for "جافة", "combinations" for "combination"); failing that, a name in
 * Arabic script typed in Latin letters ("poostam charbe" for "چرب"), compared by consonant skeleton (`romanize.ts`).
 * Word forms come second so that "I normally have dry skin" stays dry, not normal and dry. A catch-all option gives way
 * to the others named with it.
 */
function mentioned<T extends ChoiceOption>(normalized: string, options: readonly T[], names: string[][], locale: string): T[] {
  const specific = options.flatMap((o, i) => (o.catchAll ? [] : [i]));
  if (specific.length < options.length) {
    const found = namedIn(normalized, specific.map((i) => options[i]), specific.map((i) => names[i]), locale);
    if (found.length) return found;
  }
  return namedIn(normalized, options, names, locale);
}

function namedIn<T extends ChoiceOption>(normalized: string, options: readonly T[], names: string[][], locale: string): T[] {
  const padded = ` ${normalized} `;
  const said = options.filter((_o, i) => names[i].some((n) => padded.includes(` ${n} `)));
  if (said.length) return said;
  const stems = stemmed(normalized);
  const inOtherForms = options.filter((_o, i) => names[i].some((n) => stems.includes(stemmed(n))));
  if (inOtherForms.length || !/[a-z]/.test(normalized)) return inOtherForms;
  const typed = ` ${latinSkeleton(normalized)} `;
  const nameSkeletons = names.map((list) => list.filter((n) => /\p{Script=Arabic}/u.test(n)).map((n) => arabicScriptSkeleton(n, locale)));
  return options.filter((_o, i) => nameSkeletons[i].some((s) => s.length >= MIN_CHOICE_SKELETON && typed.includes(` ${s} `)));
}

/** The one option a sentence names ("a cream for dry skin" → dry), by label, value or synonym; never by number. */
export function mentionedChoice(text: string, options: readonly ChoiceOption[], locale: string, fallbackLocale: string): AnswerResult {
  const names = options.map((o) => optionNames(o, locale, fallbackLocale));
  const found = mentioned(normalize(text), options, names, locale);
  return found.length === 1 ? { ok: true, value: found[0].value } : { ok: false, reason: found.length ? 'ambiguous' : 'no_match' };
}

function optionNames(o: ChoiceOption, locale: string, fallbackLocale: string): string[] {
  const names = [normalize(o.value), normalize(pickLocale(o.label, locale, fallbackLocale))];
  if (typeof o.label === 'object') for (const l of Object.values(o.label)) names.push(normalize(l));
  const syn = o.synonyms;
  if (Array.isArray(syn)) for (const s of syn) names.push(normalize(s));
  else if (syn) for (const list of Object.values(syn)) for (const s of list) names.push(normalize(s));
  return names.filter(Boolean);
}

export function parseText(text: string, opts: { minLength?: number; maxLength?: number; pattern?: string } = {}): AnswerResult {
  const t = text.trim();
  if (!t) return { ok: false, reason: 'empty' };
  if (t.length < (opts.minLength ?? 1) || t.length > (opts.maxLength ?? 500)) return { ok: false, reason: 'range' };
  if (opts.pattern && !new RegExp(opts.pattern, 'u').test(t)) return { ok: false, reason: 'format' };
  return { ok: true, value: t };
}
