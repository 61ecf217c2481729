import { z } from 'zod';
import { Product } from '../flows/index';
import { isPhoneCountry } from '../flows/nlu/index';

/** Per-bot settings, stored in `bots.settings`. Unknown keys are kept so newer versions can add settings. */
export const BotSettings = z.looseObject({
  languages: z.array(z.string()).default(['en']),
  defaultLocale: z.string().default('en'),
  brandVoice: z
    .object({
      name: z.string().default('Assistant'),
      tone: z.string().default('friendly and concise'),
      do: z.array(z.string()).default([]),
      dont: z.array(z.string()).default([]),
    })
    .prefault({}),
  /** Tells customers they talk to an AI; shown by the flow's consent step and the widget. */
  disclosure: z.record(z.string(), z.string()).default({}),
  nlu: z
    .object({
      /** Confidence the bot's intents together need, else "no intent" (default 0.5); the likeliest of them wins. */
      oosThreshold: z.number().min(0).max(1).optional(),
      /** Below this confidence the bot's chat model, when there is one, chooses the intent (default 0.7; 0 never asks). */
      llmBelow: z.number().min(0).max(1).optional(),
      /** The country the bot serves (ISO 3166, "PL"): phone numbers written without a country code are read as its own. */
      country: z.string().refine(isPhoneCountry, { error: 'must be an ISO 3166 country code, e.g. PL' }).optional(),
    })
    .prefault({}),
  llm: z
    .object({
      enabled: z.boolean().default(true),
      model: z.string().optional(),
      topics: z.array(z.string()).default([]),
      maxTokensPerTurn: z.number().int().positive().default(800),
      maxTokensPerDay: z.number().int().positive().default(200000),
    })
    .prefault({}),
  catalog: z.array(Product).default([]),
});
export type BotSettings = z.infer<typeof BotSettings>;

/** Settings as stored, with defaults filled in; a malformed value falls back to defaults rather than breaking turns. */
export function readBotSettings(raw: unknown): BotSettings {
  const parsed = BotSettings.safeParse(raw ?? {});
  return parsed.success ? parsed.data : BotSettings.parse({});
}
