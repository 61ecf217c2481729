import type { Transaction } from '../../core/db/client';
import type { Logger } from '../../core/logger';
import { updateContact, type ContactPatch, type ContactRow } from '../../core/repositories/contacts';
import { transitionOwner, type ConversationRow } from '../../core/repositories/conversations';
import { recordConversationEvent } from '../../core/repositories/events';
import { noteChosenIntent, recordIntentMiss } from '../../core/repositories/intent-misses';
import { cancelFollowUps, scheduleFollowUp } from '../../core/repositories/follow-ups';
import { upsertLead, type LeadRow } from '../../core/repositories/leads';
import { appendOutbox, type OutboxEvent } from '../../core/repositories/outbox';
import type { Effect } from '../../flows/index';
import { leadUpdatedEvent } from './lead-events';

export interface EffectScope {
  botId: string;
  contact: ContactRow;
  conversation: ConversationRow;
  now: Date;
  logger: Logger;
  /** The customer's message of the turn, when a message started it. */
  inboundMessageId?: number;
}

export interface EffectsOutcome {
  contact: ContactRow;
  lead?: LeadRow;
  /** Set when a handoff moved the conversation to the queue. */
  handedOff?: { reason: string; priority: string };
  /** Outbox events appended (CRM, webhooks, handoff notifications). */
  outboxEvents: number;
}

const contactColumns = ['firstName', 'lastName', 'email', 'phone', 'locale'] as const;

/**
 * Applies the flow's effects inside the turn's transaction; everything that must leave the process
 * (CRM, webhooks, handoff notifications) becomes an outbox row with a deterministic idempotency key.
 */
export async function applyEffects(tx: Transaction, effects: Effect[], scope: EffectScope): Promise<EffectsOutcome> {
  const outcome: EffectsOutcome = { contact: scope.contact, outboxEvents: 0 };
  const outboxEvents: OutboxEvent[] = [];
  const base = { botId: scope.botId, conversationId: scope.conversation.id, contactId: scope.contact.id };

  const changeLead = async (change: { fields?: Record<string, unknown>; scoreDelta?: number; status?: string }) => {
    const lead = await upsertLead(tx, { botId: scope.botId, contactId: scope.contact.id, conversationId: scope.conversation.id, ...change });
    outcome.lead = lead;
    outboxEvents.push(leadUpdatedEvent(lead));
  };

  for (const effect of effects) {
    switch (effect.type) {
      case 'updateContact': {
        const patch: ContactPatch = { fields: {} };
        for (const [key, value] of Object.entries(effect.fields)) {
          if ((contactColumns as readonly string[]).includes(key)) Object.assign(patch, { [key]: value == null ? null : String(value) });
          else patch.fields![key] = value;
        }
        outcome.contact = await updateContact(tx, outcome.contact, patch);
        break;
      }
      case 'updateLead':
        await changeLead({ fields: effect.fields, scoreDelta: effect.scoreDelta, status: effect.status });
        break;
      case 'conversion':
        await changeLead({ status: 'converted', fields: effect.value === undefined ? {} : { conversionValue: effect.value } });
        break;
      case 'handoff': {
        const moved = await transitionOwner(tx, {
          conversationId: scope.conversation.id,
          from: 'bot',
          to: 'queue',
          actor: { type: 'bot' },
          event: 'handoff.requested',
          data: { reason: effect.reason, priority: effect.priority, note: effect.note },
        });
        if (moved) {
          outcome.handedOff = { reason: effect.reason, priority: effect.priority };
          outboxEvents.push({
            topic: 'conversation.handoff',
            botId: scope.botId,
            aggregateId: scope.conversation.id,
            idempotencyKey: `handoff:${scope.conversation.id}:${scope.now.getTime()}`,
            payload: { ...base, reason: effect.reason, priority: effect.priority, note: effect.note ?? null },
          });
        }
        break;
      }
      case 'crm':
        outboxEvents.push({
          topic: 'crm.action',
          botId: scope.botId,
          aggregateId: scope.conversation.id,
          idempotencyKey: `crm:${scope.conversation.id}:${effect.action}:${scope.now.getTime()}:${outboxEvents.length}`,
          payload: { ...base, action: effect.action, payload: effect.payload },
        });
        break;
      case 'webhook':
        outboxEvents.push({
          topic: 'crm.action',
          botId: scope.botId,
          aggregateId: scope.conversation.id,
          idempotencyKey: `webhook:${scope.conversation.id}:${effect.event}:${scope.now.getTime()}:${outboxEvents.length}`,
          payload: { ...base, action: 'webhook', event: effect.event, url: effect.url ?? null, payload: effect.payload },
        });
        break;
      case 'scheduleFollowUp':
        await scheduleFollowUp(tx, {
          conversationId: scope.conversation.id,
          key: effect.id,
          blockId: effect.blockId,
          dueAt: new Date(scope.now.getTime() + effect.delayMs),
          cancelOn: effect.cancelOn,
        });
        break;
      case 'cancelFollowUps':
        await cancelFollowUps(tx, scope.conversation.id, effect.ids);
        break;
      case 'experiment':
        await recordConversationEvent(tx, {
          conversationId: scope.conversation.id,
          type: 'experiment.assigned',
          actorType: 'bot',
          data: { experimentId: effect.experimentId, variant: effect.variant, contactId: scope.contact.id },
        });
        break;
      case 'optOut':
        outcome.contact = await updateContact(tx, outcome.contact, { optedOutAt: scope.now });
        break;
      case 'restart':
        await recordConversationEvent(tx, { conversationId: scope.conversation.id, type: 'flow.restarted', actorType: 'contact' });
        break;
      case 'log':
        scope.logger[effect.level]({ conversationId: scope.conversation.id, blockId: effect.blockId }, effect.message);
        break;
      case 'intentMissed':
        if (scope.inboundMessageId !== undefined) {
          const { flowId, blockId, reason, language, guesses } = effect;
          await recordIntentMiss(tx, { botId: scope.botId, conversationId: scope.conversation.id, messageId: scope.inboundMessageId, flowId, blockId, reason, language, guesses });
        }
        break;
      case 'intentChosen':
        if (scope.inboundMessageId !== undefined) {
          await noteChosenIntent(tx, { conversationId: scope.conversation.id, blockId: effect.blockId, intent: effect.intent, inboundMessageId: scope.inboundMessageId });
        }
        break;
      default: {
        const unknownEffect: never = effect;
        scope.logger.warn({ effect: unknownEffect }, 'unknown flow effect ignored');
      }
    }
  }
  await appendOutbox(tx, outboxEvents);
  return { ...outcome, outboxEvents: outboxEvents.length };
}
