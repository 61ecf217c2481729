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

/**
 * "00" before a country code is how most of the world dials abroad ("0044 7911 123456"); libphonenumber reads it only
 * in a country whose prefix it is, so it is written as the "+" it stands for: " +" in running text (same length).
 */
const DIALLED_ABROAD = /(?<![\d+])00(?=[1-9])/g;

/** `digits` must be the message with ASCII digits and the same length as the original. */
export function findPhones(original: string, digits: string, lang?: string, country?: string): Entity[] {
  if ((digits.match(/\d/g) ?? []).length < 6) return [];
  const text = digits.replace(DIALLED_ABROAD, ' +');
  const countries = countriesFor(lang, country);
  let found = countries.length ? [] : findPhoneNumbersInText(text);
  for (const defaultCountry of countries) {
    found = findPhoneNumbersInText(text, { defaultCountry });
    if (found.length > 0) break;
  }
  return found.map((f) => {
    const start = digits.startsWith('00', f.startsAt - 1) && text[f.startsAt] === '+' ? f.startsAt - 1 : f.startsAt;
    return { type: 'phone' as const, value: f.number.number, text: original.slice(start, f.endsAt), start, end: f.endsAt };
  });
}

/**
 * One number as written in an answer (ASCII digits), in E.164 when it is a valid number: with its country code, or
 * without it in the bot's country, or in a country of the language. `undefined` when it is none of those.
 */
export function validPhone(number: string, lang?: string, country?: string): string | undefined {
  const written = number.trim().replace(DIALLED_ABROAD, '+');
  const international = written.startsWith('+');
  for (const defaultCountry of international ? [undefined] : countriesFor(lang, country)) {
    const parsed = parsePhoneNumberFromString(written, defaultCountry && { defaultCountry });
    if (parsed?.isValid()) return parsed.number;
  }
  return undefined;
}
