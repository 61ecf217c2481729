import type { Transaction } from '../../core/db/client';
import type { Logger } from '../../core/logger';
import { inboundText, outboundText, type InboundMessage, type OutboundMessage } from '../../core/messages';
import { isFallbackReply } from '../handoff/stuck';
import type { BotRow, ChannelInstanceRow } from '../../core/repositories/bots';
import type { ContactRow } from '../../core/repositories/contacts';
import { saveConversationState, type ConversationRow } from '../../core/repositories/conversations';
import { recordIntentMiss } from '../../core/repositories/intent-misses';
import { findLead } from '../../core/repositories/leads';
import type { NewLlmCall } from '../../core/repositories/knowledge-llm-calls';
import { blockIndex, FlowState, initialState, matchCommand, step, type KnowledgeResult, type StepContext, type StepInput, type StepResult } from '../../flows/index';
import { isSureGuess, nluSnapshot, type NluModel, type NluResult } from '../../flows/nlu/index';
import { botTimeZone } from '../handoff/settings';
import { readBotSettings, type BotSettings } from '../settings';
import { applyEffects } from './effects';
import { refreshLeadScore } from './lead-score';
import type { FlowCache, LoadedFlow } from './flow-cache';
import type { ModelAnswers } from './model-answers';
import type { TurnDebug } from './types';

export interface KnowledgeRequest {
  botId: string;
  conversationId: string;
  contactId: string;
  blockId: string;
  query: string;
  locale: string;
  /** Recent transcript lines and captured variables, for LLM memory. */
  memory: { vars: Record<string, unknown> };
  /**
   * Receives the `llm_calls` rows instead of the database. The runtime asks models outside the turn's
   * transaction and writes these rows in the attempt that commits (see `model-answers.ts`).
   */
  callLog?: NewLlmCall[];
  /** The inbound message of the turn, kept out of the transcript (looked up when absent). */
  inboundMessageId?: number;
  /** The bot's settings, already read by the turn (loaded by the resolver when absent). */
  settings?: BotSettings;
  /** Receives the answer text as it streams (channels that can show partial messages). */
  onToken?: (delta: string) => void;
}

/** Answers knowledge blocks (retrieval, optionally an LLM). Must not throw: failures come back as not answered. */
export interface KnowledgeResolver {
  answer(request: KnowledgeRequest): Promise<KnowledgeResult>;
}

export interface IntentChoiceRequest {
  botId: string;
  conversationId: string;
  /** The block routing by intent, for the LLM call log. */
  blockId?: string;
  locale: string;
  nlu: NluModel;
  /** The classifier's analysis of the customer message. */
  local: NluResult;
  settings: BotSettings;
  /** See `KnowledgeRequest.callLog`. */
  callLog?: NewLlmCall[];
}

/**
 * Lets the bot's chat model settle a customer message the intent classifier is unsure of (below `llmBelow`),
 * choosing among the flow's intents or "none". Must not throw: any failure keeps the classifier's result.
 */
export interface IntentAssistant {
  /** Whether a model would be asked for this bot (one is configured and the bot's settings allow it). */
  asks(settings: BotSettings): boolean;
  chooseIntent(request: IntentChoiceRequest): Promise<NluResult>;
}

/** Reasons to run the flow without a customer message. */
export type SystemTurnInput = Exclude<StepInput, { type: 'message' } | { type: 'knowledge' }>;

export interface BotTurnInput {
  bot: BotRow;
  instance: ChannelInstanceRow;
  contact: ContactRow;
  conversation: ConversationRow;
  /** The customer message, or another reason to run the flow (a due follow-up, a hand back). */
  input: { type: 'message'; message: InboundMessage } | SystemTurnInput;
  /** The stored customer message of this turn, when there is one. */
  inboundId?: number;
  flows: FlowCache;
  knowledge?: KnowledgeResolver;
  /** Asked only while the flow routes by intent (an intent block waits, or the idle block is one). */
  intents?: IntentAssistant;
  /** Model answers fetched outside the transaction; a missing one stops the attempt (see `model-answers.ts`). */
  answers: ModelAnswers;
  logger: Logger;
  now: Date;
}

export interface BotTurnOutcome {
  replies: OutboundMessage[];
  owner: ConversationRow['owner'];
  debug: TurnDebug;
  /** Outbox events the turn appended. */
  outboxEvents: number;
}

/** A knowledge answer that found nothing. */
export const NOT_ANSWERED: KnowledgeResult = { answered: false };
const noFlowReply: OutboundMessage = { type: 'text', text: 'This bot has no published flow yet.' };
/** A knowledge block may chain into another; this bounds the round trips of one turn. */
const maxKnowledgeRoundTrips = 3;

/** Runs the flow for one turn while the bot owns the conversation, and applies its effects. */
export async function runBotTurn(tx: Transaction, turn: BotTurnInput): Promise<BotTurnOutcome> {
  const settings = readBotSettings(turn.bot.settings);
  const loaded = turn.conversation.flowVersionId
    ? await turn.flows.load(tx, turn.conversation.flowVersionId, settings.nlu)
    : undefined;
  if (!loaded) {
    turn.logger.warn({ botId: turn.bot.id, conversationId: turn.conversation.id }, 'no published flow for the conversation');
    return { replies: [noFlowReply], owner: 'bot', debug: { trace: [], effects: [] }, outboxEvents: 0 };
  }

  let state = restoreState(loaded, turn.conversation, turn.logger);
  /** The language the contact chose, or the conversation's so far. */
  const known = turn.contact.locale ?? turn.conversation.locale ?? undefined;
  const timeZone = botTimeZone(turn.bot.settings);
  /** The intent block that will route the customer's message, if any. */
  const router = intentRouterAt(loaded, state);
  const nlu = turn.input.type === 'message' ? await analyze(loaded, turn.input.message, { turn, settings, router, known, timeZone }) : undefined;
  const locale = pickLocale(loaded, known, nlu);
  const lead = await findLead(tx, turn.bot.id, turn.contact.id);
  const ctx: StepContext = {
    now: turn.now,
    timeZone,
    ...(settings.nlu.country ? { country: settings.nlu.country } : {}),
    locale,
    channel: turn.instance.channel,
    contact: {
      id: turn.contact.id,
      firstName: turn.contact.firstName ?? undefined,
      lastName: turn.contact.lastName ?? undefined,
      email: turn.contact.email ?? undefined,
      phone: turn.contact.phone ?? undefined,
      fields: turn.contact.fields,
    },
    lead: { score: lead?.score ?? 0, fields: lead?.fields ?? {}, status: lead?.status },
    catalog: settings.catalog,
    logger: turn.logger,
  };

  const input: StepInput = turn.input.type === 'message' ? { type: 'message', message: turn.input.message, nlu: nlu && nluSnapshot(nlu) } : turn.input;
  const replies: OutboundMessage[] = [];
  const effects: StepResult['effects'] = [];
  const trace: string[] = [];
  const run = (stepInput: StepInput, from: FlowState): StepResult => {
    const stepped = step(loaded.flow, from, stepInput, ctx);
    replies.push(...stepped.outputs);
    effects.push(...stepped.effects);
    trace.push(...stepped.trace);
    return stepped;
  };
  let result: StepResult;
  if (!turn.conversation.state && input.type === 'message' && input.message.type !== 'start') {
    // A new conversation opened by a message (not a /start or widget-open event) starts at the flow's start;
    // the message itself only counts when it is a global command such as "agent".
    result = run({ type: 'start' }, state);
    const message = input.message;
    if (matchCommand(loaded.flow, inboundText(message), message.type === 'postback' ? message.payload : undefined, input.nlu)) result = run(input, result.state);
  } else {
    result = run(input, state);
  }
  for (let round = 0; result.pending && round < maxKnowledgeRoundTrips; round += 1) {
    const pending = result.pending;
    const knowledge = turn.knowledge;
    const request: KnowledgeRequest = {
      botId: turn.bot.id,
      conversationId: turn.conversation.id,
      contactId: turn.contact.id,
      blockId: pending.blockId,
      query: pending.query,
      locale: pending.locale,
      memory: { vars: result.state.vars },
      callLog: turn.answers.calls,
      inboundMessageId: turn.inboundId,
      settings,
    };
    // Not the variables: they may hold the attempt's clock, and the same question in the same block is one answer.
    const key = JSON.stringify(['knowledge', pending.blockId, pending.query, pending.locale]);
    const answer = knowledge ? await turn.answers.ask(key, () => knowledge.answer(request), NOT_ANSWERED) : NOT_ANSWERED;
    result = run({ type: 'knowledge', result: answer }, result.state);
  }
  state = result.state;
  await turn.answers.writeCalls(tx, { conversationId: turn.conversation.id, inboundId: turn.inboundId });

  const applied = await applyEffects(tx, effects, {
    botId: turn.bot.id,
    contact: turn.contact,
    conversation: turn.conversation,
    now: turn.now,
    logger: turn.logger,
    inboundMessageId: turn.inboundId,
  });
  const buying = nlu?.intent && loaded.flow.intents.find((intent) => intent.name === nlu.intent!.name && intent.buying);
  const scoreEvents = await refreshLeadScore(tx, {
    botId: turn.bot.id,
    contact: applied.contact,
    conversationId: turn.conversation.id,
    lead: applied.lead ?? lead,
    buyingIntent: buying ? buying.name : undefined,
    customerMessage: turn.input.type === 'message',
    now: turn.now,
  });
  if (router && nlu) await keepChatModelChoice(tx, turn, { flowId: loaded.flow.id, router, nlu });
  await saveConversationState(tx, turn.conversation.id, { state: state as unknown as Record<string, unknown>, locale, lastMessageAt: turn.now });
  const debug: TurnDebug = {
    trace,
    effects: effects.map((e) => e.type),
    intent: nlu?.intent,
    language: nlu?.language.code,
    maxRetries: Math.max(0, ...Object.values(state.retries)),
    fallback: replies.some((reply) => isFallbackReply(outboundText(reply))),
  };
  return { replies, owner: applied.handedOff ? 'queue' : 'bot', debug, outboxEvents: applied.outboxEvents + scoreEvents };
}

async function analyze(
  loaded: LoadedFlow,
  message: InboundMessage,
  at: { turn: BotTurnInput; settings: BotSettings; router?: string; known?: string; timeZone: string },
): Promise<NluResult | undefined> {
  if (message.type !== 'text' && message.type !== 'postback') return undefined;
  const { turn, settings, known, timeZone } = at;
  const text = message.type === 'postback' ? (message.text ?? message.payload) : inboundText(message);
  const local = loaded.nlu.analyze(text, { fallbackLang: known, timeZone, country: settings.nlu.country });
  const router = message.type === 'text' && turn.conversation.state ? at.router : undefined;
  const intents = turn.intents;
  if (!router || !intents?.asks(settings) || !loaded.nlu.needsLlm(local)) return local;
  const request: IntentChoiceRequest = {
    botId: turn.bot.id,
    conversationId: turn.conversation.id,
    blockId: router,
    locale: local.language.code,
    nlu: loaded.nlu,
    local,
    settings,
    callLog: turn.answers.calls,
  };
  return turn.answers.ask(JSON.stringify(['intent', loaded.versionId, router, local.text]), () => intents.chooseIntent(request), local);
}

/**
 * A message the classifier was unsure of and the bot's chat model chose an intent for is kept for marketers to review
 * (`intent_misses`, reason `llm`), with that intent: added as a phrase, the classifier learns it and the model is not
 * asked again. Kept whichever way the turn then went (a handoff intent hands off before the router runs).
 */
async function keepChatModelChoice(tx: Transaction, turn: BotTurnInput, at: { flowId: string; router: string; nlu: NluResult }): Promise<void> {
  const { nlu } = at;
  if (nlu.decidedBy !== 'llm' || !nlu.intent || turn.inboundId === undefined) return;
  await recordIntentMiss(tx, {
    botId: turn.bot.id,
    conversationId: turn.conversation.id,
    messageId: turn.inboundId,
    flowId: at.flowId,
    blockId: at.router,
    reason: 'llm',
    language: nlu.language.code === 'und' ? undefined : nlu.language.code,
    guesses: nlu.ranking,
    chosen: nlu.intent.name,
  });
}

/** The intent block the customer's message will be routed by, if any: the waiting block, or the idle one after the flow ended. */
function intentRouterAt(loaded: LoadedFlow, state: FlowState): string | undefined {
  if (state.status !== 'bot') return undefined;
  const id = state.current === null ? (loaded.flow.settings?.idleBlock ?? loaded.flow.start) : state.waitingFor === 'input' ? state.current : undefined;
  return id && blockIndex(loaded.flow).get(id)?.type === 'intent' ? id : undefined;
}

/**
 * A message of fewer words than this moves a conversation to another language only when its language is surely told
 * (SHORT_SWITCH_CONFIDENCE): "ok", "thanks" or "yes" read as English at 0.6, and are said in any language.
 */
const WORDS_TO_SWITCH = 3;
const SHORT_SWITCH_CONFIDENCE = 0.9;

/**
 * A confident detection among the flow's locales wins, though a short message moves away from the contact's known
 * language only when surely told (see WORDS_TO_SWITCH); else the known language; else an unsure guess in a script other
 * than Latin ("سلام" is Arabic or Persian, and never the English fallback); else the flow's fallback.
 */
function pickLocale(loaded: LoadedFlow, known: string | undefined, nlu: NluResult | undefined): string {
  const locales = loaded.flow.locales;
  const isKnown = known !== undefined && locales.includes(known);
  const guess = nlu && locales.includes(nlu.language.code) ? nlu : undefined;
  const switches = (g: NluResult) => !isKnown || g.language.confidence >= SHORT_SWITCH_CONFIDENCE || (g.text.match(/\p{L}+/gu) ?? []).length >= WORDS_TO_SWITCH;
  if (guess && isSureGuess(guess.language, guess.text) && switches(guess)) return guess.language.code;
  if (isKnown) return known;
  if (guess && guess.language.script !== 'Latin') return guess.language.code;
  return loaded.flow.fallbackLocale;
}

function restoreState(loaded: LoadedFlow, conversation: ConversationRow, logger: Logger): FlowState {
  if (!conversation.state) return initialState(loaded.flow, { seed: seedFrom(conversation.id) });
  const parsed = FlowState.safeParse(conversation.state);
  if (parsed.success) return parsed.data;
  logger.warn({ conversationId: conversation.id }, 'stored flow state is invalid; starting the flow over');
  return initialState(loaded.flow, { seed: seedFrom(conversation.id) });
}

function seedFrom(id: string): number {
  let hash = 2166136261;
  for (let i = 0; i < id.length; i += 1) hash = Math.imul(hash ^ id.charCodeAt(i), 16777619);
  return hash >>> 0;
}
