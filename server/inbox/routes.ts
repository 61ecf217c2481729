import type http from 'node:http';
import { Router, type Request } from 'express';
import { z } from 'zod';
import { agentStatuses, conversationOutcomes } from '../../core/db/schema/index';
import { AuthError, NotFoundError } from '../../core/errors';
import { findChannelInstance } from '../../core/repositories/bots';
import { findContact } from '../../core/repositories/contacts';
import { findConversation, type ConversationRow } from '../../core/repositories/conversations';
import { listConversationEvents } from '../../core/repositories/events';
import { findLead } from '../../core/repositories/leads';
import { listMessages } from '../../core/repositories/messages';
import { ensureAgentProfile, listAgents, updateAgentProfile } from '../../core/repositories/inbox-agents';
import { countUnread, deleteCannedReply, findCsat, insertCannedReply, listCannedReplies, listInbox, listNotes, markRead } from '../../core/repositories/inbox';
import { findUser, toPublicUser } from '../../core/repositories/users';
import { summarizeConversation } from '../../bots/handoff/summary';
import { allowedTransitions } from '../../bots/handoff/state-machine';
import { requireRole } from '../auth/middleware';
import type { AppContext } from '../context';
import { parseBody } from '../http/validation';
import { inboxEvents } from './events';
import type { InboxActor } from './service';
import { inboxFor } from './registry';
import { contactName, directionOf, toInboxItem, toInboxMessage } from './views';

const Text = z.object({ text: z.string().min(1).max(4000), clientId: z.string().min(1).max(100).optional() });
const Transfer = z.object({ agentId: z.uuid(), note: z.string().max(2000).optional() });
const Close = z.object({ outcome: z.enum(conversationOutcomes.filter((o) => o !== 'returned') as ['won', 'lost', 'not_a_lead', 'resolved']), csat: z.boolean().optional() });
const Handoff = z.object({ reason: z.string().min(1).max(200).default('manual: taken over by an agent'), priority: z.enum(['low', 'normal', 'high', 'urgent']).optional() });
const Profile = z.object({
  status: z.enum(agentStatuses).optional(),
  maxOpen: z.number().int().min(1).max(100).optional(),
  languages: z.array(z.string().min(2).max(10)).max(20).optional(),
  skills: z.array(z.string().min(1).max(50)).max(20).optional(),
});
const Canned = z.object({
  botId: z.string().min(1).nullable().optional(),
  locale: z.string().min(2).max(10).default('en'),
  shortcut: z.string().min(1).max(50),
  title: z.string().min(1).max(200),
  text: z.string().min(1).max(4000),
});
const Read = z.object({ messageId: z.number().int().min(0) });
const Typing = z.object({ typing: z.boolean().default(true) });
const View = z.enum(['queue', 'mine', 'all']);

function actorOf(req: Request): Extract<InboxActor, { type: 'user' }> {
  const user = req.user!;
  return { type: 'user', id: user.id, role: user.role, name: user.name };
}

/**
 * The agent inbox API under /api/inbox (agents and admins): lists, conversation detail and transcript, the
 * ownership transitions (claim, assign-next, transfer, requeue, hand back, close), replies, notes, typing,
 * read markers, canned replies and agent status. The websocket is `/api/inbox/ws`.
 */
export function inboxRoutes(ctx: AppContext): Router {
  const router = Router();
  const inbox = () => inboxFor(ctx);
  const auth = requireRole(ctx.db, 'agent');
  const adminOnly = requireRole(ctx.db);

  router.use('/inbox', (req, _res, next) => {
    // The websocket needs the HTTP server; attach on the first request when startInbox was not given it.
    const server = (req.socket as { server?: unknown }).server;
    if (server && typeof (server as http.Server).on === 'function') inbox().attachServer(server as http.Server);
    next();
  });
  router.use('/inbox', auth, (req, _res, next) => {
    next();
  });

  /** Agents may see the queue and their own conversations; admins everything. */
  const visible = async (req: Request, conversation: ConversationRow): Promise<void> => {
    const user = req.user!;
    if (user.role === 'admin' || conversation.owner === 'queue' || conversation.assignedAgentId === user.id) return;
    const request = await inbox().service.requestOf(conversation.id);
    if (request?.assignedAgentId === user.id) return;
    throw new AuthError('this conversation belongs to another agent', 403);
  };
  const load = async (req: Request): Promise<ConversationRow> => {
    const conversation = await findConversation(ctx.db, String(req.params.id));
    if (!conversation) throw new NotFoundError('conversation', { conversationId: req.params.id });
    await visible(req, conversation);
    return conversation;
  };

  router.get('/inbox/me', async (req, res) => {
    const profile = await ensureAgentProfile(ctx.db, req.user!.id);
    res.json({ user: toPublicUser(req.user!), profile });
  });
  router.patch('/inbox/me', async (req, res) => {
    const body = parseBody(Profile, req.body);
    const profile = await updateAgentProfile(ctx.db, req.user!.id, body);
    ctx.bus.publish({ type: inboxEvents.agent, agentId: req.user!.id, status: profile.status });
    if (profile.status === 'online') await inbox().service.autoAssign();
    res.json({ profile });
  });
  router.get('/inbox/agents', async (_req, res) => {
    res.json({ agents: await listAgents(ctx.db) });
  });
  router.patch('/inbox/agents/:userId', adminOnly, async (req, res) => {
    const body = parseBody(Profile, req.body);
    const user = await findUser(ctx.db, String(req.params.userId));
    if (!user) throw new NotFoundError('user', { userId: req.params.userId });
    const profile = await updateAgentProfile(ctx.db, user.id, body);
    ctx.bus.publish({ type: inboxEvents.agent, agentId: user.id, status: profile.status });
    if (profile.status === 'online') await inbox().service.autoAssign();
    res.json({ profile });
  });

  router.get('/inbox/conversations', async (req, res) => {
    const view = parseBody(View, req.query.view ?? 'queue');
    if (view === 'all' && req.user!.role !== 'admin') throw new AuthError('the "all" view is for admins', 403);
    const rows = await listInbox(ctx.db, { view, userId: req.user!.id });
    res.json({ view, conversations: rows.map(toInboxItem) });
  });

  router.get('/inbox/conversations/:id', async (req, res) => {
    const conversation = await load(req);
    const [contact, lead, request, instance, events, csat] = await Promise.all([
      findContact(ctx.db, conversation.contactId),
      findLead(ctx.db, conversation.botId, conversation.contactId),
      inbox().service.requestOf(conversation.id),
      findChannelInstance(ctx.db, conversation.channelInstanceId),
      listConversationEvents(ctx.db, conversation.id),
      findCsat(ctx.db, conversation.id),
    ]);
    const transcript = await listMessages(ctx.db, conversation.id, { limit: 200 });
    const before = request ? transcript.filter((m) => m.createdAt <= request.requestedAt) : transcript;
    const captured = { ...(contact?.fields ?? {}), ...(lead?.fields ?? {}), ...(contact?.email ? { email: contact.email } : {}), ...(contact?.phone ? { phone: contact.phone } : {}) };
    const language = request?.language ?? conversation.locale ?? contact?.locale ?? null;
    const agent = conversation.assignedAgentId ? await findUser(ctx.db, conversation.assignedAgentId) : undefined;
    res.json({
      conversation: {
        id: conversation.id,
        botId: conversation.botId,
        owner: conversation.owner,
        assignedAgentId: conversation.assignedAgentId,
        agentName: agent?.name ?? null,
        locale: conversation.locale,
        language,
        dir: directionOf(language),
        channel: instance?.channel ?? null,
        createdAt: conversation.createdAt,
        closedAt: conversation.closedAt,
        canReply: conversation.owner === 'human' && conversation.assignedAgentId === req.user!.id,
        transitions: allowedTransitions(conversation.owner),
      },
      contact: contact && { id: contact.id, name: contactName(contact), firstName: contact.firstName, lastName: contact.lastName, email: contact.email, phone: contact.phone, locale: contact.locale, fields: contact.fields },
      lead: lead && { id: lead.id, score: lead.score, status: lead.status, fields: lead.fields },
      request: request ?? null,
      captured,
      summary: summarizeConversation({ reason: request?.reason, transcript: before.map((m) => ({ sender: m.sender, text: m.text })), captured, leadScore: lead?.score, language }),
      csat: csat ?? null,
      events: events.slice(-50),
      unread: await countUnread(ctx.db, req.user!.id, conversation.id),
    });
  });

  router.get('/inbox/conversations/:id/messages', async (req, res) => {
    const conversation = await load(req);
    const after = Number(req.query.after ?? 0);
    const limit = Math.min(500, Math.max(1, Number(req.query.limit ?? 500)));
    const rows = await listMessages(ctx.db, conversation.id, { afterId: Number.isFinite(after) && after > 0 ? after : undefined, limit });
    res.json({ messages: rows.map(toInboxMessage), notes: await listNotes(ctx.db, conversation.id) });
  });

  router.post('/inbox/conversations/:id/claim', async (req, res) => {
    const conversation = await inbox().service.claim(String(req.params.id), actorOf(req));
    res.json({ conversation });
  });
  router.post('/inbox/assign-next', async (req, res) => {
    const profile = await ensureAgentProfile(ctx.db, req.user!.id);
    if (profile.status !== 'online') await updateAgentProfile(ctx.db, req.user!.id, { status: 'online' });
    const assigned = await inbox().service.assignOnce({ agentId: req.user!.id });
    res.json({ conversationId: assigned?.conversation.id ?? null });
  });
  router.post('/inbox/conversations/:id/handoff', async (req, res) => {
    const body = parseBody(Handoff, req.body);
    // Agents may only hand over conversations they can see (the queue, their own); admins any.
    await load(req);
    const request = await inbox().service.requestHandoff(String(req.params.id), { actor: actorOf(req), reason: body.reason, priority: body.priority });
    res.json({ request: request ?? null });
  });
  router.post('/inbox/conversations/:id/transfer', async (req, res) => {
    const body = parseBody(Transfer, req.body);
    const conversation = await inbox().service.transfer(String(req.params.id), actorOf(req), body.agentId, body.note);
    res.json({ conversation });
  });
  router.post('/inbox/conversations/:id/requeue', async (req, res) => {
    const conversation = await inbox().service.requeue(String(req.params.id), actorOf(req));
    res.json({ conversation });
  });
  router.post('/inbox/conversations/:id/handback', async (req, res) => {
    const conversation = await inbox().service.handBack(String(req.params.id), actorOf(req));
    res.json({ conversation });
  });
  router.post('/inbox/conversations/:id/close', async (req, res) => {
    const body = parseBody(Close, req.body);
    const conversation = await inbox().service.close(String(req.params.id), actorOf(req), body);
    res.json({ conversation });
  });
  router.post('/inbox/conversations/:id/messages', async (req, res) => {
    const body = parseBody(Text, req.body);
    const result = await inbox().service.sendReply(String(req.params.id), actorOf(req), body.text, body.clientId);
    res.status(result.duplicate ? 200 : 201).json({ duplicate: result.duplicate, messageIds: result.messageIds, messages: 'messages' in result ? result.messages?.map(toInboxMessage) : undefined });
  });
  router.post('/inbox/conversations/:id/notes', async (req, res) => {
    const body = parseBody(Text, req.body);
    await load(req);
    const note = await inbox().service.addNote(String(req.params.id), actorOf(req), body.text);
    res.status(201).json({ note });
  });
  router.post('/inbox/conversations/:id/typing', async (req, res) => {
    const body = parseBody(Typing, req.body);
    await inbox().service.typing(String(req.params.id), actorOf(req), body.typing);
    res.json({ ok: true });
  });
  router.post('/inbox/conversations/:id/read', async (req, res) => {
    const body = parseBody(Read, req.body);
    const conversation = await load(req);
    await markRead(ctx.db, req.user!.id, conversation.id, body.messageId);
    ctx.bus.publish({ type: inboxEvents.read, userId: req.user!.id, conversationId: conversation.id, messageId: body.messageId });
    res.json({ unread: await countUnread(ctx.db, req.user!.id, conversation.id) });
  });

  router.get('/inbox/canned-replies', async (req, res) => {
    const botId = typeof req.query.botId === 'string' ? req.query.botId : undefined;
    const locale = typeof req.query.locale === 'string' ? req.query.locale : undefined;
    res.json({ cannedReplies: await listCannedReplies(ctx.db, { botId, locale }) });
  });
  router.post('/inbox/canned-replies', async (req, res) => {
    const body = parseBody(Canned, req.body);
    const row = await insertCannedReply(ctx.db, { ...body, botId: body.botId ?? null, createdBy: req.user!.id });
    res.status(201).json({ cannedReply: row });
  });
  router.delete('/inbox/canned-replies/:id', async (req, res) => {
    if (!(await deleteCannedReply(ctx.db, String(req.params.id)))) throw new NotFoundError('canned reply', { id: req.params.id });
    res.json({ ok: true });
  });
  return router;
}
