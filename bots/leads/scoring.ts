import { z } from 'zod';
import type { OutboxEvent } from '../../core/repositories/outbox';

/** Per-bot lead scoring rules, editable by admins (PUT /api/bots/:botId/lead-scoring). */
export const ScoringRulesSchema = z.object({
  /** Points when a captured field (lead field or contact column) has a value. */
  fieldPoints: z.record(z.string(), z.number().min(-1000).max(1000)).default({ email: 20, phone: 15, firstName: 5, company: 10, budget: 15 }),
  /** Points per buying-intent detection (intent name → points), counted at most `maxHitsPerIntent` times. */
  intentPoints: z.record(z.string(), z.number().min(-1000).max(1000)).default({ buy: 30, pricing: 20, demo: 25, contact_sales: 25 }),
  maxHitsPerIntent: z.number().int().min(1).max(100).default(2),
  /** Engagement: points per customer message, capped. */
  engagement: z.object({ pointsPerMessage: z.number().min(0).max(100).default(1), maxPoints: z.number().min(0).max(1000).default(20) }).default({ pointsPerMessage: 1, maxPoints: 20 }),
  /** Recency: the score halves every `halfLifeHours` without activity, down to `floor` × score. */
  recency: z.object({ halfLifeHours: z.number().positive().max(24 * 365).default(72), floor: z.number().min(0).max(1).default(0.25) }).default({ halfLifeHours: 72, floor: 0.25 }),
  maxScore: z.number().int().min(1).max(10_000).default(100),
  /** Grade thresholds (score ≥ warm → warm, ≥ hot → hot). */
  grades: z.object({ warm: z.number().default(40), hot: z.number().default(70) }).default({ warm: 40, hot: 70 }),
});
export type ScoringRules = z.infer<typeof ScoringRulesSchema>;

export const defaultScoringRules: ScoringRules = ScoringRulesSchema.parse({});

/** Rules from storage or an API body; invalid input throws a ZodError. */
export function parseScoringRules(input: unknown): ScoringRules {
  return ScoringRulesSchema.parse(input ?? {});
}

export interface LeadScoreInput {
  /** Captured lead fields and contact columns (email, phone, firstName, …). */
  fields: Record<string, unknown>;
  /** Buying-intent detections so far: intent name → count. */
  intents: Record<string, number>;
  /** Customer messages in the conversation(s). */
  messageCount: number;
  lastActivityAt: Date;
  now: Date;
}

export interface LeadScore {
  score: number;
  grade: 'cold' | 'warm' | 'hot';
  breakdown: { fields: number; intents: number; engagement: number; recencyFactor: number };
}

const hasValue = (v: unknown) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

/** Pure: the same input and rules always give the same score. */
export function scoreLead(input: LeadScoreInput, rules: ScoringRules = defaultScoringRules): LeadScore {
  let fields = 0;
  for (const [name, points] of Object.entries(rules.fieldPoints)) if (hasValue(input.fields[name])) fields += points;
  let intents = 0;
  for (const [name, count] of Object.entries(input.intents)) {
    const points = rules.intentPoints[name];
    if (points !== undefined && count > 0) intents += points * Math.min(count, rules.maxHitsPerIntent);
  }
  const engagement = Math.min(rules.engagement.maxPoints, Math.max(0, input.messageCount) * rules.engagement.pointsPerMessage);
  const idleHours = Math.max(0, (input.now.getTime() - input.lastActivityAt.getTime()) / 3_600_000);
  const recencyFactor = Math.max(rules.recency.floor, 0.5 ** (idleHours / rules.recency.halfLifeHours));
  const raw = (fields + intents + engagement) * recencyFactor;
  const score = Math.max(0, Math.min(rules.maxScore, Math.round(raw)));
  const grade = score >= rules.grades.hot ? 'hot' : score >= rules.grades.warm ? 'warm' : 'cold';
  return { score, grade, breakdown: { fields, intents, engagement, recencyFactor: Math.round(recencyFactor * 1000) / 1000 } };
}

/**
 * The `lead.score_changed` outbox event for a change, or undefined when the score did not change.
 * Append it in the turn's transaction with appendOutbox.
 */
export function scoreChangedEvent(
  lead: { id: string; botId: string; contactId: string; conversationId: string | null; version: number },
  previousScore: number,
  next: LeadScore,
): OutboxEvent | undefined {
  if (previousScore === next.score) return undefined;
  return {
    topic: 'lead.score_changed',
    botId: lead.botId,
    aggregateId: lead.id,
    idempotencyKey: `lead-score:${lead.id}:v${lead.version}`,
    payload: { leadId: lead.id, contactId: lead.contactId, conversationId: lead.conversationId, version: lead.version, previousScore, score: next.score, grade: next.grade, breakdown: next.breakdown },
  };
}
