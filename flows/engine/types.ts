import { z } from 'zod';
import { type InboundMessage, type OutboundMessage } from '../../core/messages';
import { type FlowDefinition } from '../schema/flow';
import { LocalizedText } from '../schema/localized';

/** What the NLU engine found in a message; the runtime computes it before calling `step`. A null intent is out of scope. */
export interface NluSnapshot {
  language?: { code: string; confidence: number };
  intent: { name: string; confidence: number } | null;
  /** The best intents by confidence, whatever the threshold (for "did you mean…?"). */
  ranking?: { name: string; confidence: number }[];
  entities: { type: 'email' | 'phone' | 'number' | 'money' | 'date'; value: unknown; text: string; currency?: string; grain?: 'day' | 'time'; until?: string }[];
  /** A message typed in Latin letters read as Persian or Arabic: the bot's phrase it was read as (see `NluResult.readAs`). */
  readAs?: string;
  /** The request a greeting or thanks around it was set aside from (see `NluResult.request`). */
  request?: string;
  /** The bot's out-of-scope intent the message matched (see `NluResult.outOfScope`): understood, as off topic. */
  outOfScope?: { name: string; confidence: number };
}

export const Product = z.object({
  id: z.string().min(1),
  name: LocalizedText,
  description: LocalizedText.optional(),
  price: z.number().min(0),
  currency: z.string().min(1).max(10),
  tags: z.array(z.string()),
  url: z.string().optional(),
  imageUrl: z.string().optional(),
});
export type Product = z.infer<typeof Product>;

export interface StepLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** The world of one turn, read-only. The engine never reads the clock or any other I/O itself. */
export interface StepContext {
  now: Date;
  /** The bot's IANA time zone: dates customers say ("tomorrow", "w piątek") are read on its clock; the server's when absent. */
  timeZone?: string;
  /** The bot's country (ISO 3166, "PL"): phone numbers written without a country code are read as its numbers first. */
  country?: string;
  /** The contact's language, detected or chosen; mapped onto the flow's locales (else its fallback locale). */
  locale: string;
  channel: string;
  contact: { id: string; firstName?: string; lastName?: string; email?: string; phone?: string; fields: Record<string, unknown> };
  lead: { score: number; fields: Record<string, unknown>; status?: string };
  catalog: Product[];
  /** Other flows of the bot by id, for `goto` blocks with a `flowId`. */
  flows?: Record<string, FlowDefinition>;
  logger?: StepLogger;
}

export type KnowledgeResult = { answered: boolean; text?: string; sources?: { title: string; url?: string }[]; handoff?: boolean };

export type StepInput =
  | { type: 'message'; message: InboundMessage; nlu?: NluSnapshot }
  /** A new conversation (widget opened, `/start PAYLOAD`). */
  | { type: 'start'; payload?: string }
  /** A scheduled follow-up is due. */
  | { type: 'followup'; followUpId: string; blockId: string }
  /** The answer to `StepResult.pending`. */
  | { type: 'knowledge'; result: KnowledgeResult }
  /** A human handed the conversation back to the bot. */
  | { type: 'resume' };

export type FollowUpTrigger = 'reply' | 'convert';

/** Side effects of a turn, applied by the runtime (in the same transaction as the messages and state). */
export type Effect =
  | { type: 'updateContact'; fields: Record<string, unknown> }
  | { type: 'updateLead'; fields: Record<string, unknown>; scoreDelta?: number; status?: string }
  | { type: 'handoff'; reason: string; priority: 'low' | 'normal' | 'high' | 'urgent'; note?: string }
  | { type: 'crm'; action: string; payload: Record<string, unknown> }
  | { type: 'webhook'; url?: string; event: string; payload: Record<string, unknown> }
  | { type: 'scheduleFollowUp'; id: string; blockId: string; delayMs: number; cancelOn: FollowUpTrigger[] }
  | { type: 'cancelFollowUps'; reason: FollowUpTrigger | 'optOut'; ids: string[] }
  | { type: 'experiment'; experimentId: string; variant: string }
  | { type: 'optOut' }
  | { type: 'restart' }
  | { type: 'conversion'; value?: number }
  | { type: 'log'; level: 'warn' | 'error'; message: string; blockId?: string }
  /** An intent router could not route the customer's message for sure, for marketers to review (see `intent_misses`). */
  | { type: 'intentMissed'; flowId: string; blockId: string; reason: 'no_intent' | 'unsure'; language?: string; guesses: { name: string; confidence: number }[] }
  /** The customer pressed an intent's button (`intent:NAME`), as a "did you mean…?" question offers them. */
  | { type: 'intentChosen'; blockId: string; intent: string };

/** Conversation state between turns; JSON, stored in a jsonb column. */
export const FlowState = z.object({
  v: z.literal(1),
  /** The flow the conversation is in (changes on `goto` with a `flowId`). */
  flowId: z.string(),
  /** The block waiting for input (or a knowledge answer); null when the conversation has ended. */
  current: z.string().nullable(),
  waitingFor: z.enum(['input', 'knowledge']).nullable(),
  /** `handoff`: a human has it, the bot is silent until a `resume` input. */
  status: z.enum(['bot', 'handoff']),
  /** Where to continue after a handoff. */
  resumeAt: z.string().nullable(),
  /** The question a digression left: asked again when the digression is over (see `Interpreter.digress`). */
  digressedFrom: z.string().optional(),
  optedOut: z.boolean(),
  vars: z.record(z.string(), z.unknown()),
  retries: z.record(z.string(), z.number()),
  /** Per date-and-time question, the day the customer said without a time (`YYYY-MM-DD`): a time said next is on it. */
  daysWithoutTime: z.record(z.string(), z.string()).optional(),
  experiments: z.record(z.string(), z.string()),
  followUps: z.record(z.string(), z.object({ blockId: z.string(), cancelOn: z.array(z.enum(['reply', 'convert'])) })),
  /** Seeded random generator state (uint32). */
  rng: z.number().int(),
  /** Counter for deterministic ids (follow-ups). */
  seq: z.number().int(),
  /** The customer's last text, the default knowledge query. */
  lastText: z.string().optional(),
});
export type FlowState = z.infer<typeof FlowState>;

export interface StepResult {
  state: FlowState;
  outputs: OutboundMessage[];
  effects: Effect[];
  /** Set when the runtime must answer a knowledge query and call `step` again with a `knowledge` input. */
  pending?: { type: 'knowledge'; blockId: string; query: string; locale: string };
  /** Block ids visited this turn, in order. */
  trace: string[];
}
