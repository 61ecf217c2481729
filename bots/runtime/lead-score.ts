import type { Transaction } from '../../core/db/client';
import type { ContactRow } from '../../core/repositories/contacts';
import { recordLeadActivity, setLeadScore, upsertLead, type LeadRow } from '../../core/repositories/leads';
import { appendOutbox, type OutboxEvent } from '../../core/repositories/outbox';
import { loadScoringRules } from '../leads/rules';
import { scoreChangedEvent, scoreLead } from '../leads/scoring';
import { leadUpdatedEvent } from './lead-events';

export interface LeadScoreInput {
  botId: string;
  contact: ContactRow;
  conversationId: string;
  /** The contact's lead after this turn's effects, if there is one. */
  lead?: LeadRow;
  /** A buying intent detected in this turn's message; it creates the lead when there is none yet. */
  buyingIntent?: string;
  customerMessage: boolean;
  now: Date;
}

/**
 * Re-scores the contact's lead with the bot's rules (captured fields, buying intents, engagement, recency)
 * plus the flow's own adjustments. A changed score is a new lead version with `lead.score_changed` and
 * `lead.updated` outbox events, in the turn's transaction. Returns how many outbox events it appended.
 */
export async function refreshLeadScore(tx: Transaction, input: LeadScoreInput): Promise<number> {
  let lead = input.lead;
  if (!lead && input.buyingIntent) lead = await upsertLead(tx, { botId: input.botId, contactId: input.contact.id, conversationId: input.conversationId });
  if (!lead) return 0;
  lead = await recordLeadActivity(tx, lead.id, { at: input.now, buyingIntent: input.buyingIntent, messages: input.customerMessage ? 1 : 0 });
  const rules = await loadScoringRules(tx, input.botId);
  const { firstName, lastName, email, phone } = input.contact;
  const rated = scoreLead(
    { fields: { firstName, lastName, email, phone, ...input.contact.fields, ...lead.fields }, intents: lead.intentHits, messageCount: lead.messageCount, lastActivityAt: lead.lastActivityAt, now: input.now },
    rules,
  );
  const total = Math.max(0, Math.min(rules.maxScore, rated.score + lead.scoreAdjustment));
  if (total === lead.score) return 0;
  const previous = lead.score;
  lead = await setLeadScore(tx, lead.id, total);
  const events: OutboxEvent[] = [leadUpdatedEvent(lead)];
  const changed = scoreChangedEvent(lead, previous, { ...rated, score: total });
  if (changed) events.push(changed);
  await appendOutbox(tx, events);
  return events.length;
}
