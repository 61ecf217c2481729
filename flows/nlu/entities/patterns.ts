/** Pieces of the entity finders' regular expressions. */

/** Before a word: not preceded by a letter or digit (lookbehind, so the match starts at the word). */
export const WORD_START = String.raw`(?<![\p{L}\p{N}])`;
/** After a word: not followed by a letter or digit. */
export const WORD_END = String.raw`(?![\p{L}\p{N}])`;

/** Alternation of words, escaped and longest first, so "pojutrze" is tried before "jutro" and "tys." matches its dot. */
export function alternation(words: Iterable<string>): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
}
