import { z } from 'zod';
import { isTimeZone } from '../../core/zoned-time';

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { error: 'must be HH:MM' });
const interval = z.tuple([time, time]);
export const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof weekdays)[number];

/** Opening hours in the bot's IANA time zone; no `hours` means always open. */
export const BusinessHours = z.object({
  timeZone: z.string().refine(isTimeZone, { error: 'must be an IANA time zone, e.g. Europe/Warsaw' }).default('UTC'),
  /** Per weekday, a list of [open, close] local times; a missing day is closed. */
  hours: z.partialRecord(z.enum(weekdays), z.array(interval)).optional(),
  /** Local dates (YYYY-MM-DD) that are closed all day. */
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
});
export type BusinessHours = z.infer<typeof BusinessHours>;

/** `bots.settings.handoff`: routing, SLA, notices and CSAT for one bot. */
export const HandoffSettings = z.object({
  businessHours: BusinessHours.prefault({}),
  /** Give queued conversations to online agents automatically (else agents claim them). */
  autoAssign: z.boolean().default(true),
  /** The assigned agent must reply within this many seconds, or the conversation goes back to the queue. */
  firstResponseSlaSeconds: z.number().int().min(10).max(86400).default(180),
  /** Waiting longer than this raises an alert to admins. */
  queueAlertSeconds: z.number().int().min(10).max(86400).default(600),
  /** Rough handling time per conversation for the ETA told to the customer. */
  minutesPerConversation: z.number().min(0.5).max(240).default(4),
  /** A lead score at or above this counts as a hot lead and jumps the queue. */
  highLeadScore: z.number().int().min(0).default(60),
  /** Stuck detection: hand off after this many fallbacks / failed validations in a row, or on negative sentiment. */
  stuck: z
    .object({
      enabled: z.boolean().default(true),
      maxFallbacks: z.number().int().min(1).max(20).default(3),
      maxFailedValidations: z.number().int().min(1).max(20).default(3),
      negativeSentiment: z.boolean().default(true),
    })
    .prefault({}),
  /** Ask "how did we do" (1-5) after an agent closes a conversation. */
  csat: z.boolean().default(true),
  /** Skill needed per handoff reason keyword, e.g. { "order": "sales" }. */
  skills: z.record(z.string(), z.string()).default({}),
});
export type HandoffSettings = z.infer<typeof HandoffSettings>;

/** Reads `settings.handoff` of a bot; malformed settings fall back to defaults rather than breaking the inbox. */
export function readHandoffSettings(botSettings: unknown): HandoffSettings {
  const raw = botSettings && typeof botSettings === 'object' ? (botSettings as Record<string, unknown>).handoff : undefined;
  const parsed = HandoffSettings.safeParse(raw ?? {});
  return parsed.success ? parsed.data : HandoffSettings.parse({});
}

/** The bot's clock: the time zone of its business hours, which dates customers say are also read in. */
export function botTimeZone(botSettings: unknown): string {
  return readHandoffSettings(botSettings).businessHours.timeZone;
}
