import { conversationOwners, type ConversationOwner } from '../../../core/db/schema/index';
import {
  IllegalTransitionError, allowedTransitions, planTransition, transitionNames, transitions, type TransitionName,
} from '../../../bots/handoff/state-machine';

const agentA = 'agent-a';
const agentB = 'agent-b';
const stateFor = (owner: ConversationOwner) => ({ owner, agentId: owner === 'human' ? agentA : null });
const requestFor = (name: TransitionName) => (['assign', 'claim', 'transfer'].includes(name) ? { agentId: name === 'transfer' ? agentB : agentA } : {});

describe('handoff state machine', () => {
  const legal: [TransitionName, ConversationOwner, ConversationOwner][] = [
    ['requestHandoff', 'bot', 'queue'],
    ['assign', 'queue', 'human'],
    ['claim', 'queue', 'human'],
    ['transfer', 'human', 'human'],
    ['requeue', 'human', 'queue'],
    ['handBack', 'human', 'bot'],
    ['handBack', 'queue', 'bot'],
    ['close', 'bot', 'closed'],
    ['close', 'queue', 'closed'],
    ['close', 'human', 'closed'],
  ];

  test.each(legal)('%s: %s → %s', (name, from, to) => {
    const plan = planTransition(name, stateFor(from), requestFor(name));
    expect(plan).toEqual({ from, to, agentId: to === 'human' ? (name === 'transfer' ? agentB : agentA) : null });
  });

  const illegal: [TransitionName, ConversationOwner][] = [];
  for (const name of transitionNames) {
    for (const owner of conversationOwners) {
      if (!legal.some(([n, from]) => n === name && from === owner)) illegal.push([name, owner]);
    }
  }

  test.each(illegal)('%s from %s is rejected with a 409', (name, owner) => {
    let caught: unknown;
    try {
      planTransition(name, stateFor(owner), requestFor(name));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IllegalTransitionError);
    expect((caught as IllegalTransitionError).status).toBe(409);
    expect((caught as Error).message).toContain(`cannot ${name}`);
  });

  test('every owner state is covered, closed is terminal', () => {
    expect(illegal.length + legal.length).toBe(transitionNames.length * conversationOwners.length);
    expect(allowedTransitions('closed')).toEqual([]);
    expect(allowedTransitions('bot')).toEqual(['requestHandoff', 'close']);
    expect(allowedTransitions('queue').sort()).toEqual(['assign', 'claim', 'close', 'handBack'].sort());
    expect(allowedTransitions('human').sort()).toEqual(['close', 'handBack', 'requeue', 'transfer'].sort());
    expect(Object.keys(transitions).sort()).toEqual([...transitionNames].sort());
  });

  test('an agent acts only on conversations they own; admins and the system on any', () => {
    const owned = { owner: 'human' as const, agentId: agentA };
    for (const name of ['transfer', 'requeue', 'handBack', 'close'] as const) {
      expect(() => planTransition(name, owned, { agentId: 'agent-c', actor: { type: 'agent', id: agentB } })).toThrow(/another agent/);
      expect(() => planTransition(name, owned, { agentId: 'agent-c', actor: { type: 'agent', id: agentA } })).not.toThrow();
      expect(() => planTransition(name, owned, { agentId: 'agent-c', actor: { type: 'admin', id: 'admin' } })).not.toThrow();
      expect(() => planTransition(name, owned, { agentId: 'agent-c', actor: { type: 'system' } })).not.toThrow();
    }
  });

  test('a transition to a human needs an agent; transfer needs a different one; claim is for oneself', () => {
    expect(() => planTransition('claim', { owner: 'queue' }, {})).toThrow(/needs an agent/);
    expect(() => planTransition('assign', { owner: 'queue' }, {})).toThrow(/needs an agent/);
    expect(() => planTransition('transfer', { owner: 'human', agentId: agentA }, { agentId: agentA })).toThrow(/already has it/);
    expect(() => planTransition('claim', { owner: 'queue' }, { agentId: agentB, actor: { type: 'agent', id: agentA } })).toThrow(/for themselves/);
    expect(() => planTransition('nope' as TransitionName, { owner: 'bot' })).toThrow(/unknown transition/);
  });
});
