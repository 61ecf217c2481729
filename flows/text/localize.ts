import { type LocalizedText } from '../schema/localized';

/**
 * Picks the variant of a localized text for `locale`: exact, then the base language (`pt-BR` → `pt`),
 * then the flow's fallback locale, then the first variant.
 */
export function pickLocale(text: LocalizedText, locale: string, fallbackLocale: string): string {
  if (typeof text === 'string') return text;
  const exact = text[locale];
  if (exact !== undefined) return exact;
  const dash = locale.indexOf('-');
  if (dash > 0) {
    const base = text[locale.slice(0, dash)];
    if (base !== undefined) return base;
  }
  const fb = text[fallbackLocale];
  if (fb !== undefined) return fb;
  for (const key in text) return text[key];
  return '';
}

/** The flow's locale that serves `requested` (exact or base language), else the fallback locale. */
export function resolveLocale(requested: string | undefined, locales: readonly string[], fallbackLocale: string): string {
  if (!requested) return fallbackLocale;
  const lower = requested.toLowerCase();
  for (const l of locales) if (l.toLowerCase() === lower) return l;
  const base = lower.split(/[-_]/)[0];
  for (const l of locales) if (l.toLowerCase() === base) return l;
  return fallbackLocale;
}
