import { extractEntities, findEmails } from '../nlu/index.js';
import { asciiDigits } from '../nlu/normalize.js';

export type PiiKind = 'EMAIL' | 'PHONE' | 'CARD' | 'IBAN' | 'ID';

/**
 * Placeholder ↔ original value, for one turn. The same value always gets the same placeholder, so the model
 * can still refer to "[EMAIL_1]"; originals never leave our process except restored into our own replies.
 */
export class PiiVault {
  private readonly byPlaceholder = new Map<string, string>();
  private readonly byValue = new Map<string, string>();
  private readonly counters = new Map<PiiKind, number>();

  placeholder(kind: PiiKind, value: string): string {
    const key = `${kind}:${value.replace(/[\s().-]/g, '').toLowerCase()}`;
    const known = this.byValue.get(key);
    if (known) return known;
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    const placeholder = `[${kind}_${n}]`;
    this.byValue.set(key, placeholder);
    this.byPlaceholder.set(placeholder, value);
    return placeholder;
  }

  original(placeholder: string): string | undefined {
    return this.byPlaceholder.get(placeholder);
  }

  get size(): number {
    return this.byPlaceholder.size;
  }

  /** Counts per kind, for logs (never the values). */
  summary(): Partial<Record<PiiKind, number>> {
    return Object.fromEntries(this.counters);
  }
}

const PLACEHOLDER = /\[(EMAIL|PHONE|CARD|IBAN|ID)_(\d+)\]/g;

/** Luhn checksum (payment cards). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length >= 12 && sum % 10 === 0;
}

/** Polish PESEL (11 digits, weighted checksum). */
export function peselValid(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  const w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
  const sum = w.reduce((s, weight, i) => s + weight * Number(digits[i]), 0);
  return (10 - (sum % 10)) % 10 === Number(digits[10]);
}

/** Iranian national code (کد ملی, 10 digits, mod-11 checksum). */
export function iranianNationalCodeValid(digits: string): boolean {
  if (!/^\d{10}$/.test(digits) || /^(\d)\1{9}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(digits[i]) * (10 - i);
  const r = sum % 11;
  const check = Number(digits[9]);
  return r < 2 ? check === r : check === 11 - r;
}

interface Span {
  start: number;
  end: number;
  kind: PiiKind;
}

/**
 * Replaces personal data with placeholders: payment cards (Luhn), IBANs, national ids (PESEL, Iranian national
 * code), emails (also "john at gmail.com") and phone numbers (the NLU entity extractors), and any other run of 9+ digits.
 * Arabic-Indic and Persian digits count as digits.
 */
export function maskPii(text: string, vault: PiiVault, lang?: string): string {
  if (!text) return text;
  const digits = asciiDigits(text);
  const spans: Span[] = [];
  const free = (start: number, end: number) => !spans.some((s) => start < s.end && end > s.start);
  const add = (start: number, end: number, kind: PiiKind) => {
    if (end > start && free(start, end)) spans.push({ start, end, kind });
  };
  for (const m of digits.matchAll(/(?<![\p{L}\p{N}])\d(?:[ -]?\d){11,18}(?![\p{L}\p{N}])/gu)) {
    if (luhnValid(m[0].replace(/\D/g, ''))) add(m.index!, m.index! + m[0].length, 'CARD');
  }
  for (const m of digits.matchAll(/(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}(?![\p{L}\p{N}])/gu)) add(m.index!, m.index! + m[0].length, 'IBAN');
  for (const m of digits.matchAll(/(?<![\p{L}\p{N}])\d{10,11}(?![\p{L}\p{N}])/gu)) {
    if (peselValid(m[0]) || iranianNationalCodeValid(m[0])) add(m.index!, m.index! + m[0].length, 'ID');
  }
  for (const e of extractEntities(text, lang)) {
    if (e.type === 'email') add(e.start, e.end, 'EMAIL');
    else if (e.type === 'phone') add(e.start, e.end, 'PHONE');
  }
  // Read as an answer would be: "john at gmail.com" in a message is no address to the NLU, but masking errs on the safe side.
  for (const e of findEmails(text, true)) add(e.start, e.end, 'EMAIL');
  for (const m of digits.matchAll(/(?<![\p{L}\p{N}])\+?\(?\d[\d ().-]{7,}\d(?![\p{L}\p{N}])/gu)) {
    const count = m[0].replace(/\D/g, '').length;
    if (count >= 9 && count <= 15 && /[ ().-]|^\+/.test(m[0])) add(m.index!, m.index! + m[0].length, 'PHONE');
  }
  for (const m of digits.matchAll(/\d{9,}/g)) add(m.index!, m.index! + m[0].length, 'ID');
  if (!spans.length) return text;
  spans.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + vault.placeholder(s.kind, text.slice(s.start, s.end));
    at = s.end;
  }
  return out + text.slice(at);
}

/** Puts the originals back into text produced from masked input. Unknown placeholders are left as they are. */
export function restorePii(text: string, vault: PiiVault): string {
  return text.replace(PLACEHOLDER, (whole) => vault.original(whole) ?? whole);
}

/** True when the text still contains something {@link maskPii} would mask. */
export function containsPii(text: string, lang?: string): boolean {
  const vault = new PiiVault();
  maskPii(text, vault, lang);
  return vault.size > 0;
}
