/**
 * Queue order for handoffs: buying intent and hot leads first (the sales team's rule), then the flow's
 * priority label, then the lead score; among equals the oldest request goes first (FIFO).
 */
export const priorityLabels = ['low', 'normal', 'high', 'urgent'] as const;
export type PriorityLabel = (typeof priorityLabels)[number];

export const labelWeight: Record<PriorityLabel, number> = { low: 10, normal: 20, high: 30, urgent: 40 };
export const BUYING_INTENT_BONUS = 100;
export const HOT_LEAD_BONUS = 50;

export type ReasonKind = 'buying_intent' | 'customer_request' | 'stuck' | 'manual' | 'flow';

const buyingPattern = /\b(buy|buying|purchase|order|checkout|pricing|quote)\b|buying intent/i;
const requestPattern = /asked for a (person|human)|customer (asked|request)|talk to|agent|human/i;
const stuckPattern = /^stuck\b|fallback|negative sentiment|failed validation/i;

/** What kind of handoff a free-text reason describes (flows write reasons as templates). */
export function classifyReason(reason: string): ReasonKind {
  if (stuckPattern.test(reason)) return 'stuck';
  if (buyingPattern.test(reason)) return 'buying_intent';
  if (/^manual\b/i.test(reason)) return 'manual';
  if (requestPattern.test(reason)) return 'customer_request';
  return 'flow';
}

export interface PriorityInput {
  reason: string;
  label?: string | null;
  leadScore?: number | null;
  /** Lead score at or above which a lead is hot (bot setting `handoff.highLeadScore`). */
  highLeadScore: number;
  /** Set when the lead (or the turn) showed buying intent, whatever the reason text says. */
  buyingIntent?: boolean;
}

export function normalizeLabel(label: string | null | undefined): PriorityLabel {
  return (priorityLabels as readonly string[]).includes(label ?? '') ? (label as PriorityLabel) : 'normal';
}

/** A number to sort by, higher first. */
export function computePriority(input: PriorityInput): number {
  const score = Math.max(0, Math.min(100, Math.round(input.leadScore ?? 0)));
  let priority = labelWeight[normalizeLabel(input.label)];
  if (input.buyingIntent || classifyReason(input.reason) === 'buying_intent') priority += BUYING_INTENT_BONUS;
  if (score >= input.highLeadScore) priority += HOT_LEAD_BONUS;
  return priority + Math.floor(score / 10);
}

/** The skill a reason needs, from the bot's `handoff.skills` map (keyword → skill); null when any agent will do. */
export function skillFor(reason: string, skills: Record<string, string>): string | null {
  const lower = reason.toLowerCase();
  for (const [keyword, skill] of Object.entries(skills)) if (lower.includes(keyword.toLowerCase())) return skill;
  return null;
}
