import type { Entity } from './types.js';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

/** "(at)", "[at]", and the word "at" or the Polish "małpa" (the @ sign). */
const AT = String.raw`\s*[([{<]\s*at\s*[)\]}>]\s*|\s+(?:at|ma[lł]pa)\s+|@`;
/** ".", "(dot)", "[dot]", and the word "dot" or the Polish "kropka". */
const DOT = String.raw`\s*[([{<]\s*dot\s*[)\]}>]\s*|\s+(?:dot|kropka)\s+|\.`;
const PART = String.raw`[\p{L}\p{N}_%+-]+`;
/**
 * Top-level domains a spelled-out address may end with: common generic ones, and any country's two letters. Without the
 * list, "reach me at jane dot doe at example dot com" was "me@jane.doe".
 */
const TLD = String.raw`(?:com|org|net|edu|gov|info|biz|io|ai|app|dev|online|site|shop|store|xyz|tech|email|name|pro|\p{L}{2})`;
const SPELLED_EMAIL = new RegExp(String.raw`(?<![\p{L}\p{N}._%+-])(${PART}(?:(?:${DOT})${PART})*)(${AT})(${PART}(?:(?:${DOT})${PART})*(?:${DOT})${TLD})(?![\p{L}\p{N}])`, 'giu');
const DOTS = new RegExp(DOT, 'giu');
/** What only a spelled-out address holds: a bracketed "(at)" or "(dot)", or the word "dot" or "kropka". */
const SPELLED_OUT = /[([{<]|\s(?:dot|kropka)\s/iu;

/**
 * Addresses spelled out to get past spam filters, "john at gmail dot com", "jan(at)wp.pl", "jan.kowalski małpa wp.pl":
 * written with "@" and "." they are what they stand for. In a message, a plain " at " needs a spelled dot ("look at
 * google.com" is no address); in an answer to a question for an address (`answering`), it does not ("john at gmail.com").
 */
function spelledEmails(text: string, answering: boolean): Entity[] {
  const out: Entity[] = [];
  for (const m of text.matchAll(SPELLED_EMAIL)) {
    const [said, local, at, domain] = m;
    if (at === '@' && !SPELLED_OUT.test(said)) continue;
    const wordAt = /^\s+at\s+$/i.test(at);
    if (wordAt && !answering && !SPELLED_OUT.test(domain)) continue;
    const start = m.index;
    out.push({ type: 'email', value: `${local.replace(DOTS, '.')}@${domain.replace(DOTS, '.')}`.toLowerCase(), text: said, start, end: start + said.length });
  }
  return out;
}

/** What every address, written or spelled out, holds: an "@", or the word "at" or "małpa". */
const MAY_HOLD_ADDRESS = /@|(?<![\p{L}\p{N}])(?:at|ma[lł]pa)(?![\p{L}\p{N}])/iu;

/** Email addresses in a message, as written or spelled out (see {@link spelledEmails}). */
export function findEmails(text: string, answering = false): Entity[] {
  if (!MAY_HOLD_ADDRESS.test(text)) return [];
  const out: Entity[] = [];
  for (const m of text.matchAll(EMAIL)) {
    const start = m.index ?? 0;
    out.push({ type: 'email', value: m[0].toLowerCase(), text: m[0], start, end: start + m[0].length });
  }
  for (const e of spelledEmails(text, answering)) if (!out.some((o) => e.start < o.end && e.end > o.start)) out.push(e);
  return out.sort((a, b) => a.start - b.start);
}
