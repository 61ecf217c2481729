import { asciiDigits } from '../normalize.js';
import { findDates } from './dates.js';
import { findEmails } from './email.js';
import { findMoney, findNumbers } from './money.js';
import { findPhones } from './phone.js';
import { findNumberWords } from './spelled-numbers.js';
import type { Entity } from './types.js';

export type { Entity } from './types.js';

/** Where and when a message is read. */
export interface EntityContext {
  /** Anchors relative dates ("tomorrow"); now by default. */
  now?: Date;
  /** The clock dates are read on (the server's without one). */
  timeZone?: string;
  /**
   * The bot's country (ISO 3166): phone numbers without a country code are read as its numbers first, and currency
   * words several countries use as its currency.
   */
  country?: string;
}

/** A message of numbers ("1 1 1 …") yields no more than this many entities, so what a turn stores stays small. */
const MAX_ENTITIES = 50;

/**
 * Finds emails, phone numbers, money amounts, dates and plain numbers (in digits, or in words of `lang`) in a message.
 * Spans never overlap: earlier kinds win (email, phone, money, date, number). At most the first 50 are kept.
 * `lang` picks the date parser, the phone countries tried after the bot's own, and the riyal currency; `country` the
 * currency of words several countries use (dinar, lira, riyal, dirham).
 */
export function extractEntities(text: string, lang?: string, where: EntityContext = {}): Entity[] {
  const { now = new Date(), timeZone, country } = where;
  const digits = asciiDigits(text);
  const kept: Entity[] = [];
  const add = (list: Entity[]) => {
    for (const e of list) if (!kept.some((k) => e.start < k.end && e.end > k.start)) kept.push(e);
  };
  add(findEmails(text));
  add(findPhones(text, digits, lang, country));
  add(findMoney(text, digits, lang, country));
  add(findDates(text, digits, lang, now, timeZone));
  add(findNumbers(text, digits));
  add(findNumberWords(text, lang));
  return kept.sort((a, b) => a.start - b.start).slice(0, MAX_ENTITIES);
}
