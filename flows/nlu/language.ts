import { detectAll } from 'tinyld';
import { chatSpellings } from './dialects.js';

/** Result of {@link detectLanguage}. `code` is an ISO 639-1 code or 'und' when unknown. */
export interface LanguageGuess {
  code: string;
  confidence: number;
  script: string;
}

/** Below this a guess is not acted on: short and mixed messages are easy to misread. */
const SURE_CONFIDENCE = 0.6;

/** Whether a guess is sure enough to act on (switch the conversation's language, read entities in it). */
export function isSureGuess(guess: LanguageGuess, text: string): boolean {
  return guess.code !== 'und' && guess.confidence >= SURE_CONFIDENCE && text.trim().length >= 2;
}

const SCRIPTS: [string, RegExp][] = [
  ['Arabic', /\p{Script=Arabic}/u],
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Han', /\p{Script=Han}/u],
  ['Hiragana', /\p{Script=Hiragana}/u],
  ['Katakana', /\p{Script=Katakana}/u],
  ['Hangul', /\p{Script=Hangul}/u],
  ['Thai', /\p{Script=Thai}/u],
];

/** Latin and Arabic by code point (most messages), the rest by regular expression. */
function scriptOf(ch: string): string | undefined {
  const c = ch.charCodeAt(0);
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) return 'Latin';
  if (c < 0x80) return undefined;
  if ((c >= 0x600 && c <= 0x6ff) || (c >= 0x750 && c <= 0x77f) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfeff)) return /\p{L}/u.test(ch) ? 'Arabic' : undefined;
  if (!/\p{L}/u.test(ch)) return undefined;
  return SCRIPTS.find(([, re]) => re.test(ch))?.[0] ?? 'Other';
}

/** Dominant writing system of the letters in `text`. */
export function detectScript(text: string): string {
  const counts = new Map<string, number>();
  for (const ch of text) {
    const name = scriptOf(ch);
    if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  let best = 'Unknown';
  let n = 0;
  for (const [name, c] of counts) if (c > n) [best, n] = [name, c];
  return best;
}

const PERSIAN_LETTERS = /[پچژگکیۀ۰-۹]/g;
const ARABIC_LETTERS = /[ةيكىؤ٠-٩]|[\u064b-\u0652]/g;
const FA_WORDS = new Set(['است', 'می', 'را', 'این', 'برای', 'که', 'چه', 'کجا', 'من', 'با', 'از', 'یک', 'هست', 'نیست', 'کن', 'کنید', 'چطور', 'چرا', 'آیا', 'شما', 'ما', 'هم', 'تا', 'به', 'رو', 'دارم', 'میخواهم', 'میخوام', 'کجاست', 'فردا', 'امروز', 'دیروز', 'چی', 'چیه', 'کی', 'خوبی', 'بخیر', 'هستید', 'دارید', 'چند', 'چقدر', 'کنم', 'بدم', 'بده', 'شده', 'شد', 'های', 'ها',
  // Everyday short answers written without a Persian-only letter. Not "ممنون" (thanks), which Levantine Arabic says too.
  'بله', 'نه', 'باشه', 'خوب', 'خوبه', 'آره', 'اره', 'سفارش', 'سفارشم', 'تومان', 'بود']);
const AR_WORDS = new Set(['في', 'من', 'على', 'هل', 'ما', 'ماذا', 'أن', 'إلى', 'الى', 'لا', 'هذا', 'هذه', 'كيف', 'أين', 'اين', 'لم', 'لماذا', 'متى', 'عن', 'مع', 'أريد', 'اريد', 'هو', 'هي', 'التي', 'الذي', 'كان', 'يمكنني', 'لي',
  // Everyday short answers and greetings, dialect ones included.
  'نعم', 'أجل', 'اجل', 'حسنا', 'أهلا', 'اهلا', 'مرحبا', 'بكم', 'عندي', 'أو', 'وين', 'شو']);

function arabicOrPersian(text: string): LanguageGuess {
  const fa = (text.match(PERSIAN_LETTERS) ?? []).length;
  const ar = (text.match(ARABIC_LETTERS) ?? []).length;
  let faScore = fa;
  let arScore = ar;
  for (const raw of text.split(/[^\p{L}\u200c]+/u)) {
    if (!raw) continue;
    const w = raw.replace(/ك/g, 'ک').replace(/ي/g, 'ی');
    if (FA_WORDS.has(w)) faScore += 2;
    if (AR_WORDS.has(raw)) arScore += 2;
    if (raw.startsWith('ال') && raw.length > 3) arScore += 1;
    if (w.startsWith('می') || w.includes('\u200c')) faScore += 1;
  }
  if (faScore === 0 && arScore === 0) {
    const tl = detectAll(text.slice(0, 64)).find((g) => g.lang === 'ar' || g.lang === 'fa');
    return { code: tl?.lang ?? 'ar', confidence: 0.5, script: 'Arabic' };
  }
  const code = faScore > arScore ? 'fa' : 'ar';
  const confidence = Math.max(faScore, arScore) / (faScore + arScore);
  return { code, confidence: Math.round(Math.min(0.99, 0.5 + confidence / 2) * 100) / 100, script: 'Arabic' };
}

const PL_CHARS = /[ąćęłńśźż]/gi;
const PL_WORDS = new Set([
  'jest', 'nie', 'się', 'sie', 'gdzie', 'moje', 'moja', 'mój', 'moj', 'jak', 'czy', 'co', 'na', 'do', 'mam', 'chcę', 'chce', 'proszę', 'prosze', 'jutro', 'dzisiaj', 'kiedy', 'ile', 'to',
  'mnie', 'mi', 'zamówienie', 'zamowienie', 'dla', 'od', 'po', 'za', 'ja', 'już', 'juz', 'jestem', 'są', 'sa', 'być', 'byc', 'twoje', 'twój', 'jaki', 'jaka', 'jakie', 'który', 'która', 'które',
  'ten', 'ta', 'te', 'tak', 'tylko', 'jeszcze', 'bardzo', 'może', 'moze', 'mogę', 'moge', 'możesz', 'mozesz', 'czego', 'dlaczego', 'przez', 'przy', 'bez', 'oraz', 'albo', 'lub', 'ale', 'żeby', 'zeby',
  'kto', 'dziękuję', 'dziekuje', 'dzięki', 'dzieki', 'cześć', 'czesc', 'witam', 'pan', 'pani', 'państwo', 'kupić', 'kupic', 'cena', 'dostawa', 'zwrot', 'sklep', 'teraz', 'potem', 'wszystko', 'nic', 'coś', 'cos', 'potrzebuję',
  'potrzebuje', 'chciałbym', 'chcialbym', 'chciałabym', 'kosztuje', 'godzin', 'dzień', 'dzien', 'tydzień',
  // Greetings and words of chat; "ty" (you) is also English chat for "thank you", so it tells nothing.
  'hej', 'siema', 'elo', 'spoko', 'nara', 'ty', ...chatSpellings('pl'),
]);
const EN_WORDS = new Set([
  'the', 'is', 'my', 'where', 'what', 'how', 'i', 'you', 'to', 'a', 'an', 'of', 'and', 'in', 'it', 'can', 'do', 'does', 'for', 'on', 'me', 'want', 'need', 'please',
  'order', 'when', 'why', 'are', 'this', 'that', 'with', 'have', 'not', 'get', 'will', 'hi', 'hello', 'thanks', 'thank', 'yes', 'no', 'your', 'am', 'was', 'be', 'there', 'from', 'at',
  'if', 'has', 'would', 'could', 'should', 'any', 'much', 'many', 'which', 'who', 'we', 'they', 'he', 'she', 'his', 'her', 'our', 'their', 'them', 'us', 'were', 'been', 'did', 'had',
  'just', 'about', 'all', 'also', 'by', 'but', 'or', 'so', 'than', 'then', 'too', 'very', 'some', 'up', 'out', 'into', 'over', 'after', 'before', 'tell', 'know', 'let', 'go', 'make',
  'see', 'like', 'give', 'find', 'show', 'check', 'whats', 'dont', 'im', 'cant', 'way', 'long', 'time', 'take', 'help', 'these', 'those', 'right', 'now', 'new', 'money', 'pay', 'doing', 'going',
  'got', 'more', 'most', 'other', 'only', 'again', 'off', 'its', 'well', 'good', 'great', 'okay', 'sure', 'yeah', 'next', 'last', 'day', 'today', 'tomorrow', 'say', 'call', 'send', 'put', 'change',
  'add', 'remove', 'list', 'remind', 'play', 'turn', 'book', 'buy', 'price', 'cost', 'shipping', 'delivery', 'refund', 'account', 'card', 'bank', 'might', 'must', 'here', 'something', 'anything', 'people', 'still', 'ever',
  'never', 'every', 'each', 'own', 'same', 'such', 'both', 'while', 'whether', 'without', 'through', 'during', 'until', 'away', 'back', 'down', 'use', 'used', 'using', 'work', 'working', 'open', 'close', 'set',
  'left', 'one', 'two', 'first', 'week', 'month', 'year', 'tonight', 'morning', 'ok', 'bye', 'goodbye', 'weather', 'music', 'song', 'flight', 'car',
  // Greetings and words of chat, which language detectors take for other languages ("idk" Esperanto, "lol" Volapük).
  'hey', 'hiya', 'heya', 'yo', 'sup', 'lol', 'tbh', 'brb', 'np', 'omg', 'tysm', 'cya', 'btw', 'asap', ...chatSpellings('en'),
]);

function latin(text: string): LanguageGuess {
  const words = text.toLowerCase().split(/[^\p{L}]+/u).filter(Boolean);
  let pl = (text.match(PL_CHARS) ?? []).length * 2;
  let en = 0;
  for (const w of words) {
    const inPl = PL_WORDS.has(w);
    const inEn = EN_WORDS.has(w);
    // "to", "do", "na" are both English and Polish: they tell nothing.
    if (inPl && !inEn) pl += 1.5;
    if (inEn && !inPl) en += 1.5;
  }
  if (en >= 3 && pl === 0) return { code: 'en', confidence: Math.min(0.99, 0.6 + en / 15), script: 'Latin' };
  // One English cue in plain ASCII ("quieter please") is enough, tinyld is unsure on so few letters anyway.
  if (en > 0 && pl === 0 && words.length <= 3 && !/[^\p{ASCII}]/u.test(text)) return { code: 'en', confidence: 0.6, script: 'Latin' };
  if (pl >= 4 && en === 0) return { code: 'pl', confidence: Math.min(0.99, 0.6 + pl / 20), script: 'Latin' };
  const tl = detectAll(text.slice(0, 64));
  const scores = new Map<string, number>();
  for (const g of tl) scores.set(g.lang, g.accuracy * 2);
  scores.set('pl', (scores.get('pl') ?? 0) + pl);
  scores.set('en', (scores.get('en') ?? 0) + en);
  let code = 'und';
  let best = 0;
  let total = 0;
  for (const [lang, s] of scores) {
    total += s;
    if (s > best) [code, best] = [lang, s];
  }
  if (best === 0) return { code: 'und', confidence: 0, script: 'Latin' };
  return { code, confidence: Math.round((best / total) * 100) / 100, script: 'Latin' };
}

/**
 * Detects the language of one message: writing system first, then Persian-only vs Arabic-only letters
 * and frequent words for Arabic script, and tinyld plus Polish/English cues for Latin script.
 * Other scripts fall back to tinyld.
 */
export function detectLanguage(text: string): LanguageGuess {
  const script = detectScript(text);
  if (script === 'Arabic') return arabicOrPersian(text);
  if (script === 'Latin') return latin(text);
  if (script === 'Unknown') return { code: 'und', confidence: 0, script };
  const top = detectAll(text.slice(0, 64))[0];
  return top ? { code: top.lang, confidence: Math.round(top.accuracy * 100) / 100, script } : { code: 'und', confidence: 0, script };
}
