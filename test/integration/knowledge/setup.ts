import { eq } from 'drizzle-orm';
import type { Database } from '../../../core/db/client';
import { llmCalls } from '../../../core/db/schema/index';
import { createLogger } from '../../../core/logger';
import { upsertBot, upsertChannelInstance } from '../../../core/repositories/bots';
import { findOrCreateContact } from '../../../core/repositories/contacts';
import { findOrCreateOpenConversation } from '../../../core/repositories/conversations';
import { insertInboundMessage, insertOutboundMessages } from '../../../core/repositories/messages';
import type { KnowledgeRequest } from '../../../bots/runtime/bot-turn';
import type { BotRuntime } from '../../../bots/runtime/runtime';
import type { TurnResult } from '../../../bots/runtime/types';
import type { OutboundMessage } from '../../../core/messages';
import { openTestDatabase } from '../../support/databases';
import { startFakeOpenAI, type FakeOpenAIServer } from '../../fakes/openai/server';

export const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export const demoSettings = {
  languages: ['en', 'ar', 'fa', 'pl'],
  defaultLocale: 'en',
  brandVoice: { name: 'Glow', tone: 'warm, helpful, concise', do: ['recommend products from the catalog only'], dont: ['give medical advice'] },
  llm: { enabled: true, model: 'fake-gpt-mini', maxTokensPerTurn: 2000, maxTokensPerDay: 200000 },
};

export interface Testbed {
  db: Database;
  fake: FakeOpenAIServer;
  close(): Promise<void>;
}

/** A throwaway database (PostgreSQL unless told) and a fake OpenAI server, for one suite. */
export async function openTestbed(backend: 'postgres' | 'pglite' = 'postgres'): Promise<Testbed> {
  const { handle, cleanup } = await openTestDatabase(backend);
  const fake = await startFakeOpenAI();
  return {
    db: handle.db,
    fake,
    close: async () => {
      await fake.stop();
      await cleanup();
    },
  };
}

export async function createBot(db: Database, id: string, settings: Record<string, unknown> = demoSettings): Promise<void> {
  await upsertBot(db, { id, name: id, settings });
  await upsertChannelInstance(db, { id: `${id}-web`, botId: id, channel: 'web', name: 'Website' });
}

let counter = 0;

/** A conversation with a few earlier messages, the current inbound message stored last. */
export async function conversationWith(db: Database, botId: string, earlier: { from: 'in' | 'out'; text: string }[], current: string): Promise<{ conversationId: string; contactId: string; inboundId: number }> {
  counter += 1;
  const identity = { channelInstanceId: `${botId}-web`, externalUserId: `visitor-${counter}-${Date.now()}` };
  const { contact } = await findOrCreateContact(db, botId, identity);
  const { conversation } = await findOrCreateOpenConversation(db, { botId, contactId: contact.id, ...identity, flowVersionId: null });
  const inbound = async (text: string, n: string) =>
    insertInboundMessage(db, conversation.id, { type: 'text', text, channel: 'web', channelInstanceId: identity.channelInstanceId, externalUserId: identity.externalUserId, externalMessageId: n, receivedAt: new Date() });
  let i = 0;
  for (const m of earlier) {
    i += 1;
    if (m.from === 'in') await inbound(m.text, `${identity.externalUserId}-m${i}`);
    else await insertOutboundMessages(db, { conversationId: conversation.id, channelInstanceId: identity.channelInstanceId, sender: 'bot', deliveryStatus: 'sent', messages: [{ type: 'text', text: m.text }] });
  }
  const stored = await inbound(current, `${identity.externalUserId}-current`);
  return { conversationId: conversation.id, contactId: contact.id, inboundId: stored!.id };
}

export function request(botId: string, conv: { conversationId: string; contactId: string }, query: string, locale = 'en', extra: Partial<KnowledgeRequest> = {}): KnowledgeRequest {
  return { botId, conversationId: conv.conversationId, contactId: conv.contactId, blockId: 'faq', query, locale, memory: { vars: {} }, ...extra };
}

export async function callsOf(db: Database, conversationId: string) {
  return db.select().from(llmCalls).where(eq(llmCalls.conversationId, conversationId)).orderBy(llmCalls.id);
}

let webMessages = 0;

/** A visitor's text on the bot's website channel (`<botId>-web`), through the runtime. */
export function sayOnWeb(runtime: BotRuntime, botId: string, visitor: string, text: string): Promise<TurnResult> {
  webMessages += 1;
  return runtime.handleInbound({ type: 'text', text, channel: 'web', channelInstanceId: `${botId}-web`, externalUserId: visitor, externalMessageId: `${visitor}-${webMessages}`, receivedAt: new Date() });
}

/** The texts of a turn's replies, one per line. */
export const replyTexts = (replies: OutboundMessage[]) => replies.map((r) => ('text' in r ? r.text : '')).join('\n');
