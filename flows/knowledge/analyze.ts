import { normalizeText } from '../nlu/index.js';
import { arabicScriptSkeleton, latinSkeleton, withoutAddresses } from '../nlu/romanize.js';
import { SpellingIndex } from '../nlu/spelling.js';

/**
 * Turns text into retrieval terms: `normalizeText` (shared with NLU), stop words dropped, a light
 * per-language stemmer, plus character trigrams of every word so morphology the stemmer misses
 * (Arabic clitics, Persian suffixes, Polish cases, typos) still overlaps.
 */
export interface AnalyzedText {
  words: string[];
  grams: string[];
}

const STOP: Record<string, Set<string>> = {
  en: new Set('a an the is are was were be been am do does did i you we they he she it my your our me us to of in on at for from by with and or but if can could would should will shall may might how what when where why which who whom this that these those there here have has had not no yes please hi hello thanks thank any much many some get got just so about into than then too very also want wanna need like know tell whats hows wheres whens whos thats theres its im ive youre dont doesnt didnt isnt arent cant wont'.split(' ')),
  pl: new Set('a i w we z ze na do o od po za przez dla to ten ta te tego tej tym jest sa byc byl byla jak czy co gdzie kiedy ile jaki jaka jakie ktory ktora ktore sie mnie mi ja ty my wy on ona ono oni moj moja moje twoj nie tak juz jeszcze prosze dzien dobry czesc hej dziekuje mam masz moge mozna albo lub ale bo ze u chce chcialbym chcialabym chcemy potrzebuje'.split(' ')),
  ar: new Set('في من على الى الي عن مع هل ما ماذا كيف اين متى لماذا كم هذا هذه ذلك تلك هو هي انا انت نحن هم ان او ثم لا لم لن قد كان يكون التي الذي لي لك عندي عندكم يمكن يمكنني اريد ابغى ابغي بدي مرحبا شكرا من فضلك قديش شو ايش وين فين ليش شلون ازاي امتى عايز عاوز ابي بدك لو سمحت ممكن اللي هاد هادا ده دي هيك مش بس عشان علشان لسه'.split(' ')),
  fa: new Set('و در به از با برای که این آن را تا یا هم اما اگر چه چی چطور چگونه کجا کی چرا چند آیا من تو ما شما او آنها است هست نیست بود شد می میشه میشود کنم کنید دارم دارید میخواهم میخوام خواهم یک یه سلام ممنون مرسی لطفا لطفاً خیلی چیه کجاست میخواستم اینو اونو رو هستش'.split(' ')),
};
for (const lang of ['ar', 'fa']) STOP[lang] = new Set([...STOP[lang]].map((w) => normalizeForIndex(w)));

/**
 * Function words of Persian and Arabic typed in Latin letters (Finglish, Arabizi, see `romanize.ts`), as
 * `normalizeText` leaves them: question words, pronouns, prepositions, "please".
 */
const ROMANIZED_STOP: Record<string, Set<string>> = {
  fa: new Set('chi chie chiye chia che chera chetor chetori chejuri chegone koja kojast kojas key kei kay kia kiye chand chande chanda chandeh aya kodum kodoom kodom va ya ham ro ra o az be ba bara baraye dar tu too ke in un oon on an man to ma shoma oo ast hast hastan hastand nist bud mishe mishavad mikham mikhastam mitunam mitoonam lotfan merci mersi salam khob kheili kheyli'.split(' ')),
  ar: new Set('shu sho shou eh eih eish aish esh wein wen fein fen kif keef kaif kef leish lesh lish laish emta meta imta mata amta kam hal min mn ay ayy aya limatha lematha shlon shlonak shno 3ala ala 3an an fi fe ma3 maa ana enta inta ent inti enti ehna e7na howa hiya hya hadha hatha hada haza hal law men fadlak fadlik lw sama7t momken mumkin momkn 3ayez 3ayz 3awz abgha abga bedi biddi ureed areed 3indak 3andak 3ndk 3andkom marhaba shukran'.split(' ')),
};

const ARABIC_LETTER = /[\u0600-\u06ff]/;

/** Locale of a word when none is given: by script, so mixed knowledge still gets the right stemmer. */
function guessLocale(word: string): string {
  return ARABIC_LETTER.test(word) ? 'ar' : 'en';
}

const EN_SUFFIXES = ['ational', 'ization', 'fulness', 'ousness', 'iveness', 'ations', 'ation', 'ments', 'ment', 'ness', 'ings', 'ing', 'ies', 'ied', 'ers', 'er', 'ed', 'ly', 'es', 's'];
const PL_SUFFIXES = ['owania', 'owanie', 'ami', 'ach', 'ych', 'ich', 'ego', 'emu', 'owi', 'iem', 'om', 'ow', 'ie', 'ia', 'ej', 'ym', 'im', 'a', 'e', 'i', 'o', 'u', 'y'];
const arabicForms = (list: string[]) => list.map((w) => normalizeForIndex(w));
const AR_PREFIXES = arabicForms(['وال', 'بال', 'كال', 'فال', 'لل', 'ال', 'و']);
const AR_SUFFIXES = arabicForms(['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ه', 'ي']);
const FA_PREFIXES = arabicForms(['نمی', 'می']);
const FA_SUFFIXES = arabicForms(['هایی', 'هایم', 'هایت', 'هایش', 'های', 'ترین', 'ها', 'تر', 'ان', 'ات', 'ای', 'ام', 'اش', 'ی']);

function stripSuffix(word: string, suffixes: string[], minStem: number): string {
  for (const s of suffixes) if (word.length - s.length >= minStem && word.endsWith(s)) return word.slice(0, -s.length);
  return word;
}

/** A light stemmer: removes the most common inflections only; precision matters less than recall here. */
export function stem(word: string, locale?: string): string {
  const lang = locale ?? guessLocale(word);
  if (/^\d/.test(word)) return word;
  switch (lang) {
    case 'en': {
      let w = stripSuffix(word, EN_SUFFIXES, 3);
      if (word.endsWith('ies') && w.length === word.length - 3) w += 'y';
      if (/([bdfgmnprt])\1$/.test(w)) w = w.slice(0, -1);
      return w;
    }
    case 'pl':
      return stripSuffix(word, PL_SUFFIXES, 3);
    case 'ar': {
      let w = word;
      for (const p of AR_PREFIXES) {
        if (w.length - p.length >= 3 && w.startsWith(p)) {
          w = w.slice(p.length);
          break;
        }
      }
      return stripSuffix(w, AR_SUFFIXES, 3);
    }
    case 'fa': {
      let w = word;
      for (const p of FA_PREFIXES) {
        if (w.length - p.length >= 2 && w.startsWith(p)) {
          w = w.slice(p.length);
          break;
        }
      }
      return stripSuffix(w, FA_SUFFIXES, 3);
    }
    default:
      return word;
  }
}

const stopWordTypos = new Map<string, SpellingIndex>();

/**
 * Whether a word the knowledge lacks is a misspelt stop word of its language ("whre", "plase", "wnat"): it says
 * nothing about the topic, and kept as a query word it only lowers how much of the query an answer covers.
 */
export function isMisspeltStopWord(word: string, locale?: string): boolean {
  const lang = wordLocale(word, locale);
  const stop = STOP[lang];
  if (!stop) return false;
  let index = stopWordTypos.get(lang);
  if (!index) stopWordTypos.set(lang, (index = new SpellingIndex(new Map([...stop].map((w) => [w, 0])))));
  return index.nearest(word) !== undefined;
}

/**
 * Whether the text has a stop word of its language ("what", "jak", "چه", "هل"): function words, which names lack; in a
 * Persian or Arabic conversation also one typed in Latin letters ("chera", "wein").
 */
export function hasStopWord(text: string, locale?: string): boolean {
  return normalizeForIndex(text, locale)
    .split(' ')
    .some((token) => (STOP[wordLocale(token, locale)]?.has(token) ?? false) || (locale !== undefined && (ROMANIZED_STOP[locale]?.has(token) ?? false)));
}

/**
 * Retrieval terms of a text's consonant skeleton in `lang` ('fa' or 'ar', see `romanize.ts`), so that a question typed
 * in Latin letters ("raveshhaye pardakht chie?") meets knowledge written in the script ("چه روش‌های پرداختی دارید؟"):
 * the stop words of either writing dropped, then skeleton words of two letters or more, and their trigrams.
 */
export function analyzeSkeleton(text: string, lang: string): AnalyzedText {
  const tokens = normalizeForIndex(withoutAddresses(text)).split(' ').filter((t) => t && !STOP[lang]?.has(t) && !ROMANIZED_STOP[lang]?.has(t));
  const script = tokens.filter((t) => ARABIC_LETTER.test(t)).map((t) => arabicScriptSkeleton(t, lang));
  // Latin words are read together, so that Arabizi's article joins its word ("el se3r" as "السعر").
  const latin = latinSkeleton(tokens.filter((t) => !ARABIC_LETTER.test(t)).join(' '));
  const words = [...script, latin].join(' ').split(' ').filter((w) => w.length >= 2);
  return { words, grams: words.flatMap((w) => trigrams(w)) };
}

/** Character trigrams of a word padded with spaces (" ab", "abc", "bc "); none below three letters. */
function trigrams(word: string): string[] {
  if (word.length < 3) return [];
  const padded = ` ${word} `;
  const grams: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i += 1) grams.push(padded.slice(i, i + 3));
  return grams;
}

/** The language a word is analysed in: the locale's, or by its script when the word is in another or none is given. */
function wordLocale(word: string, locale: string | undefined): string {
  return scriptLocale(locale, word) ?? guessLocale(word);
}

function scriptLocale(locale: string | undefined, word: string): string | undefined {
  const arabicScript = ARABIC_LETTER.test(word);
  if (locale === 'ar' || locale === 'fa') return arabicScript ? locale : 'en';
  if (locale) return arabicScript ? 'ar' : locale;
  return undefined;
}

interface TokenTerms {
  word?: string;
  grams: string[];
}

function analyzeToken(token: string, locale: string | undefined): TokenTerms {
  const lang = wordLocale(token, locale);
  if (STOP[lang]?.has(token) || (token.length === 1 && !/\d/.test(token))) return { grams: [] };
  return { word: stem(token, lang), grams: trigrams(token) };
}

/** Memo of token analyses; pass one to {@link analyzeNormalized} when analysing many texts (index builds). */
export type AnalysisCache = Map<string, TokenTerms>;

/** Splits already normalised text into terms (see {@link AnalyzedText}). */
export function analyzeNormalized(normalized: string, locale?: string, cache?: AnalysisCache): AnalyzedText {
  const words: string[] = [];
  const grams: string[] = [];
  for (const token of normalized.split(' ')) {
    if (!token) continue;
    let terms: TokenTerms | undefined;
    if (cache) {
      const key = `${locale ?? ''}\u0000${token}`;
      terms = cache.get(key);
      if (!terms) cache.set(key, (terms = analyzeToken(token, locale)));
    } else terms = analyzeToken(token, locale);
    if (terms.word !== undefined) words.push(terms.word);
    for (const g of terms.grams) grams.push(g);
  }
  return { words, grams };
}

/** Normalises with the NLU normaliser, then analyses. Persian text is normalised to Persian letter forms. */
export function analyzeText(text: string, locale?: string): AnalyzedText {
  return analyzeNormalized(normalizeForIndex(text, locale), locale);
}

/**
 * Normalisation used for both documents and queries. Arabic and Persian share most letters; Persian forms
 * for `fa` and Arabic forms otherwise would make them differ (ی vs ي), so both fold to the Arabic forms here.
 */
export function normalizeForIndex(text: string, _locale?: string): string {
  return normalizeText(text, 'ar');
}
