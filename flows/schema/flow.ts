import { z } from 'zod';
import { Block } from '../blocks/schemas';
import { BlockId } from './common';
import { LocaleCode, LocalizedText } from './localized';

/** The schema version this code writes. Older versions are upgraded by `migrateFlow` on load. */
export const CURRENT_SCHEMA_VERSION = 2;

export const FlowIntent = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_.-]{0,63}$/, { error: 'must be lower case letters, digits, _ . -' }),
  description: z.string().max(500).optional(),
  /** What buttons that offer this intent say ("did you mean…?"); default: its first example phrase. */
  label: LocalizedText.optional(),
  /** Example phrases per locale; the NLU engine trains from these. */
  examples: z.record(z.string(), z.array(z.string().min(1).max(500))),
  /** Buying intents can raise the lead score and trigger a handoff to sales. */
  buying: z.boolean().optional(),
  /**
   * Phrases the bot should not take for any intent (weather, jokes, sports). When they match best the message gets
   * "no intent", as when nothing matches; such an intent cannot be routed or be a buying intent.
   */
  outOfScope: z.boolean().optional(),
});
export type FlowIntent = z.infer<typeof FlowIntent>;

const PhraseLists = z.record(z.string(), z.array(z.string().min(1).max(100)));

export const FlowSettings = z.object({
  /** Said when the flow cannot continue (loop protection, broken state). */
  fallbackText: LocalizedText.optional(),
  /** Blocks one turn may visit without waiting for input (default 50). */
  maxBlocksPerTurn: z.number().int().min(1).max(1000).optional(),
  /** Extra global command phrases per locale; `replaceDefaults` drops the built-in ones. */
  commands: z
    .object({
      handoff: PhraseLists.optional(),
      optOut: PhraseLists.optional(),
      restart: PhraseLists.optional(),
      replaceDefaults: z.boolean().optional(),
    })
    .optional(),
  /** Intents that ask for a human from anywhere in the flow (e.g. `human`). */
  handoffIntents: z.array(z.string()).optional(),
  handoffText: LocalizedText.optional(),
  optOutText: LocalizedText.optional(),
  retryText: LocalizedText.optional(),
  /** Where a message goes when the conversation has ended (default: the start). */
  idleBlock: BlockId.optional(),
  /** Start payload (deep link, campaign) → block. */
  entryPoints: z.record(z.string(), BlockId).optional(),
  /** IANA time zone for `time.*` conditions (default UTC). */
  timezone: z.string().optional(),
});
export type FlowSettings = z.infer<typeof FlowSettings>;

/** A conversation graph: blocks with transitions by block id. See `flows/README.md`. */
export const FlowDefinition = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION, { error: `must be ${CURRENT_SCHEMA_VERSION}` }),
  id: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, { error: 'must be 1-100 characters of letters, digits, _ . -' }),
  name: z.string().min(1).max(200),
  description: z.string().max(2000).optional(),
  start: BlockId,
  fallbackLocale: LocaleCode,
  locales: z.array(LocaleCode).min(1),
  blocks: z.array(Block).min(1),
  intents: z.array(FlowIntent).default([]),
  settings: FlowSettings.optional(),
});
export type FlowDefinition = z.infer<typeof FlowDefinition>;
/** A flow as written, before defaults. */
export type FlowDefinitionInput = z.input<typeof FlowDefinition>;
