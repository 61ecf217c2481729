import { z } from 'zod';
import YAML from 'yaml';
import { ValidationError } from '../../core/errors';
import { isTimeZone } from '../../core/zoned-time';
import { isPhoneCountry } from '../nlu/entities/phone';

const Expectation = z.string().min(1);

const StepBase = {
  /** Each must match one of the bot's replies of this turn: `contains:TEXT` (or plain TEXT), `regex:PATTERN`, `not:TEXT`. */
  expect: z.array(Expectation).optional(),
  /** The turn visited (or stopped at) this block; in-memory driver only. */
  expectBlock: z.string().optional(),
  /** Effect types the turn produced (`handoff`, `updateLead`, ...); in-memory driver only. */
  expectEffects: z.array(z.string()).optional(),
  /** The bot says nothing this turn. */
  expectNoReply: z.boolean().optional(),
};

export const ScriptStep = z.union([
  z.object({ user: z.string().min(1), ...StepBase }),
  z.object({ postback: z.string().min(1), text: z.string().optional(), ...StepBase }),
  /** A new conversation; `true` or a start payload. */
  z.object({ start: z.union([z.literal(true), z.string()]), ...StepBase }),
  /** Moves the clock (`30m`, `25h`, `1d`) and delivers follow-ups that became due. */
  z.object({ wait: z.string().regex(/^\d+(\.\d+)?\s*(s|m|h|d)$/), ...StepBase }),
  /** A human hands the conversation back to the bot. */
  z.object({ resume: z.literal(true), ...StepBase }),
]);
export type ScriptStep = z.infer<typeof ScriptStep>;

/** A conversation test marketers can write. */
export const ConversationScript = z.object({
  name: z.string().optional(),
  /** A bot folder name under `bots/` (flow.yaml|flow.json + catalog.json). */
  bot: z.string().optional(),
  /** A flow file, relative to the script (instead of `bot`). */
  flow: z.string().optional(),
  locale: z.string().min(2),
  channel: z.string().optional(),
  seed: z.number().int().optional(),
  /** ISO time the conversation starts at (in-memory driver). */
  now: z.string().optional(),
  /** IANA time zone dates said in words are read in, as the bot's business hours' zone is in production (default: the machine's). */
  timeZone: z.string().refine(isTimeZone, { error: 'must be an IANA time zone, e.g. Europe/Warsaw' }).optional(),
  /** The bot's country (ISO 3166, `settings.nlu.country` in production): phone numbers without a code are read as its own. */
  country: z.string().refine(isPhoneCountry, { error: 'must be an ISO 3166 country code, e.g. PL' }).optional(),
  contact: z.object({ firstName: z.string().optional(), lastName: z.string().optional(), email: z.string().optional(), phone: z.string().optional() }).optional(),
  /** Canned knowledge answers for the in-memory driver: the first whose `match` (a case-insensitive regex) fits the query. */
  knowledge: z.array(z.object({ match: z.string(), answer: z.string() })).optional(),
  steps: z.array(ScriptStep).min(1),
});
export type ConversationScript = z.infer<typeof ConversationScript>;

export function parseConversationScript(text: string, source = 'script'): ConversationScript {
  let raw: unknown;
  try {
    raw = YAML.parse(text);
  } catch (e) {
    throw new ValidationError(`${source}: not valid YAML: ${(e as Error).message}`, { source }, { cause: e });
  }
  const r = ConversationScript.safeParse(raw);
  if (!r.success) {
    const msg = r.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; ');
    throw new ValidationError(`${source}: ${msg}`, { source });
  }
  return r.data;
}
