import { normalizeText } from '../normalize.js';
import { remembered } from '../remembered.js';
import { NUMBER_JOINERS, NUMBER_MULTIPLIERS, NUMBER_WORDS } from './number-words.js';
import { alternation } from './patterns.js';
import type { Entity } from './types.js';

/** A number spelled out in words, with its span in the text. */
export interface SpelledNumber {
  value: number;
  start: number;
  end: number;
}

interface Lexicon {
  values: Map<string, number>;
  multipliers: Map<string, number>;
  joiners: Set<string>;
  /** What each word read so far is (see `partsOf`): normalising every word of every message cost more than the rest. */
  read: Map<string, Part[] | undefined>;
}

/** Words a lexicon remembers; it starts over when full. */
const WORDS_REMEMBERED = 20_000;

/** Word tables keyed as `normalizeText` spells them (ł → l, ي and ی alike), per language and for all languages. */
function lexicon(langs: string[]): Lexicon {
  const keyed = (tables: Record<string, Record<string, number>>) =>
    new Map(langs.flatMap((lang) => Object.entries(tables[lang] ?? {}).map(([word, n]) => [normalizeText(word), n] as const)));
  return { values: keyed(NUMBER_WORDS), multipliers: keyed(NUMBER_MULTIPLIERS), joiners: new Set(langs.flatMap((lang) => NUMBER_JOINERS[lang] ?? [])), read: new Map() };
}

const LEXICONS = new Map(Object.keys(NUMBER_WORDS).map((lang) => [lang, lexicon([lang])]));
const EVERY_LANGUAGE = lexicon(Object.keys(NUMBER_WORDS));

/** A word; a ZWNJ inside does not split it. */
const TOKEN = /[\p{L}\p{M}\u200c]+/gu;
/** Between two words of one number: spaces or a hyphen ("twenty-five"). */
const GAP = /^[\s-]*$/;

type Part = { kind: 'value' | 'multiplier'; n: number } | { kind: 'joiner' };

function partOf(word: string, lex: Lexicon): Part | undefined {
  const key = normalizeText(word);
  const value = lex.values.get(key);
  if (value !== undefined) return { kind: 'value', n: value };
  const multiplier = lex.multipliers.get(key);
  if (multiplier !== undefined) return { kind: 'multiplier', n: multiplier };
  if (lex.joiners.has(key)) return { kind: 'joiner' };
  return undefined;
}

/** What a word is as a number (a fresh list the caller may change), remembered by the lexicon. */
function partsOf(word: string, lex: Lexicon): Part[] | undefined {
  const parts = remembered(lex.read, WORDS_REMEMBERED, word, () => wordParts(word, lex));
  return parts && [...parts];
}

/** "وعشرون": the Arabic and Persian joiner written onto the next number word. */
function wordParts(word: string, lex: Lexicon): Part[] | undefined {
  const part = partOf(word, lex);
  if (part) return [part];
  if (lex.joiners.has('و') && word.startsWith('و') && word.length > 2) {
    const rest = partOf(word.slice(1), lex);
    if (rest && rest.kind !== 'joiner') return [{ kind: 'joiner' }, rest];
  }
  return undefined;
}

/** Number words in order, summed: "two hundred fifty thousand" = (2 × 100 + 50) × 1000; `current` is what follows the last thousand. */
function accumulate(parts: Part[]): { total: number; current: number } {
  let total = 0;
  let current = 0;
  for (const part of parts) {
    if (part.kind === 'joiner') continue;
    if (part.kind === 'value') current += part.n;
    else if (part.n < 1000) current = (current || 1) * part.n;
    else {
      total += (current || 1) * part.n;
      current = 0;
    }
  }
  return { total, current };
}

function valueOf(parts: Part[]): number {
  const { total, current } = accumulate(parts);
  return total + current;
}

/**
 * Whether the value word `n` continues a number whose part after the last thousand is `current`: only into a place
 * still empty. "twenty" + "five", "hundred and" + "twelve", and in Arabic, units first, "خمسة" + "وعشرون"; not "one and
 * three", "ten and twenty" or "ثلاثة وثلاثة", which are two numbers.
 */
function fits(current: number, n: number, unitsBeforeTens: boolean): boolean {
  if (current === 0) return true;
  const units = current % 10;
  const tens = Math.floor(current / 10) % 10;
  if (n < 10) return units === 0 && tens !== 1;
  if (n < 20) return current % 100 === 0;
  if (n < 100) return tens === 0 && (units === 0 || unitsBeforeTens);
  return false;
}

/**
 * Numbers spelled out in `text`: "two hundred and fifty", "pięćdziesiąt", "دویست و پنجاه هزار", "خمسة وعشرون". With
 * `lang`, only that language's words count (an Arabic "ست" is six, a Persian one a set); without, every language's.
 */
export function findSpelledNumbers(text: string, lang?: string): SpelledNumber[] {
  const lex = (lang && LEXICONS.get(lang)) || EVERY_LANGUAGE;
  const unitsBeforeTens = !lang || lang === 'ar';
  const found: SpelledNumber[] = [];
  let run: { parts: Part[]; start: number; end: number; lastNumberEnd: number } | undefined;
  const close = () => {
    if (run && run.parts.some((p) => p.kind !== 'joiner')) {
      // A trailing joiner ("fifty and") is not part of the number.
      while (run.parts[run.parts.length - 1].kind === 'joiner') run.parts.pop();
      found.push({ value: valueOf(run.parts), start: run.start, end: run.lastNumberEnd });
    }
    run = undefined;
  };
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const parts = partsOf(m[0], lex);
    if (run && (!parts || !GAP.test(text.slice(run.end, start)))) close();
    if (!parts) continue;
    const value = parts.find((p) => p.kind === 'value');
    if (run && value?.kind === 'value' && !fits(accumulate(run.parts).current, value.n, unitsBeforeTens)) close();
    if (!run) {
      if (parts.length === 1 && parts[0].kind === 'joiner') continue;
      // A joiner written onto the first word ("وعشرون") is not part of the number.
      const own = parts[0].kind === 'joiner' ? 1 : 0;
      run = { parts: [], start: start + own, end, lastNumberEnd: end };
      parts.splice(0, own);
    }
    run.parts.push(...parts);
    run.end = end;
    if (parts.some((p) => p.kind !== 'joiner')) run.lastNumberEnd = end;
  }
  close();
  return found;
}

/** A single word, with no space or hyphen inside. */
const ONE_WORD = /^[\p{L}\p{M}\u200c]+$/u;
/** Number words that are also everyday words on their own: Persian "نه" (no). */
const ALSO_WORDS = new Set(['نه']);

/**
 * Numbers spelled out in a message of a known language, as entities: "two creams", "poproszę dwa", "سه تا", "ثلاثة".
 * A word for one alone is not one ("the one I ordered", "یه کرم", "jedna rzecz": articles and pronouns), nor a word
 * that is also an everyday word; a number of several words is ("one hundred").
 */
export function findNumberWords(text: string, lang: string | undefined): Entity[] {
  if (!lang || !LEXICONS.has(lang)) return [];
  return findSpelledNumbers(text, lang).flatMap(({ value, start, end }) => {
    const words = text.slice(start, end);
    if (ONE_WORD.test(words) && (value === 1 || ALSO_WORDS.has(normalizeText(words)))) return [];
    return [{ type: 'number' as const, value, text: words, start, end }];
  });
}

/** The number `text` spells out as a whole ("dwadziescia piec", "بیست و پنج"), else undefined. */
export function spelledNumberValue(text: string, lang?: string): number | undefined {
  const runs = findSpelledNumbers(text, lang);
  return runs.length === 1 && runs[0].start === 0 && runs[0].end === text.length ? runs[0].value : undefined;
}

/**
 * A regular expression (source) for number words of `lang` in a row, with the language's joiners: "dwadzieścia pięć",
 * "بیست و پنج". `spell` writes each word as the text the pattern runs on has it (Polish dates read folded text).
 */
export function spelledNumberPattern(lang: string, spell: (word: string) => string = (word) => word): string {
  const word = `(?:${alternation(new Set(Object.keys(NUMBER_WORDS[lang] ?? {}).map(spell)))})`;
  const joiners = NUMBER_JOINERS[lang] ?? [];
  const joiner = joiners.length ? `(?:(?:${alternation(joiners)})\\s+)?` : '';
  return `${word}(?:\\s+${joiner}${word})*`;
}
