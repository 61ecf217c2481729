import type { Request } from 'express';
import { clientMessageId } from '../../../channels/web/decode';
import { verifyVisitorToken, type VisitorClaims } from '../../../channels/web/token';
import { AuthError } from '../../../core/errors';
import type { OutboundMessage } from '../../../core/messages';
import type { MessageRow } from '../../../core/repositories/messages';
import { findChannelInstanceByType, type ChannelInstanceRow } from '../../../core/repositories/bots';
import type { Database } from '../../../core/db/client';

/** A stored message as the widget sees it. */
export interface WidgetMessage {
  id: number;
  direction: 'in' | 'out';
  sender: string;
  type: string;
  text: string;
  /** Bot, agent and system messages: the canonical message to render. */
  message?: OutboundMessage;
  /** Visitor messages: the id the widget gave it, to match its optimistic bubble. */
  clientMessageId?: string;
  createdAt: string;
}

/** A stored message of `visitorId`'s conversation as the widget sees it. */
export function toWidgetMessage(row: MessageRow, visitorId: string): WidgetMessage {
  return {
    id: row.id,
    direction: row.direction,
    sender: row.sender,
    type: row.type,
    text: row.text,
    ...(row.direction === 'out' ? { message: row.payload as unknown as OutboundMessage } : { clientMessageId: row.externalMessageId ? clientMessageId(row.externalMessageId, visitorId) : undefined }),
    createdAt: row.createdAt.toISOString(),
  };
}

export function visitorTokenFrom(req: Request): string | undefined {
  const header = req.headers['x-visitor-token'];
  if (typeof header === 'string' && header) return header;
  return typeof req.query.token === 'string' ? req.query.token : undefined;
}

/** The visitor a request's token proves, for this bot; 401 without a valid token. */
export function requireVisitor(token: string | undefined, botId: string, secret: string): VisitorClaims {
  const claims = verifyVisitorToken(token, secret);
  if (!claims || claims.botId !== botId) throw new AuthError('a valid visitor token is required');
  return claims;
}

/** The bot's web channel instance, cached briefly: every widget request needs it. */
export class WebInstances {
  private readonly cache = new Map<string, { row: ChannelInstanceRow | undefined; at: number }>();
  constructor(private readonly db: Database, private readonly ttlMs = 5000) {}

  async find(botId: string): Promise<ChannelInstanceRow | undefined> {
    const cached = this.cache.get(botId);
    if (cached && Date.now() - cached.at < this.ttlMs) return cached.row;
    const row = await findChannelInstanceByType(this.db, botId, 'web');
    if (this.cache.size > 1000) this.cache.clear();
    this.cache.set(botId, { row, at: Date.now() });
    return row;
  }

  forget(): void {
    this.cache.clear();
  }
}
