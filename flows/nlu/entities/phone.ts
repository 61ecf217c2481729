import { findPhoneNumbersInText, isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { Entity } from './types.js';

/**
 * Where a number written without its country code ("0501234567") is tried, by the message's language: Arabic is tried
 * in Saudi Arabia, the UAE and Egypt, in that order (the first that reads a number wins).
 */
const HOME_COUNTRIES: Record<string, CountryCode[]> = { pl: ['PL'], fa: ['IR'], ar: ['SA', 'AE', 'EG'] };

/** Whether `code` is an ISO 3166 country whose phone numbers we can read ("PL", "US"). */
export function isPhoneCountry(code: string): boolean {
  return isSupportedCountry(code);
}

/** The bot's own country first, then those guessed from the language. */
function countriesFor(lang: string | undefined, country: string | undefined): CountryCode[] {
  const guessed = (lang && HOME_COUNTRIES[lang]) || [];
  return country && isSupportedCountry(country) ? [country, ...guessed.filter((c) => c !== country)] : guessed;
}

/** `digits` must be the message with ASCII digits and the same length as the original. */
export function findPhones(original: string, digits: string, lang?: string, country?: string): Entity[] {
  if ((digits.match(/\d/g) ?? []).length < 6) return [];
  const countries = countriesFor(lang, country);
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

/**
 * One number as written in an answer (ASCII digits), in E.164 when it is a valid number: with its country code, or
 * without it in the bot's country, or in a country of the language. `undefined` when it is none of those.
 */
export function validPhone(number: string, lang?: string, country?: string): string | undefined {
  const international = number.trim().startsWith('+');
  for (const defaultCountry of international ? [undefined] : countriesFor(lang, country)) {
    const parsed = parsePhoneNumberFromString(number, defaultCountry && { defaultCountry });
    if (parsed?.isValid()) return parsed.number;
  }
  return undefined;
}
