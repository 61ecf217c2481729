import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js';
import type { Entity } from './types.js';

/**
 * Where a number written without its country code ("0501234567") is tried, by the message's language: Arabic is tried
 * in Saudi Arabia, the UAE and Egypt, in that order (the first that reads a number wins).
 */
const HOME_COUNTRIES: Record<string, CountryCode[]> = { pl: ['PL'], fa: ['IR'], ar: ['SA', 'AE', 'EG'] };

/** `digits` must be the message with ASCII digits and the same length as the original. */
export function findPhones(original: string, digits: string, lang?: string): Entity[] {
  if ((digits.match(/\d/g) ?? []).length < 6) return [];
  const countries = (lang && HOME_COUNTRIES[lang]) || [];
  let found = countries.length ? [] : findPhoneNumbersInText(digits);
  for (const defaultCountry of countries) {
    found = findPhoneNumbersInText(digits, { defaultCountry });
    if (found.length > 0) break;
  }
  return found.map((f) => ({
    type: 'phone' as const,
    value: f.number.number,
    text: original.slice(f.startsAt, f.endsAt),
    start: f.startsAt,
    end: f.endsAt,
  }));
}
