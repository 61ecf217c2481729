const ARABIC_INDIC_ZERO = 0x0660;
const PERSIAN_ZERO = 0x06f0;

/** Harakat, Quranic marks, superscript alef, tatweel. */
const ARABIC_MARKS = /(?=\p{Script_Extensions=Arabic})\p{Mn}|\u0640/gu;
const ZERO_WIDTH = /\u200b|\u200c|\u200d|\u200e|\u200f|\u2060|\ufeff/g;
const LATIN_MARKS = /[\u0300-\u036f]/g;

/** Maps Arabic-Indic and Persian digits to ASCII; keeps string length so offsets stay valid. */
export function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => {
    const c = d.charCodeAt(0);
    return String(c >= PERSIAN_ZERO ? c - PERSIAN_ZERO : c - ARABIC_INDIC_ZERO);
  }).replace(/[\u066b]/g, '.').replace(/[\u066c]/g, ',');
}

const TO_PERSIAN: Record<string, string> = { 'ي': 'ی', 'ى': 'ی', 'ك': 'ک', 'ة': 'ه', 'ۀ': 'ه', 'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ؤ': 'و', 'ئ': 'ی' };
const TO_ARABIC: Record<string, string> = { 'ی': 'ي', 'ى': 'ي', 'ک': 'ك', 'ة': 'ه', 'ۀ': 'ه', 'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ؤ': 'و', 'ئ': 'ي' };

/**
 * Normalises a message for matching: lower case, Latin diacritics folded (ł → l),
 * Arabic/Persian letter variants unified (Persian forms when `lang` is 'fa', Arabic forms otherwise),
 * harakat, tatweel and zero-width characters removed, Arabic-Indic/Persian digits mapped to ASCII,
 * punctuation replaced by spaces and whitespace collapsed.
 */
export function normalizeText(text: string, lang?: string): string {
  const table = lang === 'fa' ? TO_PERSIAN : TO_ARABIC;
  let s = asciiDigits(text.normalize('NFKC'))
    .toLowerCase()
    .replace(ARABIC_MARKS, '')
    .replace(ZERO_WIDTH, '')
    .replace(/[يىكةۀأإآٱؤئیک]/g, (c) => table[c] ?? c)
    .normalize('NFD')
    .replace(LATIN_MARKS, '')
    .normalize('NFC')
    .replace(/ł/g, 'l')
    .replace(/ß/g, 'ss')
    .replace(/['’`´]/g, '');
  s = s.replace(/[^\p{L}\p{N}]+/gu, ' ');
  return s.trim();
}
