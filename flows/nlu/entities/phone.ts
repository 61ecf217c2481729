import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js';
import type { Entity } from './types.js';

const DEFAULT_COUNTRY: Record<string, CountryCode> = { pl: 'PL', fa: 'IR' };

/** `digits` must be the message with ASCII digits and the same length as the original. */
export function findPhones(original: string, digits: string, lang?: string): Entity[] {
  if ((digits.match(/\d/g) ?? []).length < 6) return [];
  const defaultCountry = lang ? DEFAULT_COUNTRY[lang] : undefined;
  const found = defaultCountry ? findPhoneNumbersInText(digits, { defaultCountry }) : findPhoneNumbersInText(digits);
  return found.map((f) => ({
    type: 'phone' as const,
    value: f.number.number,
    text: original.slice(f.startsAt, f.endsAt),
    start: f.startsAt,
    end: f.endsAt,
  }));
}
