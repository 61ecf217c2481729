import type { DatabaseHandle } from '../../../core/db/client';
import { upsertBot, upsertChannelInstance } from '../../../core/repositories/bots';
import { findOrCreateContact, updateContact } from '../../../core/repositories/contacts';
import { findOrCreateOpenConversation, transitionOwner } from '../../../core/repositories/conversations';
import { listConversationEvents } from '../../../core/repositories/events';
import { findPublishedVersion, listVersions, publishVersion, saveDraft, setPublishedVersion } from '../../../core/repositories/flows';
import { upsertLead } from '../../../core/repositories/leads';
import { insertInboundMessage, insertOutboundMessages, listMessages, repliesTo } from '../../../core/repositories/messages';
import { appendOutbox, claimPendingOutbox, countPendingOutbox, markOutboxRelayed } from '../../../core/repositories/outbox';
import { findUserByEmail, insertUser } from '../../../core/repositories/users';
import type { InboundMessage } from '../../../core/messages';
import { openTestDatabase, type Backend } from '../../support/databases';

describe.each<Backend>(['postgres', 'pglite'])('repositories on %s', (backend) => {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ handle, cleanup } = await openTestDatabase(backend));
    await upsertBot(handle.db, { id: 'b1', name: 'Bot one', settings: {} });
    await upsertChannelInstance(handle.db, { id: 'b1-web', botId: 'b1', channel: 'web' });
  });
  afterAll(() => cleanup());

  const identity = (user: string) => ({ channelInstanceId: 'b1-web', externalUserId: user });
  const inbound = (user: string, id: string, text = 'hi'): InboundMessage => ({
    type: 'text', channel: 'web', channelInstanceId: 'b1-web', externalUserId: user, externalMessageId: id, receivedAt: new Date(), text,
  });

  async function conversationFor(user: string) {
    const { contact } = await findOrCreateContact(handle.db, 'b1', identity(user));
    const { conversation } = await findOrCreateOpenConversation(handle.db, { botId: 'b1', contactId: contact.id, ...identity(user), flowVersionId: null });
    return { contact, conversation };
  }

  test('a channel identity maps to one contact, also when created concurrently', async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => findOrCreateContact(handle.db, 'b1', identity('same-user'))));
    const ids = new Set(results.map((r) => r.contact.id));
    expect(ids.size).toBe(1);
    const again = await findOrCreateContact(handle.db, 'b1', identity('same-user'));
    expect(again.created).toBe(false);
    expect(again.contact.id).toBe(results[0].contact.id);
  });

  test('contact updates merge custom fields and keep the others', async () => {
    const { contact } = await findOrCreateContact(handle.db, 'b1', identity('fields-user'));
    const first = await updateContact(handle.db, contact, { email: 'a@example.com', fields: { skin: 'dry' } });
    const second = await updateContact(handle.db, first, { fields: { budget: 50 } });
    expect(second.email).toBe('a@example.com');
    expect(second.fields).toEqual({ skin: 'dry', budget: 50 });
  });

  test('a redelivered inbound message is stored once', async () => {
    const { conversation } = await conversationFor('dedupe-user');
    const first = await insertInboundMessage(handle.db, conversation.id, inbound('dedupe-user', 'm-1'));
    const second = await insertInboundMessage(handle.db, conversation.id, inbound('dedupe-user', 'm-1'));
    expect(first).toBeDefined();
    expect(second).toBeUndefined();
    const replies = await insertOutboundMessages(handle.db, {
      conversationId: conversation.id, channelInstanceId: 'b1-web', sender: 'bot', inReplyTo: first!.id, deliveryStatus: 'sent',
      messages: [{ type: 'text', text: 'hello' }, { type: 'text', text: 'how can I help?' }],
    });
    expect((await repliesTo(handle.db, first!.id)).map((m) => m.id)).toEqual(replies.map((m) => m.id));
    expect(await listMessages(handle.db, conversation.id)).toHaveLength(3);
  });

  test('ownership changes only through recorded compare-and-set transitions', async () => {
    const { conversation } = await conversationFor('owner-user');
    expect(conversation.owner).toBe('bot');
    const queued = await transitionOwner(handle.db, { conversationId: conversation.id, from: 'bot', to: 'queue', actor: { type: 'bot' }, event: 'handoff.requested' });
    expect(queued?.owner).toBe('queue');
    const stale = await transitionOwner(handle.db, { conversationId: conversation.id, from: 'bot', to: 'queue', actor: { type: 'bot' }, event: 'handoff.requested' });
    expect(stale).toBeUndefined();
    const events = await listConversationEvents(handle.db, conversation.id);
    expect(events.map((e) => [e.fromOwner, e.toOwner])).toEqual([['bot', 'queue']]);
  });

  test('the database refuses a human owner without an agent', async () => {
    const { conversation } = await conversationFor('constraint-user');
    await expect(
      transitionOwner(handle.db, { conversationId: conversation.id, from: 'bot', to: 'human', agentId: null, actor: { type: 'system' }, event: 'bad' }),
    ).rejects.toThrow();
  });

  test('lead changes merge fields, add score and bump the version', async () => {
    const { contact, conversation } = await conversationFor('lead-user');
    const created = await upsertLead(handle.db, { botId: 'b1', contactId: contact.id, conversationId: conversation.id, fields: { name: 'Ala' }, scoreDelta: 10 });
    const updated = await upsertLead(handle.db, { botId: 'b1', contactId: contact.id, conversationId: conversation.id, fields: { email: 'ala@example.com' }, scoreDelta: 20 });
    expect(updated.id).toBe(created.id);
    expect(updated.fields).toEqual({ name: 'Ala', email: 'ala@example.com' });
    expect(updated.scoreAdjustment).toBe(30);
    expect(updated.version).toBe(created.version + 1);
  });

  test('outbox rows are idempotent by key and claimed until relayed', async () => {
    const event = { topic: 'lead.updated', botId: 'b1', aggregateId: 'x', idempotencyKey: `lead:x:v1:${backend}`, payload: { a: 1 } };
    await appendOutbox(handle.db, [event]);
    await appendOutbox(handle.db, [event]);
    const pending = await handle.db.transaction((tx) => claimPendingOutbox(tx, 100));
    expect(pending.filter((row) => row.idempotencyKey === event.idempotencyKey)).toHaveLength(1);
    await markOutboxRelayed(handle.db, pending.map((row) => row.id));
    expect(await countPendingOutbox(handle.db)).toBe(0);
  });

  test('flows publish numbered versions and roll back by pointer', async () => {
    await saveDraft(handle.db, { botId: 'b1', flowId: 'main', name: 'Main', draft: { v: 1 } });
    const v1 = await publishVersion(handle.db, { botId: 'b1', flowId: 'main', definition: { v: 1 } });
    const v2 = await publishVersion(handle.db, { botId: 'b1', flowId: 'main', definition: { v: 2 } });
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect((await findPublishedVersion(handle.db, 'b1'))?.id).toBe(v2.id);
    await setPublishedVersion(handle.db, 'b1', 'main', v1.id);
    expect((await findPublishedVersion(handle.db, 'b1'))?.definition).toEqual({ v: 1 });
    expect((await listVersions(handle.db, 'b1', 'main')).map((v) => v.version)).toEqual([2, 1]);
  });

  test('user emails are unique regardless of case', async () => {
    const created = await insertUser(handle.db, { email: 'Rep@Example.com', role: 'agent', passwordHash: 'x' });
    const duplicate = await insertUser(handle.db, { email: 'rep@example.com', role: 'agent', passwordHash: 'y' });
    expect(created).toBeDefined();
    expect(duplicate).toBeUndefined();
    expect((await findUserByEmail(handle.db, 'REP@example.COM'))?.id).toBe(created!.id);
  });
});
