import { and, desc, eq, gt, inArray, notExists, sql } from 'drizzle-orm';
import type { Transaction } from '../../core/db/client';
import { conversationEvents, conversations, handoffRequests, messages as messageTable, type ConversationOutcome, type UserRole } from '../../core/db/schema/index';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors';
import type { OutboundMessage } from '../../core/messages';
import { findBot, findChannelInstance, listBots } from '../../core/repositories/bots';
import { findContact, updateContact } from '../../core/repositories/contacts';
import { findConversation, transitionOwner, type ConversationRow } from '../../core/repositories/conversations';
import { findLead } from '../../core/repositories/leads';
import { listMessages, type MessageRow } from '../../core/repositories/messages';
import { countOnlineAgents, ensureAgentProfile, lockAvailableAgents, type AgentProfileRow } from '../../core/repositories/inbox-agents';
import {
  claimWaitAlerts, countOpenAssignments, findOpenRequest, insertHandoffRequest, latestRequest, lockNextWaiting, lockOverdueAssignments,
  markFirstResponse, markRequestAssigned, queuePosition, updateRequest, type HandoffRequestRow,
} from '../../core/repositories/inbox-queue';
import { findPendingCsat, answerCsat, insertCsatQuestion, insertNote } from '../../core/repositories/inbox';
import { findUser } from '../../core/repositories/users';
import { isOpen, nextOpening } from '../../bots/handoff/business-hours';
import { csatQuestion, noticeText, parseCsatAnswer, queuedNotices } from '../../bots/handoff/notices';
import { computePriority, normalizeLabel, skillFor } from '../../bots/handoff/priority';
import { readHandoffSettings, type HandoffSettings } from '../../bots/handoff/settings';
import { readBotSettings } from '../../bots/settings';
import { planTransition, transitionEvents, type TransitionName } from '../../bots/handoff/state-machine';
import { detectStuck, negativity, type TranscriptItem } from '../../bots/handoff/stuck';
import { extractEntities } from '../../flows/nlu/entities/index';
import type { AppContext } from '../context';
import { deliverToConversation } from '../channels/delivery';
import { inboxEvents } from './events';
import { conversationLockKey } from '../../bots/runtime/lock-key';
import { deliverTurnReplies } from '../follow-ups/deliver-turn';
import type { TurnHints } from '../../bots/runtime/types';
import { TtlCache } from '../../bots/runtime/ttl-cache';

/** Who does something in the inbox: a signed-in user, or the platform itself (routing, SLA). */
export type InboxActor = { type: 'user'; id: string; role: UserRole; name?: string } | { type: 'system'; reason?: string };

export interface InboxServiceOptions {
  /** Injectable clock for SLA timers and business hours. */
  clock?: () => Date;
}

interface TransitionOutcome {
  conversation: ConversationRow;
  previous: ConversationRow;
  request?: HandoffRequestRow;
}

/** One global lock serialises assignment decisions across instances (capacity and round robin stay exact). */
const ASSIGN_LOCK = 727_275;

/**
 * The handoff queue and the ownership transitions of conversations with people: routing (priority, capacity,
 * language, skills, round robin), SLA timers, customer notices and the agent's actions. Every state change is a
 * transaction (compare-and-set on the owner, row locks, the turn's advisory lock); side effects (notices, events)
 * follow the commit.
 */
export class InboxService {
  readonly clock: () => Date;
  /** What the inbox reads of a bot's settings: handoff, and the country phone numbers a waiting customer writes are read in. */
  private readonly settingsCache = new TtlCache<{ handoff: HandoffSettings; country?: string }>(5000);

  constructor(
    readonly ctx: AppContext,
    options: InboxServiceOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
  }

  async settingsFor(botId: string): Promise<HandoffSettings> {
    return (await this.botSettings(botId)).handoff;
  }

  private async botSettings(botId: string): Promise<{ handoff: HandoffSettings; country?: string }> {
    const settings = await this.settingsCache.get(botId, async () => {
      const raw = (await findBot(this.ctx.db, botId))?.settings;
      return { handoff: readHandoffSettings(raw), country: readBotSettings(raw).nlu.country };
    });
    return settings!;
  }

  // ── transitions ────────────────────────────────────────────────────────────────────────────────

  /**
   * Runs one named transition in a transaction: locks the open request and the conversation (and the turn lock,
   * so no bot turn is half-way), checks it with the state machine, compare-and-sets the owner and records the event.
   */
  private async transition(
    conversationId: string,
    name: TransitionName,
    input: { actor: InboxActor; agentId?: string; data?: Record<string, unknown>; assignLock?: boolean },
    after: (tx: Transaction, outcome: TransitionOutcome) => Promise<HandoffRequestRow | undefined>,
  ): Promise<TransitionOutcome> {
    const peek = await findConversation(this.ctx.db, conversationId);
    if (!peek) throw new NotFoundError('conversation', { conversationId });
    return this.ctx.db.transaction(async (tx) => {
      if (input.assignLock) await tx.execute(sql`select pg_advisory_xact_lock(${ASSIGN_LOCK})`);
      const request = await findOpenRequest(tx, conversationId, { lock: true });
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${conversationLockKey(peek.channelInstanceId, peek.externalUserId)}, 0))`);
      const [current] = await tx.select().from(conversations).where(eq(conversations.id, conversationId)).for('update');
      if (!current) throw new NotFoundError('conversation', { conversationId });
      const actor = input.actor;
      const plan = planTransition(name, { owner: current.owner, agentId: current.assignedAgentId }, {
        agentId: input.agentId,
        actor: actor.type === 'system' ? { type: 'system' } : { type: actor.role === 'admin' ? 'admin' : 'agent', id: actor.id },
      });
      const moved = await transitionOwner(tx, {
        conversationId,
        from: current.owner,
        to: plan.to,
        agentId: plan.agentId,
        actor: actor.type === 'system' ? { type: 'system' } : { type: 'agent', id: actor.id },
        event: transitionEvents[name],
        data: { transition: name, ...(current.assignedAgentId ? { fromAgentId: current.assignedAgentId } : {}), ...(plan.agentId ? { toAgentId: plan.agentId } : {}), ...input.data },
      });
      if (!moved) throw new ConflictError('the conversation changed meanwhile; reload and try again', { conversationId });
      const outcome: TransitionOutcome = { conversation: moved, previous: current, request };
      outcome.request = await after(tx, outcome);
      return outcome;
    });
  }

  private publishTransition(name: TransitionName, outcome: TransitionOutcome, extra: Record<string, unknown> = {}): void {
    const c = outcome.conversation;
    this.ctx.bus.publish({ type: 'conversation.owner', botId: c.botId, conversationId: c.id, owner: c.owner, reason: name });
    this.ctx.bus.publish({
      type: inboxEvents.conversation,
      botId: c.botId,
      conversationId: c.id,
      transition: name,
      owner: c.owner,
      agentId: c.assignedAgentId,
      previousAgentId: outcome.previous.assignedAgentId,
      requestStatus: outcome.request?.status ?? null,
      ...extra,
    });
  }

  /** Asks for a human outside the flow (an agent or admin takes a bot conversation, or the stuck detector). */
  async requestHandoff(conversationId: string, input: { actor: InboxActor; reason: string; priority?: string }): Promise<HandoffRequestRow | undefined> {
    const outcome = await this.transition(conversationId, 'requestHandoff', { actor: input.actor, data: { reason: input.reason, priority: normalizeLabel(input.priority) } }, async () => undefined);
    this.publishTransition('requestHandoff', outcome);
    return this.enqueue(conversationId);
  }

  /**
   * Puts a conversation the bot handed over (owner = queue) into the handoff queue with its reason, priority,
   * language and lead snapshot, tells the customer how long it takes (or when the team is back), and routes it.
   * Idempotent across instances: the open-request unique index lets one insert win.
   */
  async enqueue(conversationId: string): Promise<HandoffRequestRow | undefined> {
    const db = this.ctx.db;
    const conversation = await findConversation(db, conversationId);
    if (!conversation || conversation.owner !== 'queue') return undefined;
    if (await findOpenRequest(db, conversationId)) return undefined;
    const [event] = await db
      .select()
      .from(conversationEvents)
      .where(and(eq(conversationEvents.conversationId, conversationId), eq(conversationEvents.type, 'handoff.requested')))
      .orderBy(desc(conversationEvents.id))
      .limit(1);
    const settings = await this.settingsFor(conversation.botId);
    const [contact, lead, instance] = await Promise.all([
      findContact(db, conversation.contactId),
      findLead(db, conversation.botId, conversation.contactId),
      findChannelInstance(db, conversation.channelInstanceId),
    ]);
    const reason = String(event?.data?.reason ?? 'customer asked for a person');
    const label = normalizeLabel(typeof event?.data?.priority === 'string' ? event.data.priority : 'normal');
    const now = this.clock();
    const open = isOpen(settings.businessHours, now);
    const opening = open ? undefined : nextOpening(settings.businessHours, now);
    const request = await insertHandoffRequest(db, {
      conversationId,
      botId: conversation.botId,
      reason,
      priorityLabel: label,
      priority: computePriority({ reason, label, leadScore: lead?.score, highLeadScore: settings.highLeadScore, buyingIntent: Boolean(lead?.fields?.buyingIntent) && /buy/i.test(reason) }),
      language: (conversation.locale ?? contact?.locale ?? null)?.toLowerCase().split(/[-_]/)[0] ?? null,
      channel: instance?.channel ?? 'unknown',
      skill: skillFor(reason, settings.skills),
      leadScore: lead?.score ?? 0,
      requestedAt: now,
      data: { open, ...(opening ? { nextOpening: opening.toISOString() } : {}), note: event?.data?.note ?? null },
    });
    if (!request) return undefined;
    this.ctx.bus.publish({ type: inboxEvents.queue, botId: conversation.botId, conversationId, requestId: request.id, change: 'added' });

    const locale = conversation.locale ?? contact?.locale;
    const notices = open
      ? queuedNotices(locale, { open: true, position: await queuePosition(db, request), onlineAgents: await countOnlineAgents(db), minutesPerConversation: settings.minutesPerConversation })
      : queuedNotices(locale, { open: false, nextOpening: opening, timeZone: settings.businessHours.timeZone, now, hasContact: Boolean(contact?.email || contact?.phone) });
    await this.notify(conversationId, notices);
    if (settings.autoAssign) await this.autoAssign();
    return request;
  }

  /** An agent takes a queued conversation. Two agents at once: one wins, the other gets 409. */
  async claim(conversationId: string, actor: Extract<InboxActor, { type: 'user' }>): Promise<ConversationRow> {
    await ensureAgentProfile(this.ctx.db, actor.id);
    const outcome = await this.transition(conversationId, 'claim', { actor, agentId: actor.id, assignLock: true }, async (tx, o) => {
      if (!o.request) throw new ConflictError('the conversation is not waiting in the queue', { conversationId });
      const profile = await ensureAgentProfile(tx, actor.id);
      if (actor.role !== 'admin' && (await countOpenAssignments(tx, actor.id)) >= profile.maxOpen) {
        throw new ConflictError(`you already have ${profile.maxOpen} open conversations (your limit)`, { conversationId });
      }
      return this.assignRequest(tx, o.request, actor.id, o.conversation.botId);
    });
    this.publishTransition('claim', outcome);
    await this.notifyAssigned(outcome.conversation, actor.id);
    return outcome.conversation;
  }

  private async assignRequest(tx: Transaction, request: HandoffRequestRow, agentId: string, botId: string): Promise<HandoffRequestRow | undefined> {
    const settings = await this.settingsFor(botId);
    const now = this.clock();
    const row = await markRequestAssigned(tx, request.id, { agentId, at: now, slaDueAt: new Date(now.getTime() + settings.firstResponseSlaSeconds * 1000) });
    await tx.execute(sql`update agent_profiles set last_assigned_at = ${now} where user_id = ${agentId}`);
    return row;
  }

  /**
   * Gives the next waiting conversation to an agent (`agentId`) or to the next available agent (round robin):
   * one transaction, `for update skip locked` on the request, the owner compare-and-set. Returns what was assigned.
   */
  async assignOnce(options: { agentId?: string; botIds?: string[] } = {}): Promise<{ conversation: ConversationRow; request: HandoffRequestRow; agentId: string } | undefined> {
    const result = await this.assignNextInTransaction(options);
    if (!result) return undefined;
    const conversation = await findConversation(this.ctx.db, result.conversationId);
    if (!conversation) return undefined;
    this.publishTransition('assign', { conversation, previous: { ...conversation, owner: 'queue', assignedAgentId: null }, request: result.request });
    await this.notifyAssigned(conversation, result.agentId);
    return { conversation, request: result.request, agentId: result.agentId };
  }

  /**
   * The assignment decision and its writes in one transaction, without notices and events (the benchmark
   * measures this): the assignment lock, the available agents (round robin), the next waiting request for the
   * first agent it fits (`for update skip locked`), then one statement that compare-and-sets the owner,
   * records the event and updates the request and the agent.
   */
  async assignNextInTransaction(options: { agentId?: string; botIds?: string[] } = {}): Promise<{ conversationId: string; request: HandoffRequestRow; agentId: string } | undefined> {
    return this.ctx.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${ASSIGN_LOCK})`);
      const agents = await lockAvailableAgents(tx, { onlyUserId: options.agentId });
      for (const agent of agents) {
        const exclude: string[] = [];
        for (let attempt = 0; attempt < 5; attempt += 1) {
          const request = await lockNextWaiting(tx, { languages: agent.languages, skills: agent.skills, excludeIds: exclude });
          if (!request) break;
          if (options.botIds && !options.botIds.includes(request.botId)) {
            exclude.push(request.id);
            continue;
          }
          const assigned = await this.tryAssign(tx, request, agent);
          if (assigned) return assigned;
          exclude.push(request.id);
        }
      }
      return undefined;
    });
  }

  private async tryAssign(tx: Transaction, request: HandoffRequestRow, agent: AgentProfileRow) {
    planTransition('assign', { owner: 'queue' }, { agentId: agent.userId, actor: { type: 'system' } });
    const settings = await this.settingsFor(request.botId);
    const now = this.clock();
    const slaDueAt = new Date(now.getTime() + settings.firstResponseSlaSeconds * 1000);
    const data = JSON.stringify({ transition: 'assign', toAgentId: agent.userId, requestId: request.id });
    // queue → human needs no turn lock: the bot is silent while the conversation is queued
    const result = await tx.execute(sql`
      with conv as (
        update conversations set owner = 'human', assigned_agent_id = ${agent.userId}, closed_at = null, updated_at = ${now}
        where id = ${request.conversationId} and owner = 'queue'
        returning id
      ), event as (
        insert into conversation_events (conversation_id, type, from_owner, to_owner, actor_type, actor_id, data)
        select id, ${transitionEvents.assign}, 'queue', 'human', 'system', null, ${data}::jsonb from conv
      ), req as (
        update handoff_requests set status = 'assigned', assigned_agent_id = ${agent.userId}, assigned_at = ${now}, sla_due_at = ${slaDueAt}, first_response_at = null
        where id = ${request.id} and exists (select 1 from conv)
      ), agent as (
        update agent_profiles set last_assigned_at = ${now} where user_id = ${agent.userId} and exists (select 1 from conv)
      )
      select id from conv`);
    const rows = (result as unknown as { rows: { id: string }[] }).rows;
    if (rows.length === 0) {
      // stale request: the conversation left the queue some other way
      const current = await findConversation(tx, request.conversationId);
      await updateRequest(tx, request.id, { status: 'done', finishedAt: now, outcome: current?.owner === 'closed' ? 'resolved' : 'returned' });
      return undefined;
    }
    const assigned: HandoffRequestRow = { ...request, status: 'assigned', assignedAgentId: agent.userId, assignedAt: now, slaDueAt, firstResponseAt: null };
    return { conversationId: request.conversationId, request: assigned, agentId: agent.userId };
  }

  /** Assigns waiting conversations to available agents until nobody fits; returns how many were assigned. */
  async autoAssign(limit = 100): Promise<number> {
    const bots = await listBots(this.ctx.db);
    const botIds: string[] = [];
    for (const bot of bots) if ((await this.settingsFor(bot.id)).autoAssign) botIds.push(bot.id);
    if (botIds.length === 0) return 0;
    let count = 0;
    while (count < limit && (await this.assignOnce({ botIds }))) count += 1;
    return count;
  }

  /** The owning agent (or an admin) passes the conversation to a colleague. */
  async transfer(conversationId: string, actor: Extract<InboxActor, { type: 'user' }>, toAgentId: string, note?: string): Promise<ConversationRow> {
    const target = await findUser(this.ctx.db, toAgentId);
    if (!target || target.disabled || (target.role !== 'agent' && target.role !== 'admin')) throw new ValidationError('transfer to an agent or admin', { field: 'agentId' });
    await ensureAgentProfile(this.ctx.db, toAgentId);
    const outcome = await this.transition(conversationId, 'transfer', { actor, agentId: toAgentId, assignLock: true, data: note ? { note } : {} }, async (tx, o) => {
      if (!o.request) return undefined;
      return this.assignRequest(tx, o.request, toAgentId, o.conversation.botId);
    });
    if (note) await this.addNote(conversationId, actor, note);
    this.publishTransition('transfer', outcome);
    await this.notifyAssigned(outcome.conversation, toAgentId);
    return outcome.conversation;
  }

  /** Back to the queue (the agent gives it up, or did not answer in time); it keeps its place in line. */
  async requeue(conversationId: string, actor: InboxActor, reason = 'returned to the queue'): Promise<ConversationRow> {
    const outcome = await this.transition(conversationId, 'requeue', { actor, data: { reason } }, async (tx, o) => {
      if (!o.request) return undefined;
      return updateRequest(tx, o.request.id, { status: 'waiting', assignedAgentId: null, assignedAt: null, slaDueAt: null, firstResponseAt: null, requeueCount: o.request.requeueCount + 1 });
    });
    this.publishTransition('requeue', outcome, { reason });
    this.ctx.bus.publish({ type: inboxEvents.queue, botId: outcome.conversation.botId, conversationId, change: 'requeued' });
    if ((await this.settingsFor(outcome.conversation.botId)).autoAssign) await this.autoAssign();
    return outcome.conversation;
  }

  /** The bot takes over again: human|queue → bot, then the flow resumes where its handoff block says. */
  async handBack(conversationId: string, actor: InboxActor): Promise<ConversationRow> {
    const outcome = await this.transition(conversationId, 'handBack', { actor }, async (tx, o) => {
      if (!o.request) return undefined;
      return updateRequest(tx, o.request.id, { status: 'done', outcome: 'returned', finishedAt: this.clock(), slaDueAt: null });
    });
    this.publishTransition('handBack', outcome);
    const locale = await this.localeOf(outcome.conversation);
    await this.notify(conversationId, [{ type: 'handoff', status: 'returned', text: noticeText('returned', locale) }]);
    const turn = await this.ctx.runtime.runSystemTurn(conversationId, { type: 'resume' });
    if (turn) void deliverTurnReplies(this.ctx, turn).catch((error: unknown) => this.ctx.logger.warn({ err: error, conversationId }, 'could not deliver the resumed flow replies'));
    if (turn && turn.owner === 'queue') await this.enqueue(conversationId);
    return outcome.conversation;
  }

  /** Finishes the conversation with an outcome; the customer may get a CSAT question. */
  async close(conversationId: string, actor: InboxActor, input: { outcome: ConversationOutcome; csat?: boolean }): Promise<ConversationRow> {
    const outcome = await this.transition(conversationId, 'close', { actor, data: { outcome: input.outcome } }, async (tx, o) => {
      if (!o.request) return undefined;
      return updateRequest(tx, o.request.id, { status: 'done', outcome: input.outcome, finishedAt: this.clock(), slaDueAt: null });
    });
    this.publishTransition('close', outcome, { outcome: input.outcome });
    const c = outcome.conversation;
    const settings = await this.settingsFor(c.botId);
    const locale = await this.localeOf(c);
    const messages: OutboundMessage[] = [{ type: 'handoff', status: 'closed', text: noticeText('closed', locale) }];
    const askCsat = (input.csat ?? settings.csat) && outcome.previous.owner === 'human';
    if (askCsat) {
      await insertCsatQuestion(this.ctx.db, { conversationId, contactId: c.contactId, agentId: outcome.previous.assignedAgentId, askedAt: this.clock() });
      messages.push(csatQuestion(locale));
    }
    await this.notify(conversationId, messages);
    return c;
  }

  // ── the agent's messages ───────────────────────────────────────────────────────────────────────

  /** Sends an agent reply on the customer's own channel; only the agent who owns the conversation may. */
  async sendReply(conversationId: string, actor: Extract<InboxActor, { type: 'user' }>, text: string, clientId?: string) {
    const trimmed = text.trim();
    if (!trimmed) throw new ValidationError('text: must not be empty', { field: 'text' });
    if (trimmed.length > 4000) throw new ValidationError('text: at most 4000 characters', { field: 'text' });
    const dedupeKey = clientId ? `inbox:reply:${actor.id}:${clientId}` : undefined;
    if (dedupeKey) {
      const first = await this.ctx.redis.set(dedupeKey, 'pending', 'EX', 86400, 'NX');
      if (first !== 'OK') {
        const stored = await this.ctx.redis.get(dedupeKey);
        if (stored && stored !== 'pending') return { duplicate: true, messageIds: JSON.parse(stored) as number[] };
        throw new ConflictError('this reply is being sent already', { clientId });
      }
    }
    try {
      const conversation = await findConversation(this.ctx.db, conversationId);
      if (!conversation) throw new NotFoundError('conversation', { conversationId });
      if (conversation.owner !== 'human' || conversation.assignedAgentId !== actor.id) {
        throw new ConflictError('only the agent who has this conversation can reply; claim it first', { conversationId });
      }
      const delivery = await deliverToConversation(this.ctx, conversationId, [{ type: 'text', text: trimmed }], { type: 'agent', id: actor.id });
      await markFirstResponse(this.ctx.db, conversationId, actor.id, this.clock());
      const messageIds = delivery.messages.map((m) => m.id);
      if (dedupeKey) await this.ctx.redis.set(dedupeKey, JSON.stringify(messageIds), 'EX', 86400);
      void delivery.delivered.catch(() => undefined);
      return { duplicate: false, messageIds, messages: delivery.messages };
    } catch (error) {
      if (dedupeKey) await this.ctx.redis.del(dedupeKey).catch(() => undefined);
      throw error;
    }
  }

  async addNote(conversationId: string, actor: Extract<InboxActor, { type: 'user' }>, text: string) {
    const trimmed = text.trim();
    if (!trimmed) throw new ValidationError('text: must not be empty', { field: 'text' });
    const conversation = await findConversation(this.ctx.db, conversationId);
    if (!conversation) throw new NotFoundError('conversation', { conversationId });
    const note = await insertNote(this.ctx.db, { conversationId, authorId: actor.id, text: trimmed.slice(0, 4000) });
    this.ctx.bus.publish({ type: inboxEvents.note, botId: conversation.botId, conversationId, agentId: conversation.assignedAgentId, note: { ...note, authorName: actor.name ?? '' } });
    return note;
  }

  /** Agent typing: forwarded to the customer's channel (the web widget listens on the bus). */
  async typing(conversationId: string, actor: Extract<InboxActor, { type: 'user' }>, typing: boolean): Promise<void> {
    const conversation = await findConversation(this.ctx.db, conversationId);
    if (!conversation || conversation.owner !== 'human' || conversation.assignedAgentId !== actor.id) return;
    this.ctx.bus.publish({ type: inboxEvents.typing, botId: conversation.botId, conversationId, from: 'agent', agentId: actor.id, typing });
  }

  // ── reacting to customer activity ──────────────────────────────────────────────────────────────

  /**
   * Called once per stored customer message (cluster-wide): queues conversations the flow handed over,
   * captures contact details while waiting, records CSAT answers, and hands stuck bot conversations to people.
   */
  /**
   * Whether a customer message may need the inbox (queue bookkeeping, CSAT, stuck detection), judged from the
   * turn's hints without a query; most bot turns need nothing and cost the inbox nothing.
   */
  async mayNeedAttention(botId: string, hints: TurnHints | undefined): Promise<boolean> {
    if (!hints) return true;
    if (hints.owner === 'queue') return true;
    if (hints.owner !== 'bot') return false;
    if (parseCsatAnswer(hints.text, hints.payload) !== undefined) return true;
    const { stuck } = await this.settingsFor(botId);
    if (!stuck.enabled) return false;
    return hints.fallback || hints.maxRetries >= stuck.maxFailedValidations || (stuck.negativeSentiment && negativity(hints.text) >= 1);
  }

  async onCustomerMessage(conversationId: string, messageId: number): Promise<void> {
    const conversation = await findConversation(this.ctx.db, conversationId);
    if (!conversation) return;
    const [message] = await listMessages(this.ctx.db, conversationId, { afterId: messageId - 1, limit: 1 });
    const inbound = message && message.id === messageId && message.direction === 'in' ? message : undefined;
    if (conversation.owner === 'queue') {
      if (!(await findOpenRequest(this.ctx.db, conversationId))) {
        await this.enqueue(conversationId);
        return;
      }
      if (inbound) await this.captureContact(conversation, inbound);
      return;
    }
    if (conversation.owner !== 'bot') return;
    if (inbound && (await this.recordCsat(conversation, inbound))) return;
    const settings = await this.settingsFor(conversation.botId);
    const recent = await this.recentTranscript(conversationId);
    const state = conversation.state as { retries?: Record<string, number> } | null;
    const verdict = detectStuck({ transcript: recent, retries: state?.retries }, settings.stuck);
    if (verdict.stuck) {
      await this.requestHandoff(conversationId, { actor: { type: 'system', reason: verdict.signal }, reason: verdict.reason, priority: 'high' }).catch((error: unknown) => {
        if (!(error instanceof ConflictError)) throw error;
      });
    }
  }

  private async recentTranscript(conversationId: string): Promise<TranscriptItem[]> {
    const [lastHandoff] = await this.ctx.db
      .select({ createdAt: handoffRequests.createdAt })
      .from(handoffRequests)
      .where(eq(handoffRequests.conversationId, conversationId))
      .orderBy(desc(handoffRequests.createdAt))
      .limit(1);
    const rows = await this.ctx.db
      .select({ sender: messageTable.sender, text: messageTable.text })
      .from(messageTable)
      .where(and(eq(messageTable.conversationId, conversationId), lastHandoff ? gt(messageTable.createdAt, lastHandoff.createdAt) : undefined))
      .orderBy(desc(messageTable.id))
      .limit(30);
    return rows.reverse().map((m) => ({ sender: m.sender, text: m.text }));
  }

  private async recordCsat(conversation: ConversationRow, message: MessageRow): Promise<boolean> {
    const payload = message.payload as { payload?: unknown };
    const score = parseCsatAnswer(message.text, typeof payload.payload === 'string' ? payload.payload : undefined);
    if (score === undefined) return false;
    const pending = await findPendingCsat(this.ctx.db, conversation.contactId, new Date(this.clock().getTime() - 24 * 3600_000));
    if (!pending || pending.conversationId === conversation.id) return false;
    if (!(await answerCsat(this.ctx.db, pending.id, score, this.clock()))) return false;
    this.ctx.bus.publish({ type: inboxEvents.csat, botId: conversation.botId, conversationId: pending.conversationId, agentId: pending.agentId, score });
    await this.notify(conversation.id, [{ type: 'text', text: noticeText('csatThanks', conversation.locale) }]);
    return true;
  }

  /** While waiting (e.g. after hours) an email or phone number the customer writes is saved on the contact. */
  private async captureContact(conversation: ConversationRow, message: MessageRow): Promise<void> {
    const contact = await findContact(this.ctx.db, conversation.contactId);
    if (!contact) return;
    const { country } = await this.botSettings(conversation.botId);
    const entities = extractEntities(message.text, conversation.locale ?? undefined, { country });
    const email = contact.email ? undefined : entities.find((e) => e.type === 'email')?.value;
    const phone = contact.phone ? undefined : entities.find((e) => e.type === 'phone')?.value;
    if (!email && !phone) return;
    await updateContact(this.ctx.db, contact, { ...(email ? { email: String(email) } : {}), ...(phone ? { phone: String(phone) } : {}) });
    this.ctx.bus.publish({ type: inboxEvents.conversation, botId: conversation.botId, conversationId: conversation.id, transition: 'contact', owner: conversation.owner, agentId: conversation.assignedAgentId });
    await this.notify(conversation.id, [{ type: 'text', text: noticeText('contactSaved', conversation.locale ?? contact.locale) }]);
  }

  // ── timers ─────────────────────────────────────────────────────────────────────────────────────

  /**
   * One sweep: re-queues conversations whose agent did not answer within the SLA (and alerts), alerts on long
   * waits, queues conversations the bot handed over while no instance was listening, and assigns what it can.
   */
  async sweep(): Promise<{ requeued: number; alerts: number; enqueued: number; assigned: number }> {
    const now = this.clock();
    const overdue = await this.ctx.db.transaction(async (tx) => {
      const rows = await lockOverdueAssignments(tx, now);
      return rows.map((r) => ({ conversationId: r.conversationId, agentId: r.assignedAgentId, botId: r.botId }));
    });
    let requeued = 0;
    for (const item of overdue) {
      try {
        await this.requeue(item.conversationId, { type: 'system', reason: 'sla' }, 'the agent did not answer in time');
        requeued += 1;
        this.ctx.bus.publish({ type: inboxEvents.alert, kind: 'sla.first_response', botId: item.botId, conversationId: item.conversationId, agentId: item.agentId });
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
    const bots = await listBots(this.ctx.db);
    const thresholds = new Map<string, number>();
    for (const bot of bots) thresholds.set(bot.id, (await this.settingsFor(bot.id)).queueAlertSeconds);
    const waits = await claimWaitAlerts(this.ctx.db, (botId) => new Date(now.getTime() - (thresholds.get(botId) ?? 600) * 1000), bots.map((b) => b.id), now);
    for (const w of waits) this.ctx.bus.publish({ type: inboxEvents.alert, kind: 'queue.wait', botId: w.botId, conversationId: w.conversationId, waitingSince: w.requestedAt });

    const orphans = await this.ctx.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.owner, 'queue'), notExists(this.ctx.db.select({ one: sql`1` }).from(handoffRequests).where(and(eq(handoffRequests.conversationId, conversations.id), inArray(handoffRequests.status, ['waiting', 'assigned']))))))
      .limit(50);
    let enqueued = 0;
    for (const o of orphans) if (await this.enqueue(o.id)) enqueued += 1;
    const assigned = await this.autoAssign();
    return { requeued, alerts: overdue.length + waits.length, enqueued, assigned };
  }

  // ── helpers ────────────────────────────────────────────────────────────────────────────────────

  private async localeOf(conversation: ConversationRow): Promise<string | null> {
    if (conversation.locale) return conversation.locale;
    return (await findContact(this.ctx.db, conversation.contactId))?.locale ?? null;
  }

  private async notifyAssigned(conversation: ConversationRow, agentId: string): Promise<void> {
    const agent = await findUser(this.ctx.db, agentId);
    const name = agent?.name?.trim().split(/\s+/)[0] || agent?.email.split('@')[0] || 'An agent';
    await this.notify(conversation.id, [{ type: 'handoff', status: 'assigned', text: noticeText('assigned', await this.localeOf(conversation), { agent: name }) }]);
  }

  /** Customer notices go out like any message, on the conversation's own channel; a failure is logged, not thrown. */
  private async notify(conversationId: string, messages: OutboundMessage[]): Promise<void> {
    if (messages.length === 0) return;
    try {
      const delivery = await deliverToConversation(this.ctx, conversationId, messages, { type: 'system' });
      void delivery.delivered.catch(() => undefined);
    } catch (error) {
      this.ctx.logger.warn({ err: error, conversationId }, 'could not send a handoff notice');
    }
  }

  /** The request (open or latest) of a conversation, for the detail view. */
  async requestOf(conversationId: string): Promise<HandoffRequestRow | undefined> {
    return (await findOpenRequest(this.ctx.db, conversationId)) ?? (await latestRequest(this.ctx.db, conversationId));
  }
}
