import { asciiDigits } from '../nlu/normalize';

const ARABIC_MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;
const ZERO_WIDTH = /[\u200b-\u200f\u2060\ufeff]/g;
const LATIN_MARKS = /[\u0300-\u036f]/g;
const LETTER_UNIFY: Record<string, string> = {
  'ي': 'ی', 'ى': 'ی', 'ئ': 'ی', 'ك': 'ک', 'ة': 'ه', 'ۀ': 'ه', 'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ؤ': 'و',
};

/**
 * A small normaliser for matching commands and answers: lower case, Latin diacritics folded (ł → l),
 * Arabic/Persian letter variants unified (ي→ی, ك→ک, ...), harakat and ZWNJ removed, digits to ASCII,
 * punctuation to spaces, whitespace collapsed.
 */
export function normalize(text: string): string {
  return asciiDigits(text.normalize('NFKC'))
    .toLowerCase()
    .replace(ARABIC_MARKS, '')
    .replace(ZERO_WIDTH, '')
    .replace(/[يىئكةۀأإآٱؤ]/g, (c) => LETTER_UNIFY[c] ?? c)
    .normalize('NFD')
    .replace(LATIN_MARKS, '')
    .normalize('NFC')
    .replace(/ł/g, 'l')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
