/** Pieces of the entity finders' regular expressions. */

/** Before a word: not preceded by a letter or digit (lookbehind, so the match starts at the word). */
export const WORD_START = String.raw`(?<![\p{L}\p{N}])`;
/** After a word: not followed by a letter or digit. */
export const WORD_END = String.raw`(?![\p{L}\p{N}])`;

/**
 * `pattern` after one of the words of `before` (an alternation), or as a whole message, end punctuation aside, or at
 * its start and followed by a time (`timeAfter`, an alternation of the words a time starts with: "dwunastego o 15"): how a day
 * of the month said alone is told from an ordinal that counts something ("na dwunastego", "dwunastego", not
 * "dwunastego klienta"). The capture groups of `pattern` are its own.
 */
export function afterWordOrAlone(before: string, pattern: string, timeAfter?: string): string {
  const uncaptured = pattern.replace(/\((?!\?)/g, '(?:');
  return `(?:(?<=${WORD_START}(?:${before})\\s+)|^\\s*(?=${uncaptured}(?:${endOrTime(timeAfter)})))${pattern}${WORD_END}`;
}

/** What may follow a day said alone: the end of the message (end punctuation aside), or a time starting with a word of `timeAfter`. */
export function endOrTime(timeAfter?: string): string {
  return `\\s*[.!?؟]*\\s*$${timeAfter ? `|\\s*[,،]?\\s*(?:${timeAfter})${WORD_END}` : ''}`;
}

/** Alternation of words, escaped and longest first, so "pojutrze" is tried before "jutro" and "tys." matches its dot. */
export function alternation(words: Iterable<string>): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
}
