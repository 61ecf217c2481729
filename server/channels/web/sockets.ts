import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { decodeWebMessage } from '../../../channels/web/decode';
import { verifyVisitorToken } from '../../../channels/web/token';
import { AppError } from '../../../core/errors';
import type { Logger } from '../../../core/logger';
import type { InboundMessage } from '../../../core/messages';
import { findConversationPeer, listIdentityMessages } from '../../../core/repositories/deliveries';
import type { AppContext } from '../../context';
import type { BusEvent } from '../../realtime/bus';
import { toWidgetMessage, type WebInstances } from './visitor';

interface Client {
  ws: WebSocket;
  botId: string;
  channelInstanceId: string;
  visitorId: string;
  /** Highest message id pushed to this socket. */
  lastId: number;
  flushing: boolean;
  dirty: boolean;
  alive: boolean;
}

export const webSocketPath = /^\/api\/channels\/web\/([^/]+)\/ws$/;

/**
 * The widget's real-time connection: `/api/channels/web/:botId/ws?token=<visitor token>`. The server
 * pushes every new message of the visitor's conversations (bot replies, agent messages), whichever
 * server instance stored them, by listening to the bus; the widget may also send its messages here.
 *
 * Client → server: `{type:'hello', after}`, `{type:'message', messageId, text? | postback? | start?, locale?}`, `{type:'ping'}`.
 * Server → client: `{type:'ready', visitorId}`, `{type:'message', message}`, `{type:'ack', messageId}`,
 * `{type:'error', messageId?, error:{code,message}}`, `{type:'owner', owner}`, `{type:'pong'}`.
 */
export class WebSockets {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly clients = new Map<string, Set<Client>>();
  private readonly peers = new Map<string, { key: string } | null>();
  private readonly attached = new WeakSet<http.Server>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  private readonly log: Logger;

  constructor(
    private readonly ctx: AppContext,
    private readonly instances: WebInstances,
    private readonly receive: (message: InboundMessage) => Promise<{ conversationId: string; duplicate: boolean }>,
  ) {
    this.log = ctx.logger.child({ channel: 'web' });
    this.unsubscribe = ctx.bus.subscribe((event) => this.onBusEvent(event));
    this.heartbeat = setInterval(() => this.ping(), 30000);
    this.heartbeat.unref();
  }

  /** Takes websocket upgrades of `server` (once per server). */
  attach(server: http.Server): void {
    if (this.attached.has(server)) return;
    this.attached.add(server);
    server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const match = webSocketPath.exec(url.pathname);
      if (!match) return; // someone else's upgrade (the agent inbox...)
      this.upgrade(req, socket, head, decodeURIComponent(match[1]), url.searchParams.get('token') ?? undefined).catch((error: unknown) => {
        this.log.error({ err: error }, 'websocket upgrade failed');
        reject(socket, 500, 'Internal Server Error');
      });
    });
  }

  get size(): number {
    let count = 0;
    for (const set of this.clients.values()) count += set.size;
    return count;
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    this.unsubscribe();
    for (const set of this.clients.values()) for (const client of set) client.ws.close(1001, 'server shutting down');
    this.clients.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private async upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer, botId: string, token: string | undefined): Promise<void> {
    const claims = verifyVisitorToken(token, this.ctx.appSecret);
    if (!claims || claims.botId !== botId) {
      this.log.warn({ botId }, 'websocket without a valid visitor token rejected');
      return reject(socket, 401, 'Unauthorized');
    }
    const instance = await this.instances.find(botId);
    if (!instance) return reject(socket, 404, 'Not Found');
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const client: Client = { ws, botId, channelInstanceId: instance.id, visitorId: claims.visitorId, lastId: 0, flushing: false, dirty: false, alive: true };
      this.add(client);
      ws.on('pong', () => {
        client.alive = true;
      });
      ws.on('message', (data, isBinary) => {
        if (isBinary) return this.send(client, { type: 'error', error: { code: 'invalid_request', message: 'text frames only' } });
        void this.onClientMessage(client, data.toString());
      });
      ws.on('close', () => this.remove(client));
      ws.on('error', (error) => this.log.debug({ err: error }, 'websocket error'));
      this.send(client, { type: 'ready', visitorId: client.visitorId });
    });
  }

  private async onClientMessage(client: Client, raw: string): Promise<void> {
    let frame: { type?: unknown; after?: unknown; messageId?: unknown; [key: string]: unknown };
    try {
      frame = JSON.parse(raw) as typeof frame;
    } catch {
      this.log.info({ visitorId: client.visitorId }, 'ignored a malformed websocket frame');
      return this.send(client, { type: 'error', error: { code: 'invalid_json', message: 'frames must be JSON' } });
    }
    if (frame.type === 'ping') return this.send(client, { type: 'pong' });
    if (frame.type === 'hello') {
      client.lastId = typeof frame.after === 'number' && frame.after >= 0 ? frame.after : 0;
      return this.flush(client);
    }
    if (frame.type !== 'message') return this.send(client, { type: 'error', error: { code: 'invalid_request', message: 'unknown frame type' } });
    const messageId = typeof frame.messageId === 'string' ? frame.messageId : undefined;
    try {
      const message = decodeWebMessage({ ...frame, type: undefined, visitorId: client.visitorId }, client.channelInstanceId);
      const turn = await this.receive(message);
      this.send(client, { type: 'ack', messageId, conversationId: turn.conversationId, ...(turn.duplicate ? { duplicate: true } : {}) });
      // The bus brings the new messages; flushing here too covers a bus hiccup.
      void this.flush(client);
    } catch (error) {
      const known = error instanceof AppError;
      if (!known || error.status >= 500) this.log.warn({ err: error, visitorId: client.visitorId }, 'websocket message failed');
      else this.log.info({ reason: error.message, visitorId: client.visitorId }, 'websocket message rejected');
      this.send(client, { type: 'error', messageId, error: known ? { code: error.code, message: error.message } : { code: 'internal', message: 'internal error' } });
    }
  }

  private onBusEvent(event: BusEvent): void {
    if (event.type !== 'message.created' && event.type !== 'conversation.owner') return;
    const conversationId = typeof event.conversationId === 'string' ? event.conversationId : undefined;
    if (!conversationId || this.clients.size === 0) return;
    void this.keyFor(conversationId).then((key) => {
      const set = key ? this.clients.get(key) : undefined;
      if (!set) return;
      for (const client of set) {
        if (event.type === 'conversation.owner') this.send(client, { type: 'owner', owner: event.owner });
        else void this.flush(client);
      }
    }).catch((error: unknown) => this.log.warn({ err: error, conversationId }, 'could not route a real-time event'));
  }

  /** Which visitor a conversation belongs to (conversations never change visitor, so this is cached). */
  private async keyFor(conversationId: string): Promise<string | undefined> {
    if (this.peers.has(conversationId)) return this.peers.get(conversationId)?.key;
    const peer = await findConversationPeer(this.ctx.db, conversationId);
    if (this.peers.size > 20000) this.peers.clear();
    this.peers.set(conversationId, peer ? { key: clientKey(peer.channelInstanceId, peer.externalUserId) } : null);
    return peer ? clientKey(peer.channelInstanceId, peer.externalUserId) : undefined;
  }

  private async flush(client: Client): Promise<void> {
    if (client.flushing) {
      client.dirty = true;
      return;
    }
    client.flushing = true;
    try {
      do {
        client.dirty = false;
        const rows = await listIdentityMessages(this.ctx.db, { channelInstanceId: client.channelInstanceId, externalUserId: client.visitorId }, { afterId: client.lastId, limit: 200 });
        for (const row of rows) {
          this.send(client, { type: 'message', message: toWidgetMessage(row, client.visitorId) });
          client.lastId = Math.max(client.lastId, row.id);
        }
      } while (client.dirty && client.ws.readyState === client.ws.OPEN);
    } catch (error) {
      this.log.warn({ err: error, visitorId: client.visitorId }, 'could not push messages to a widget');
    } finally {
      client.flushing = false;
    }
  }

  private add(client: Client): void {
    const key = clientKey(client.channelInstanceId, client.visitorId);
    let set = this.clients.get(key);
    if (!set) this.clients.set(key, (set = new Set()));
    set.add(client);
  }

  private remove(client: Client): void {
    const key = clientKey(client.channelInstanceId, client.visitorId);
    const set = this.clients.get(key);
    set?.delete(client);
    if (set?.size === 0) this.clients.delete(key);
  }

  private send(client: Client, frame: Record<string, unknown>): void {
    if (client.ws.readyState === client.ws.OPEN) client.ws.send(JSON.stringify(frame));
  }

  private ping(): void {
    for (const set of this.clients.values()) {
      for (const client of set) {
        if (!client.alive) {
          client.ws.terminate();
          continue;
        }
        client.alive = false;
        client.ws.ping();
      }
    }
  }
}

function clientKey(channelInstanceId: string, visitorId: string): string {
  return `${channelInstanceId}\u0000${visitorId}`;
}

function reject(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
