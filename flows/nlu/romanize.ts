import { normalizeText } from './normalize.js';

/**
 * Persian and Arabic are often typed in Latin letters ("Finglish": "sefaresham kojast?"; "Arabizi", with digits for
 * letters Latin lacks: "3ayez a3rf el se3r"). Such a message and a phrase in Arabic script meet in a consonant skeleton:
 * vowels are dropped on both sides (the script writes few of them, and Latin spellings of one word vary in them),
 * letters that sound alike share one code, and doubled letters count once. "سفارشم کجاست" and "sefaresham kojast" are
 * both "sfrcm kjst". Codes are lower-case ASCII letters, so the skeleton is read by the same features as any text:
 * c stands for sh, w for ch, x for kh, q for gh and q.
 */
/** Languages written in Arabic script whose speakers often type them in Latin letters. */
export const ROMANIZED_LANGUAGES = ['fa', 'ar'];

const ARABIC_SCRIPT: Record<string, string> = {
  'ب': 'b', 'پ': 'p', 'ت': 't', 'ط': 't', 'ث': 's', 'س': 's', 'ص': 's', 'ج': 'j', 'گ': 'j', 'چ': 'w', 'ح': 'h', 'ه': 'h',
  'خ': 'x', 'د': 'd', 'ذ': 'z', 'ز': 'z', 'ظ': 'z', 'ژ': 'z', 'ر': 'r', 'ش': 'c', 'غ': 'q', 'ق': 'q', 'ف': 'f', 'ک': 'k',
  'ك': 'k', 'ل': 'l', 'م': 'm', 'ن': 'n',
};
/** ض is a d in Arabic ("mareed" for مريض) and a z in Persian ("zarar" for ضرر). */
const DAD: Record<string, string> = { ar: 'd', fa: 'z' };

/** Digraphs first: "kh" is one letter. Their codes are upper case until the single letters are mapped. */
const LATIN_DIGRAPHS: [RegExp, string][] = [[/kh/g, 'X'], [/sh/g, 'C'], [/ch/g, 'W'], [/gh/g, 'Q'], [/zh|th|dh/g, 'Z'], [/ph/g, 'F'], [/ck/g, 'K']];
/** Arabizi's digits for letters: 7 ح, 5 خ, 6 ط, 8 and 9 ق; 2 (hamza) and 3 (ain) are dropped like the letters they stand for. */
const LATIN_LETTERS: Record<string, string> = { '2': '', '3': '', '5': 'x', '6': 't', '7': 'h', '8': 'q', '9': 'q', c: 'k', g: 'j', a: '', e: '', i: '', o: '', u: '', y: '', v: '', w: '' };

/**
 * The consonant skeleton of a message in Arabic script (a training phrase in `lang`, 'ar' or 'fa'); a word in Latin
 * letters in it ("Visa") as {@link latinSkeleton} reads it.
 */
export function arabicScriptSkeleton(text: string, lang: string): string {
  return skeleton(normalizeText(text, lang), (word) => {
    if (!/\p{Script=Arabic}/u.test(word)) return latinWord(word);
    const letters = [...word].map((ch, i, all) => (ch === 'ه' && i === all.length - 1 ? '' : ch === 'ض' ? DAD[lang] ?? 'd' : ARABIC_SCRIPT[ch] ?? (/\p{Script=Arabic}/u.test(ch) ? '' : ch)));
    return letters.join('');
  });
}

/** Emails and web addresses are no words of any language. */
const ADDRESSES = /\S+@\S+|\b(?:https?:\/\/|www\.)\S+/gi;

/** The text with its emails and web addresses blanked out. */
export function withoutAddresses(text: string): string {
  return text.replace(ADDRESSES, ' ');
}

/**
 * The consonant skeleton of a message typed in Latin letters. Words of digits only are numbers, and are dropped, as are
 * emails and web addresses. The Arabic article, a word of its own in Arabizi ("el se3r"), joins the next word, as in
 * the script ("السعر").
 */
export function latinSkeleton(text: string): string {
  return skeleton(normalizeText(withoutAddresses(text)), latinWord).replace(/(^| )l (?=\S)/g, '$1l');
}

function latinWord(word: string): string {
  if (/^\d+$/.test(word)) return '';
  let s = word;
  for (const [re, code] of LATIN_DIGRAPHS) s = s.replace(re, code);
  s = s.replace(/h$/, '');
  return [...s].map((ch) => LATIN_LETTERS[ch] ?? (/[a-zA-Z]/.test(ch) ? ch : '')).join('').toLowerCase();
}

function skeleton(normalized: string, letters: (word: string) => string): string {
  return normalized
    .split(' ')
    .map((word) => letters(word).replace(/(.)\1+/g, '$1'))
    .filter(Boolean)
    .join(' ');
}
