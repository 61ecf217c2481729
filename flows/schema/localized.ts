import { z } from 'zod';

/** A text shown to customers: one string for every locale, or one variant per locale (`{ en: 'Hi', pl: 'Cześć' }`). */
export const LocalizedText = z.union([
  z.string().min(1, { error: 'must not be empty' }),
  z.record(z.string().min(2).max(20), z.string().min(1, { error: 'must not be empty' })),
]);
export type LocalizedText = z.infer<typeof LocalizedText>;

/** Locale code: `en`, `pl`, `pt-BR`. */
export const LocaleCode = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: 'must be a locale code like "en" or "pt-BR"' });
