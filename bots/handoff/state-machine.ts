import type { ConversationOwner } from '../../core/db/schema/index';
import { ConflictError } from '../../core/errors';

/**
 * Conversation ownership: bot → queue → human(agent) → bot | closed. Every change is one of these named
 * transitions; anything else is rejected. Pure: persistence is `transitionOwner` (compare-and-set).
 */
export const transitions = {
  /** The flow, a stuck detector or a person asks for a human. */
  requestHandoff: { from: ['bot'], to: 'queue' },
  /** Routing gives a queued conversation to an agent. */
  assign: { from: ['queue'], to: 'human' },
  /** An agent takes a queued conversation. */
  claim: { from: ['queue'], to: 'human' },
  /** The owning agent (or an admin) passes it to a colleague. */
  transfer: { from: ['human'], to: 'human' },
  /** Back to the queue: the agent did not answer in time (SLA), went offline, or gave it up. */
  requeue: { from: ['human'], to: 'queue' },
  /** The bot takes over again and resumes where the flow says. */
  handBack: { from: ['human', 'queue'], to: 'bot' },
  /** Finished, with an outcome. */
  close: { from: ['bot', 'queue', 'human'], to: 'closed' },
} as const satisfies Record<string, { from: readonly ConversationOwner[]; to: ConversationOwner }>;

export type TransitionName = keyof typeof transitions;
export const transitionNames = Object.keys(transitions) as TransitionName[];

/** Event names recorded in conversation_events for each transition. */
export const transitionEvents: Record<TransitionName, string> = {
  requestHandoff: 'handoff.requested',
  assign: 'handoff.assigned',
  claim: 'handoff.claimed',
  transfer: 'handoff.transferred',
  requeue: 'handoff.requeued',
  handBack: 'handoff.returned',
  close: 'conversation.closed',
};

export interface OwnerState {
  owner: ConversationOwner;
  /** The agent who owns it when owner = human. */
  agentId?: string | null;
}

export interface TransitionRequest {
  /** The agent who will own it (assign, claim, transfer). */
  agentId?: string;
  /** Who asks: an agent may only transfer, requeue, hand back or close what they own (admins anything). */
  actor?: { type: 'agent' | 'admin' | 'system' | 'bot' | 'contact'; id?: string };
}

export class IllegalTransitionError extends ConflictError {
  constructor(
    readonly transition: string,
    readonly from: ConversationOwner,
    message?: string,
  ) {
    super(message ?? `cannot ${transition} a conversation owned by ${from}`, { transition, from });
  }
}

/** Checks a transition and returns the new owner state; throws IllegalTransitionError (409) when not allowed. */
export function planTransition(name: TransitionName, current: OwnerState, request: TransitionRequest = {}): { from: ConversationOwner; to: ConversationOwner; agentId: string | null } {
  const rule = transitions[name];
  if (!rule) throw new IllegalTransitionError(String(name), current.owner, `unknown transition "${String(name)}"`);
  if (!(rule.from as readonly ConversationOwner[]).includes(current.owner)) throw new IllegalTransitionError(name, current.owner);
  const actor = request.actor;
  if (actor?.type === 'agent' && current.owner === 'human' && current.agentId !== actor.id) {
    throw new IllegalTransitionError(name, current.owner, `cannot ${name}: the conversation belongs to another agent`);
  }
  if (rule.to === 'human') {
    if (!request.agentId) throw new IllegalTransitionError(name, current.owner, `${name} needs an agent`);
    if (name === 'transfer' && request.agentId === current.agentId) {
      throw new IllegalTransitionError(name, current.owner, 'cannot transfer a conversation to the agent who already has it');
    }
    if (name === 'claim' && actor?.type === 'agent' && actor.id !== request.agentId) {
      throw new IllegalTransitionError(name, current.owner, 'an agent can only claim for themselves');
    }
  }
  return { from: current.owner, to: rule.to, agentId: rule.to === 'human' ? request.agentId! : null };
}

/** The transitions possible from an owner state (for UIs and tests). */
export function allowedTransitions(owner: ConversationOwner): TransitionName[] {
  return transitionNames.filter((name) => (transitions[name].from as readonly ConversationOwner[]).includes(owner));
}
