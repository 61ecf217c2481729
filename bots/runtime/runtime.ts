import { sql } from 'drizzle-orm';
import type { Database, Transaction } from '../../core/db/client';
import { isDatabaseUnavailable } from '../../core/db/errors';
import { UnavailableError, NotFoundError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { inboundText, type InboundMessage, type OutboundMessage } from '../../core/messages';
import { findBot, findChannelInstance, type BotRow, type ChannelInstanceRow } from '../../core/repositories/bots';
import { findContact, findOrCreateContact } from '../../core/repositories/contacts';
import { findConversation, findOpenConversationWithContact, findOrCreateOpenConversation, saveConversationState, type ConversationRow } from '../../core/repositories/conversations';
import { findInboundMessage, insertInboundMessage, insertOutboundMessages, repliesTo } from '../../core/repositories/messages';
import { findPublishedVersion, listVersionsInUse } from '../../core/repositories/flows';
import { InFlight } from './in-flight';
import { KeyedMutex } from '../../core/keyed-mutex';
import { TtlCache } from './ttl-cache';
import { conversationLockKey } from './lock-key';
import { FlowCache } from './flow-cache';
import { withModelAnswers, type ModelAnswers } from './model-answers';
import { readBotSettings } from '../settings';
import { runBotTurn, type IntentAssistant, type KnowledgeResolver, type SystemTurnInput } from './bot-turn';
import type { InboundHandler, RuntimeEvent, RuntimeEventSink, TurnResult } from './types';

export interface TurnMetrics {
  turnFinished(seconds: number, outcome: 'ok' | 'duplicate' | 'silent' | 'error'): void;
}

export interface BotRuntimeOptions {
  db: Database;
  logger: Logger;
  /** Retrieval / LLM answers for knowledge blocks; without one, knowledge blocks take their "not answered" path. */
  knowledge?: KnowledgeResolver;
  /** The chat model's say on messages the intent classifier is unsure of; without one the classifier decides alone. */
  intents?: IntentAssistant;
  events?: RuntimeEventSink;
  /** Called after a turn that appended outbox rows commits, so they are relayed at once rather than at the next poll. */
  onOutbox?: () => void;
  metrics?: TurnMetrics;
  clock?: () => Date;
}

/**
 * Runs customer turns: dedupe, contact and conversation, the flow step (while the bot owns the
 * conversation), and stores messages, state and outbox rows in one transaction. Turns of one
 * conversation run one at a time (in-process mutex plus a PostgreSQL advisory lock across instances).
 */
export class BotRuntime implements InboundHandler {
  private readonly mutex = new KeyedMutex();
  readonly inFlight = new InFlight();
  readonly flows = new FlowCache();
  private readonly clock: () => Date;

  constructor(private readonly options: BotRuntimeOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  /** Trains a published version's intent model before its first turn (after a publish or a rollback); never rejects. */
  async prepareFlow(versionId: string, botSettings: unknown): Promise<void> {
    const started = performance.now();
    try {
      await this.flows.load(this.options.db, versionId, readBotSettings(botSettings).nlu);
      this.options.logger.info({ versionId, ms: Math.round(performance.now() - started) }, 'flow prepared');
    } catch (error) {
      this.options.logger.warn({ err: error, versionId }, 'could not prepare the flow; its first turn will');
    }
  }

  /**
   * Prepares, one after another (at startup), every published flow and every older version an open conversation
   * still runs on, so no turn trains inside its transaction; never rejects.
   */
  async prepareAllFlows(): Promise<void> {
    try {
      for (const { versionId, botSettings } of await listVersionsInUse(this.options.db)) await this.prepareFlow(versionId, botSettings);
    } catch (error) {
      this.options.logger.warn({ err: error }, 'could not prepare the published flows; first turns will');
    }
  }

  async handleInbound(message: InboundMessage): Promise<TurnResult> {
    const started = process.hrtime.bigint();
    const key = conversationLockKey(message.channelInstanceId, message.externalUserId);
    try {
      const result = await this.inFlight.track(() => this.mutex.run(key, () => this.runLocked(key, message)));
      const outcome = result.duplicate ? 'duplicate' : result.owner === 'bot' ? 'ok' : 'silent';
      this.options.metrics?.turnFinished(Number(process.hrtime.bigint() - started) / 1e9, outcome);
      if (!result.duplicate) this.afterCommit(result, message);
      return result;
    } catch (error) {
      this.options.metrics?.turnFinished(Number(process.hrtime.bigint() - started) / 1e9, 'error');
      throw toTurnError(error);
    }
  }

  private async runLocked(key: string, message: InboundMessage): Promise<TurnResult> {
    const instance = await this.channelInstance(message.channelInstanceId);
    const bot = await this.bots.get(instance.botId, () => findBot(this.options.db, instance.botId));
    if (!bot) throw new NotFoundError('bot', { botId: instance.botId });
    return withModelAnswers((answers) =>
      this.options.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
        return this.turnInTransaction(tx, bot, instance, message, answers);
      }),
    );
  }

  private async turnInTransaction(tx: Transaction, bot: BotRow, instance: ChannelInstanceRow, message: InboundMessage, answers: ModelAnswers): Promise<TurnResult> {
    const duplicate = await findInboundMessage(tx, message.channelInstanceId, message.externalMessageId);
    if (duplicate) return this.replayDuplicate(tx, bot, duplicate.conversationId, duplicate.id);

    const identity = { channelInstanceId: instance.id, externalUserId: message.externalUserId };
    const { contact, conversation } = (await findOpenConversationWithContact(tx, identity)) ?? (await this.startConversation(tx, bot, identity, message));
    const inbound = await insertInboundMessage(tx, conversation.id, message);
    if (!inbound) throw new UnavailableError('inbound message was stored concurrently; retry');

    if (conversation.owner !== 'bot') {
      // A person owns (or is about to own) this conversation: the bot stays silent.
      await saveConversationState(tx, conversation.id, { lastMessageAt: message.receivedAt });
      return this.result(bot, conversation, contact.id, inbound.id, [], [], conversation.owner, 0);
    }

    const outcome = await runBotTurn(tx, {
      bot,
      instance,
      contact,
      conversation,
      input: { type: 'message', message },
      inboundId: inbound.id,
      flows: this.flows,
      knowledge: this.options.knowledge,
      intents: this.options.intents,
      answers,
      logger: this.options.logger,
      now: this.clock(),
    });
    const stored = await insertOutboundMessages(tx, {
      conversationId: conversation.id,
      channelInstanceId: instance.id,
      sender: 'bot',
      inReplyTo: inbound.id,
      deliveryStatus: instance.channel === 'web' ? 'sent' : 'pending',
      messages: outcome.replies,
    });
    return { ...this.result(bot, conversation, contact.id, inbound.id, outcome.replies, stored.map((m) => m.id), outcome.owner, outcome.outboxEvents), debug: outcome.debug };
  }

  /**
   * Runs the flow without a customer message: a due follow-up, or a human handing the conversation back
   * (`resume`). Same locking and transaction as customer turns. Returns undefined when the bot does not
   * own the conversation (then nothing runs) or the conversation is gone.
   */
  async runSystemTurn(conversationId: string, input: SystemTurnInput): Promise<TurnResult | undefined> {
    const conversation = await findConversation(this.options.db, conversationId);
    if (!conversation) return undefined;
    const key = conversationLockKey(conversation.channelInstanceId, conversation.externalUserId);
    const result = await this.inFlight.track(() =>
      this.mutex.run(key, async () => {
        const instance = await this.channelInstance(conversation.channelInstanceId);
        const bot = await this.bots.get(conversation.botId, () => findBot(this.options.db, conversation.botId));
        if (!bot) return undefined;
        return withModelAnswers((answers) => this.options.db.transaction(async (tx) => {
          await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
          const current = await findConversation(tx, conversationId);
          if (!current || current.owner !== 'bot') return undefined;
          const contact = await findContact(tx, current.contactId);
          if (!contact) return undefined;
          const outcome = await runBotTurn(tx, { bot, instance, contact, conversation: current, input, flows: this.flows, knowledge: this.options.knowledge, answers, logger: this.options.logger, now: this.clock() });
          const stored = await insertOutboundMessages(tx, {
            conversationId: current.id,
            channelInstanceId: instance.id,
            sender: 'bot',
            deliveryStatus: 'pending',
            messages: outcome.replies,
          });
          return { ...this.result(bot, current, contact.id, null, outcome.replies, stored.map((m) => m.id), outcome.owner, outcome.outboxEvents), debug: outcome.debug };
        }));
      }),
    );
    if (result) this.afterCommit(result);
    return result;
  }

  private async startConversation(tx: Transaction, bot: BotRow, identity: { channelInstanceId: string; externalUserId: string }, message: InboundMessage) {
    const { contact } = await findOrCreateContact(tx, bot.id, identity, message.profile ?? {});
    const published = await findPublishedVersion(tx, bot.id);
    const { conversation } = await findOrCreateOpenConversation(tx, { botId: bot.id, contactId: contact.id, ...identity, flowVersionId: published?.id ?? null, locale: contact.locale });
    return { contact, conversation };
  }

  private async replayDuplicate(tx: Transaction, bot: BotRow, conversationId: string, inboundId: number): Promise<TurnResult> {
    const rows = await repliesTo(tx, inboundId);
    const conversation = await findConversation(tx, conversationId);
    return {
      conversationId,
      contactId: conversation?.contactId ?? '',
      botId: bot.id,
      inboundId: null,
      duplicate: true,
      replies: rows.map((row) => row.payload as unknown as OutboundMessage),
      replyIds: rows.map((row) => row.id),
      owner: conversation?.owner ?? 'bot',
      outboxEvents: 0,
    };
  }

  private result(
    bot: BotRow,
    conversation: ConversationRow,
    contactId: string,
    inboundId: number | null,
    replies: OutboundMessage[],
    replyIds: number[],
    owner: ConversationRow['owner'],
    outboxEvents: number,
  ): TurnResult {
    return { conversationId: conversation.id, contactId, botId: bot.id, inboundId, duplicate: false, replies, replyIds, owner, outboxEvents };
  }

  private afterCommit(result: TurnResult, message?: InboundMessage): void {
    this.publishTurnEvents(result, message);
    if (result.outboxEvents > 0) this.options.onOutbox?.();
  }

  private publishTurnEvents(result: TurnResult, message?: InboundMessage): void {
    const sink = this.options.events;
    if (!sink) return;
    const base = { botId: result.botId, conversationId: result.conversationId };
    const events: RuntimeEvent[] = [];
    if (result.inboundId !== null) {
      const turn = message && {
        owner: result.owner,
        text: inboundText(message),
        payload: message.type === 'postback' ? message.payload : undefined,
        maxRetries: result.debug?.maxRetries ?? 0,
        fallback: result.debug?.fallback ?? false,
      };
      events.push({ type: 'message.created', ...base, messageId: result.inboundId, direction: 'in', sender: 'contact', turn });
    }
    for (const id of result.replyIds) events.push({ type: 'message.created', ...base, messageId: id, direction: 'out', sender: 'bot' });
    if (result.owner === 'queue' && result.debug?.effects.includes('handoff')) events.push({ type: 'conversation.owner', ...base, owner: 'queue', reason: 'handoff' });
    events.forEach((event) => sink.publish(event));
  }

  /** Channel instances and bot settings change rarely; a few seconds of cache save two queries per turn. */
  private readonly instances = new TtlCache<ChannelInstanceRow>(5000);
  private readonly bots = new TtlCache<BotRow>(5000);

  private async channelInstance(id: string): Promise<ChannelInstanceRow> {
    const row = await this.instances.get(id, () => findChannelInstance(this.options.db, id));
    if (!row || !row.enabled) throw new NotFoundError('channel instance', { channelInstanceId: id });
    return row;
  }
}

/** Database failures become 503 so the caller (or the platform redelivering a webhook) retries. */
function toTurnError(error: unknown): unknown {
  if (isDatabaseUnavailable(error)) return new UnavailableError('database unavailable, the turn was not stored; retry', {}, { cause: error });
  return error;
}
