import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { eq } from 'drizzle-orm';
import { WebSocketServer, type WebSocket } from 'ws';
import { conversations, messages } from '../../core/db/schema/index';
import type { Logger } from '../../core/logger';
import { toPublicUser, type UserRow } from '../../core/repositories/users';
import { sessionCookie } from '../auth/middleware';
import { userForToken } from '../auth/sessions';
import type { AppContext } from '../context';
import type { BusEvent } from '../realtime/bus';
import { inboxEvents } from './events';
import type { InboxService } from './service';
import { toInboxMessage } from './views';

export const inboxSocketPath = '/api/inbox/ws';

interface AgentClient {
  ws: WebSocket;
  user: UserRow;
  alive: boolean;
  /** The conversation open in this tab (gets its messages, notes and typing even when not assigned). */
  watching: string | null;
}

/**
 * The agents' real-time connection: `/api/inbox/ws?token=…` (or the session cookie). Every instance forwards
 * bus events to its own sockets, filtered per user: messages of their conversations (admins: all), queue and
 * conversation changes, notes, typing, alerts, read markers. Frames carry ids; a reconnecting client refetches
 * `GET /api/inbox/conversations/:id/messages?after=<last id>` and dedupes by id.
 *
 * Client → server: `{type:'ping'}`, `{type:'watch', conversationId|null}`, `{type:'typing', conversationId, typing}`.
 * Server → client: `ready`, `pong`, `message`, `note`, `typing`, `inbox.changed`, `alert`, `read`, `agents.changed`.
 */
export class InboxSockets {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly clients = new Set<AgentClient>();
  private readonly attached = new WeakSet<http.Server>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  private readonly log: Logger;

  constructor(
    private readonly ctx: AppContext,
    private readonly service: InboxService,
    heartbeatMs = 20_000,
  ) {
    this.log = ctx.logger.child({ component: 'inbox-ws' });
    this.unsubscribe = ctx.bus.subscribe((event) => this.onBusEvent(event));
    this.heartbeat = setInterval(() => this.beat(), heartbeatMs);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  attach(server: http.Server): void {
    if (this.attached.has(server)) return;
    this.attached.add(server);
    server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== inboxSocketPath) return; // someone else's upgrade (the widget)
      this.upgrade(req, socket, head, url).catch((error: unknown) => {
        this.log.error({ err: error }, 'inbox websocket upgrade failed');
        reject(socket, 500, 'Internal Server Error');
      });
    });
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    this.unsubscribe();
    for (const client of this.clients) client.ws.terminate();
    this.clients.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private async upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer, url: URL): Promise<void> {
    const token = url.searchParams.get('token') ?? cookieToken(req.headers.cookie);
    const user = token ? await userForToken(this.ctx.db, token) : undefined;
    if (!user) return reject(socket, 401, 'Unauthorized');
    if (user.role !== 'agent' && user.role !== 'admin') return reject(socket, 403, 'Forbidden');
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const client: AgentClient = { ws, user, alive: true, watching: null };
      this.clients.add(client);
      ws.on('pong', () => {
        client.alive = true;
      });
      ws.on('message', (data, isBinary) => {
        if (!isBinary) void this.onClientFrame(client, data.toString());
      });
      ws.on('close', () => this.clients.delete(client));
      ws.on('error', (error) => this.log.debug({ err: error }, 'inbox websocket error'));
      this.send(client, { type: 'ready', user: toPublicUser(user) });
    });
  }

  private async onClientFrame(client: AgentClient, raw: string): Promise<void> {
    let frame: { type?: unknown; conversationId?: unknown; typing?: unknown };
    try {
      frame = JSON.parse(raw) as typeof frame;
    } catch {
      return this.send(client, { type: 'error', error: { code: 'invalid_json', message: 'frames must be JSON' } });
    }
    const conversationId = typeof frame.conversationId === 'string' ? frame.conversationId : null;
    switch (frame.type) {
      case 'ping':
        return this.send(client, { type: 'pong' });
      case 'watch':
        client.watching = conversationId;
        return;
      case 'typing':
        if (!conversationId) return;
        await this.service
          .typing(conversationId, { type: 'user', id: client.user.id, role: client.user.role }, frame.typing !== false)
          .catch((error: unknown) => this.log.warn({ err: error }, 'typing failed'));
        return;
      default:
        return this.send(client, { type: 'error', error: { code: 'invalid_request', message: 'unknown frame type' } });
    }
  }

  private concerns(client: AgentClient, conversationId: string, agentId: string | null | undefined): boolean {
    return client.user.role === 'admin' || client.watching === conversationId || (!!agentId && agentId === client.user.id);
  }

  private onBusEvent(event: BusEvent): void {
    if (this.clients.size === 0) return;
    const conversationId = typeof event.conversationId === 'string' ? event.conversationId : '';
    const fields = event as Record<string, unknown>;
    const agentId = typeof fields.agentId === 'string' ? fields.agentId : null;
    switch (event.type) {
      case 'message.created':
        void this.forwardMessage(conversationId, Number(event.messageId)).catch((error: unknown) => this.log.warn({ err: error, conversationId }, 'could not forward a message'));
        return;
      case inboxEvents.conversation:
      case inboxEvents.queue:
      case inboxEvents.csat:
        for (const client of this.clients) this.send(client, { type: 'inbox.changed', event });
        return;
      case inboxEvents.agent:
        for (const client of this.clients) this.send(client, { type: 'agents.changed', event });
        return;
      case inboxEvents.note:
        for (const client of this.clients) if (this.concerns(client, conversationId, agentId)) this.send(client, { type: 'note', conversationId, note: event.note });
        return;
      case inboxEvents.typing:
        if (event.from !== 'contact') return;
        void this.forwardTyping(conversationId, event.typing !== false);
        return;
      case inboxEvents.alert:
        for (const client of this.clients) if (client.user.role === 'admin' || (agentId && agentId === client.user.id)) this.send(client, { type: 'alert', event });
        return;
      case inboxEvents.read:
        for (const client of this.clients) if (client.user.id === event.userId) this.send(client, { type: 'read', conversationId, messageId: event.messageId });
        return;
      default:
    }
  }

  private async forwardTyping(conversationId: string, typing: boolean): Promise<void> {
    const [row] = await this.ctx.db.select({ agentId: conversations.assignedAgentId }).from(conversations).where(eq(conversations.id, conversationId)).limit(1);
    for (const client of this.clients) if (this.concerns(client, conversationId, row?.agentId)) this.send(client, { type: 'typing', conversationId, from: 'contact', typing });
  }

  private async forwardMessage(conversationId: string, messageId: number): Promise<void> {
    if (!conversationId || !Number.isFinite(messageId)) return;
    const [row] = await this.ctx.db
      .select({ message: messages, owner: conversations.owner, agentId: conversations.assignedAgentId })
      .from(messages)
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .where(eq(messages.id, messageId))
      .limit(1);
    if (!row) return;
    const frame = { type: 'message', conversationId, owner: row.owner, message: toInboxMessage(row.message) };
    for (const client of this.clients) {
      if (this.concerns(client, conversationId, row.agentId)) this.send(client, frame);
      else if (row.owner === 'queue' && row.message.direction === 'in') this.send(client, { type: 'inbox.changed', event: { type: 'message', conversationId } });
    }
  }

  private beat(): void {
    for (const client of this.clients) {
      if (!client.alive) {
        client.ws.terminate();
        this.clients.delete(client);
        continue;
      }
      client.alive = false;
      client.ws.ping();
    }
  }

  private send(client: AgentClient, frame: unknown): void {
    if (client.ws.readyState === client.ws.OPEN) client.ws.send(JSON.stringify(frame));
  }
}

function cookieToken(header: string | undefined): string | undefined {
  const cookie = header?.split(';').map((c) => c.trim()).find((c) => c.startsWith(`${sessionCookie}=`));
  return cookie ? decodeURIComponent(cookie.slice(sessionCookie.length + 1)) : undefined;
}

function reject(socket: Duplex, status: number, text: string): void {
  socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}
