import type { ConversationOwner } from '../../core/db/schema/index';
import type { InboundMessage, OutboundMessage } from '../../core/messages';

/** What one customer turn produced. */
export interface TurnResult {
  conversationId: string;
  contactId: string;
  botId: string;
  /** The stored inbound message id; null when it was a redelivery. */
  inboundId: number | null;
  /** True when this (channel instance, external message id) was already processed: nothing new was stored or run. */
  duplicate: boolean;
  /** Bot replies, in order (for a duplicate: the replies stored the first time). Empty while a human owns the conversation. */
  replies: OutboundMessage[];
  /** Stored message ids of `replies`, same order, for delivery bookkeeping. */
  replyIds: number[];
  owner: ConversationOwner;
  /** Outbox events the turn appended (CRM, webhooks, handoff notifications); 0 for a duplicate or a silent turn. */
  outboxEvents: number;
  /** What the flow did this turn, for the studio's test chat and conversation tests. */
  debug?: TurnDebug;
}

export interface TurnDebug {
  /** Block ids visited, in order. */
  trace: string[];
  /** Types of the effects the flow emitted (updateLead, handoff, scheduleFollowUp…). */
  effects: string[];
  intent?: { name: string; confidence: number } | null;
  language?: string;
  /** Highest retry count of any open question (failed validations). */
  maxRetries?: number;
  /** Whether a reply was the flow's fallback or an "I don't know". */
  fallback?: boolean;
}

/** Real-time events the runtime emits after a turn commits (the inbox and widget subscribe). */
export type RuntimeEvent =
  | {
      type: 'message.created';
      botId: string;
      conversationId: string;
      messageId: number;
      direction: 'in' | 'out';
      sender: string;
      /** For a customer message after its turn: what listeners need to decide cheaply whether to look closer. */
      turn?: TurnHints;
    }
  | { type: 'conversation.owner'; botId: string; conversationId: string; owner: ConversationOwner; reason?: string };

export interface RuntimeEventSink {
  publish(event: RuntimeEvent): void;
}

/** Entry point every channel calls with a decoded customer message. */
export interface InboundHandler {
  handleInbound(message: InboundMessage): Promise<TurnResult>;
}

/** Facts of a finished customer turn, so the inbox can skip its stuck/CSAT checks without queries. */
export interface TurnHints {
  owner: ConversationOwner;
  /** The customer's text (CSAT answers and sentiment are read from it). */
  text: string;
  /** Postback payload of a button press, if any. */
  payload?: string;
  /** Highest retry count of any question in the flow state (failed validations). */
  maxRetries: number;
  /** Whether the bot answered with its fallback / "I don't know" reply. */
  fallback: boolean;
}
