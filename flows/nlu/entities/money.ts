import type { Entity } from './types.js';
import { alternation } from './patterns.js';
import { findSpelledNumbers } from './spelled-numbers.js';

const SYMBOLS: Record<string, string> = { '$': 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR', '﷼': 'IRR' };

/** A currency word several countries use: whose it is in a bot's country, and else (by the message's language). */
interface SharedCurrency {
  byCountry: Record<string, string>;
  otherwise: (lang?: string) => string | undefined;
}

/**
 * Words for the currencies of several countries, read as the bot's country's (`settings.nlu.country`), else as the
 * most common one (the rial is Iran's in Persian, Saudi Arabia's otherwise), else as an amount in no known currency:
 * "50 دينار" is a Kuwaiti bot's KWD, and money all the same to a bot with no country.
 */
const RIAL: SharedCurrency = { byCountry: { IR: 'IRR', SA: 'SAR', OM: 'OMR', QA: 'QAR', YE: 'YER' }, otherwise: (lang) => (lang === 'fa' ? 'IRR' : 'SAR') };
const DINAR: SharedCurrency = { byCountry: { KW: 'KWD', JO: 'JOD', IQ: 'IQD', BH: 'BHD', LY: 'LYD', TN: 'TND', DZ: 'DZD', RS: 'RSD' }, otherwise: () => undefined };
const DIRHAM: SharedCurrency = { byCountry: { AE: 'AED', MA: 'MAD' }, otherwise: () => 'AED' };
const LIRA: SharedCurrency = { byCountry: { LB: 'LBP', SY: 'SYP', TR: 'TRY' }, otherwise: () => undefined };
/** The Arabic "جنيه" is Egypt's pound unless the bot is in Sudan or South Sudan; "pound" in other words is sterling. */
const ARABIC_POUND: SharedCurrency = { byCountry: { EG: 'EGP', SD: 'SDG', SS: 'SSP' }, otherwise: () => 'EGP' };

/**
 * Currency words, lower case, with their ISO 4217 code. Words in Latin letters (Finglish "toman", Polish "dolarów")
 * match whole; Arabic-script ones also with a suffix ("دولارات", "ريالات").
 */
const CURRENCY_WORDS: [string[], string | SharedCurrency][] = [
  [['zł', 'zl', 'pln', 'złotych', 'zlotych', 'złote', 'zlote', 'złoty', 'zloty', 'złotówek', 'zlotowek', 'złotówki', 'zlotowki', 'złotówka', 'zlotowka'], 'PLN'],
  [['usd', 'dollar', 'dollars', 'bucks', 'dolar', 'dolara', 'dolary', 'dolarów', 'dolarow', 'دولار', 'دلار'], 'USD'],
  [['eur', 'euro', 'euros', 'یورو', 'يورو'], 'EUR'],
  [['gbp', 'pound', 'pounds', 'quid', 'funt', 'funta', 'funty', 'funtów', 'funtow'], 'GBP'],
  [['تومان', 'تومن', 'toman', 'tomans', 'tomen'], 'IRT'],
  [['irr'], 'IRR'],
  [['sar'], 'SAR'],
  [['ریال', 'ريال', 'rial', 'rials', 'riyal', 'riyals'], RIAL],
  [['aed'], 'AED'],
  [['dirham', 'dirhams', 'درهم'], DIRHAM],
  [['egp'], 'EGP'],
  [['جنيه'], ARABIC_POUND],
  [['kwd'], 'KWD'],
  [['دينار', 'دینار', 'dinar', 'dinars'], DINAR],
  [['ليرة', 'lira', 'liras'], LIRA],
];
const CURRENCY_OF_WORD = new Map(CURRENCY_WORDS.flatMap(([words, code]) => words.map((w) => [w, code] as const)));
/** The ISO codes among the words ("usd", "sar"), which also stand before an amount: "USD 20", "SAR 100". */
const CODES = CURRENCY_WORDS.flatMap(([words, code]) => words.filter((w) => w.toUpperCase() === code));

const NUM = String.raw`\d{1,3}(?:[ ,.]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?`;
const inLatin = (word: string) => /\p{Script=Latin}/u.test(word);
const CURRENCY_WORD = `(?:${alternation([...CURRENCY_OF_WORD.keys()].filter(inLatin))})(?![\\p{L}])|${alternation([...CURRENCY_OF_WORD.keys()].filter((w) => !inLatin(w)))}`;
const SYMBOL = String.raw`[$€£¥₹﷼]`;
/** Words between an amount and its currency that multiply it: "500 هزار تومان", "2 mln zł", "3 thousand dollars", "3 grand". */
const SCALES = new Map<string, number>([
  // Finglish "hezar", Arabizi "alf" too.
  ...['k', 'thousand', 'grand', 'tys', 'tys.', 'tysiąc', 'tysiące', 'tysięcy', 'tysiecy', 'tysiace', 'tysiac', 'هزار', 'ألف', 'الف', 'آلاف', 'hezar', 'alf'].map((w) => [w, 1e3] as const),
  ...['m', 'million', 'millions', 'mln', 'milion', 'miliony', 'milionów', 'milionow', 'میلیون', 'مليون', 'ملايين', 'melyoon', 'milyoon', 'malyoon'].map((w) => [w, 1e6] as const),
]);
const SCALE = alternation(SCALES.keys());
/** Scales a plain number takes ("2k", "500 هزار", "1.5 million"); not "m", which after a bare number is more often metres. */
const NUMBER_SCALE = alternation([...SCALES.keys()].filter((w) => w !== 'm'));
const NUMBER_RE = new RegExp(`(?<![\\p{Script=Latin}\\d])(${NUM})(?![\\d])(?:\\s?(${NUMBER_SCALE})(?![\\p{L}\\d]))?`, 'giu');
/**
 * The near end of a range, right before its far end, which names the currency and scale of both: "100-200 zł",
 * "100 to 200 dollars", "between 100 and 200 thousand", "od 100 do 200 zł", "بین ۱۰۰ تا ۲۰۰ هزار تومان", "من 100 إلى 200".
 * "and" ("i", "و") joins a range only after "between" ("pomiędzy", "بین").
 */
const RANGE_START = new RegExp(
  `(?<![\\p{Script=Latin}\\d])(?:(?<=(?:between|pomiędzy|pomiedzy|między|miedzy|بین|بين)\\s)(${NUM})\\s(?:and|i|و|va|w)|(${NUM})\\s?(?:-|–|to|do|تا|ta|إلى|الى|ila|ela))\\s?$`,
  'iu',
);
const MONEY_AFTER = new RegExp(`(?<![\\p{Script=Latin}\\d])(${NUM})\\s?(?:(${SCALE})\\s?)?(${CURRENCY_WORD}|${SYMBOL})`, 'giu');
/** A currency right after a spelled-out amount: "fifty dollars", "صد هزار تومن", "خمسين ريال". */
const CURRENCY_NEXT = new RegExp(`^\\s?(${CURRENCY_WORD}|${SYMBOL})`, 'iu');
/** Spelled-out amounts are only looked for in messages that name a currency. */
const ANY_CURRENCY = new RegExp(`${CURRENCY_WORD}|${SYMBOL}`, 'iu');
const MONEY_BEFORE = new RegExp(`(${SYMBOL}|\\b(?:${CODES.join('|')})\\b)\\s?(${NUM})(?!\\d)(?:\\s?(${SCALE})(?![\\p{L}\\d]))?`, 'giu');

/** Parses "1,299.50", "1 299,50", "50", "3.5" into a number. */
export function parseNumber(raw: string): number {
  let s = raw.replace(/\s/g, '');
  const lastSep = Math.max(s.lastIndexOf('.'), s.lastIndexOf(','));
  if (lastSep >= 0 && s.length - lastSep - 1 <= 2 && /[.,]/.test(s[lastSep])) {
    s = s.slice(0, lastSep).replace(/[.,]/g, '') + '.' + s.slice(lastSep + 1);
  } else {
    s = s.replace(/[.,]/g, '');
  }
  return Number(s);
}

const scaleOf = (word: string | undefined) => (word ? (SCALES.get(word.toLowerCase()) ?? 1) : 1);

function currencyOf(token: string, lang?: string, country?: string): string | undefined {
  if (SYMBOLS[token]) return SYMBOLS[token];
  const code = CURRENCY_OF_WORD.get(token);
  if (code === undefined || typeof code === 'string') return code;
  return (country && code.byCountry[country.toUpperCase()]) || code.otherwise(lang);
}

/** Where the number of a range's near end is, when one ends right before `far` starts. */
function nearEndBefore(digits: string, far: Entity): { raw: string; start: number; end: number } | undefined {
  const m = RANGE_START.exec(digits.slice(0, far.start));
  if (!m) return undefined;
  const raw = m[1] ?? m[2];
  const start = (m.index ?? 0) + m[0].indexOf(raw);
  return { raw, start, end: start + raw.length };
}

/** The entity of a range's near end that ends right before `far` starts, with `far`'s currency and scale. */
function rangeStart(original: string, digits: string, far: Entity, scale: number): Entity | undefined {
  const near = nearEndBefore(digits, far);
  return near && { ...far, value: parseNumber(near.raw) * scale, text: original.slice(near.start, near.end), start: near.start, end: near.end };
}

/**
 * What an amount (a money or number entity) says as one number: its value or, when it starts a range, the range's
 * far end, since a budget "between 100 and 200 dollars" or "od 50 do 100 zł" is one of up to 200 or 100.
 */
export function amountValue(digits: string, amounts: Entity[], amount: Entity): unknown {
  const far = amounts.find((e) => (e.type === 'money' || e.type === 'number') && e.start >= amount.end && isNearEnd(digits, e, amount));
  return (far ?? amount).value;
}

function isNearEnd(digits: string, far: Entity, amount: Entity): boolean {
  const near = nearEndBefore(digits, far);
  return near !== undefined && amount.start <= near.start && near.start < amount.end;
}

/**
 * The entities found, with the near ends of ranges whose far ends they hold: added, or in place of the same number
 * found unscaled ("100" of "between 100 and 200 thousand").
 */
function withRangeStarts(original: string, digits: string, found: { entity: Entity; scale: number }[]): Entity[] {
  const out = found.map(({ entity }) => entity);
  for (const { entity, scale } of found) {
    if (scale === 1 && entity.type !== 'money') continue;
    const near = rangeStart(original, digits, entity, scale);
    if (!near) continue;
    const overlapping = out.findIndex((e) => near.start < e.end && near.end > e.start);
    if (overlapping < 0) out.push(near);
    else if (out[overlapping].start === near.start && out[overlapping].end === near.end) out[overlapping] = near;
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * `digits` is the message with ASCII digits, same length as `original`; `country` (ISO 3166) reads the currency words
 * several countries use (see `RIAL`).
 */
export function findMoney(original: string, digits: string, lang?: string, country?: string): Entity[] {
  const out: Entity[] = [];
  for (const m of digits.matchAll(MONEY_BEFORE)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    out.push({ type: 'money', value: parseNumber(m[2]) * scaleOf(m[3]), currency: currencyOf(m[1].toLowerCase(), lang, country), text: original.slice(start, end), start, end });
  }
  const after: { entity: Entity; scale: number }[] = [];
  for (const m of digits.matchAll(MONEY_AFTER)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (out.some((e) => start < e.end && end > e.start)) continue;
    const scale = scaleOf(m[2]);
    after.push({ entity: { type: 'money', value: parseNumber(m[1]) * scale, currency: currencyOf(m[3].toLowerCase(), lang, country), text: original.slice(start, end), start, end }, scale });
  }
  out.push(...withRangeStarts(original, digits, after));
  const spelledAmounts = ANY_CURRENCY.test(original) ? findSpelledNumbers(original, lang) : [];
  for (const spelled of spelledAmounts) {
    const m = CURRENCY_NEXT.exec(original.slice(spelled.end));
    if (!m) continue;
    const { start } = spelled;
    const end = spelled.end + m[0].length;
    if (out.some((e) => start < e.end && end > e.start)) continue;
    out.push({ type: 'money', value: spelled.value, currency: currencyOf(m[1].toLowerCase(), lang, country), text: original.slice(start, end), start, end });
  }
  return out;
}

/** Numbers in digits, times the scale word after them ("2k", "500 هزار", "1.5 million"), also at a range's near end. */
export function findNumbers(original: string, digits: string): Entity[] {
  const found: { entity: Entity; scale: number }[] = [];
  for (const m of digits.matchAll(NUMBER_RE)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const scale = scaleOf(m[2]);
    found.push({ entity: { type: 'number', value: parseNumber(m[1]) * scale, text: original.slice(start, end), start, end }, scale });
  }
  return withRangeStarts(original, digits, found);
}
