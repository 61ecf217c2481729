import path from 'node:path';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { decodeWebMessage } from '../../../channels/web/decode';
import { newVisitorId, signVisitorToken, verifyVisitorToken } from '../../../channels/web/token';
import { AuthError, NotFoundError } from '../../../core/errors';
import type { InboundMessage } from '../../../core/messages';
import { findBot } from '../../../core/repositories/bots';
import { findLatestConversation, listIdentityMessages } from '../../../core/repositories/deliveries';
import type { TurnResult } from '../../../bots/runtime/types';
import type { AppContext } from '../../context';
import { parseBody } from '../../http/validation';
import { requireVisitor, toWidgetMessage, visitorTokenFrom, type WebInstances } from './visitor';
import { tokenFromRequest } from '../../auth/middleware';
import { userForToken } from '../../auth/sessions';

export const publicDir = path.join(__dirname, '..', '..', 'public');

const SessionBody = z.object({ token: z.string().max(1024).optional(), locale: z.string().max(20).optional() });
const HistoryQuery = z.object({ after: z.coerce.number().int().min(0).optional(), limit: z.coerce.number().int().min(1).max(500).optional() });

/** The one-line snippet a site owner pastes to embed the widget. */
export function widgetSnippet(publicUrl: string, botId: string): string {
  return `<script src="${publicUrl}/widget.js" data-bot="${botId}" async></script>`;
}

/**
 * The website channel: the widget script and demo page, visitor sessions (signed tokens), history, and
 * the message endpoint `POST /api/channels/web/:botId/messages` (`{visitorId, messageId, text}` → `{replies}`).
 */
export function webRoutes(ctx: AppContext, instances: WebInstances, receive: (message: InboundMessage) => Promise<TurnResult>): Router {
  const router = Router();

  router.get('/widget.js', (_req, res) => {
    res.set({ 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'public, max-age=300', 'Content-Type': 'application/javascript; charset=utf-8' });
    res.sendFile(path.join(publicDir, 'widget.js'));
  });
  router.get('/demo', (_req, res) => {
    res.set('Cache-Control', 'no-cache');
    res.sendFile(path.join(publicDir, 'demo.html'));
  });

  const api = Router();
  api.use(cors(ctx, instances));
  api.use(express.json({ limit: ctx.config.MAX_BODY_BYTES }));

  api.post('/:botId/session', async (req, res) => {
    const botId = req.params.botId as string;
    const instance = await instances.find(botId);
    if (!instance) throw new NotFoundError('bot', { botId });
    const body = parseBody(SessionBody, req.body);
    const known = verifyVisitorToken(body.token, ctx.appSecret);
    const visitorId = known && known.botId === botId ? known.visitorId : newVisitorId();
    const conversation = known ? await findLatestConversation(ctx.db, { channelInstanceId: instance.id, externalUserId: visitorId }) : undefined;
    const bot = await findBot(ctx.db, botId);
    const config = instance.config as { title?: string; color?: string; locale?: string };
    res.json({
      token: signVisitorToken({ botId, visitorId }, ctx.appSecret),
      visitorId,
      returning: Boolean(known && known.botId === botId),
      conversation: conversation ? { id: conversation.id, locale: conversation.locale, owner: conversation.owner } : null,
      widget: { title: config.title ?? bot?.name ?? botId, color: config.color, locale: config.locale },
    });
  });

  api.get('/:botId/messages', async (req, res) => {
    const botId = req.params.botId as string;
    const visitor = requireVisitor(visitorTokenFrom(req), botId, ctx.appSecret);
    const instance = await instances.find(botId);
    if (!instance) throw new NotFoundError('bot', { botId });
    const query = parseBody(HistoryQuery, req.query);
    const rows = await listIdentityMessages(ctx.db, { channelInstanceId: instance.id, externalUserId: visitor.visitorId }, { afterId: query.after, limit: query.limit });
    res.json({ messages: rows.map((row) => toWidgetMessage(row, visitor.visitorId)) });
  });

  api.post('/:botId/messages', async (req, res) => {
    const botId = req.params.botId as string;
    const instance = await instances.find(botId);
    if (!instance) throw new NotFoundError('bot', { botId });
    const token = visitorTokenFrom(req);
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
    if (token) {
      const visitor = requireVisitor(token, botId, ctx.appSecret);
      if (body.visitorId === undefined) body.visitorId = visitor.visitorId;
      else if (body.visitorId !== visitor.visitorId) throw new AuthError('the visitor token belongs to another visitor', 403);
    }
    const message = decodeWebMessage(body, instance.id);
    const turn = await receive(message);
    const debug = req.query.debug !== undefined && (await mayDebug(ctx, req)) ? { debug: turn.debug ?? null } : {};
    res.json({ replies: turn.replies, conversationId: turn.conversationId, ...(turn.duplicate ? { duplicate: true } : {}), ...debug });
  });

  router.use('/api/channels/web', api);
  return router;
}

/** Lets pages on other origins embed the widget (restricted to `allowedOrigins` when the instance sets them). */
function cors(ctx: AppContext, instances: WebInstances) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const origin = req.headers.origin;
    if (origin) {
      const botId = /^\/([^/]+)\//.exec(req.path)?.[1];
      const instance = botId ? await instances.find(decodeURIComponent(botId)).catch(() => undefined) : undefined;
      const allowed = (instance?.config as { allowedOrigins?: string[] } | undefined)?.allowedOrigins;
      if (!allowed?.length || allowed.some((o) => new URL(o).origin === origin)) {
        res.set({ 'Access-Control-Allow-Origin': origin, Vary: 'Origin', 'Access-Control-Allow-Headers': 'content-type, x-visitor-token', 'Access-Control-Allow-Methods': 'GET, POST, OPTIONS', 'Access-Control-Max-Age': '600' });
      } else {
        ctx.logger.info({ origin, botId }, 'widget request from a page that is not an allowed origin');
      }
    }
    if (req.method === 'OPTIONS') return void res.status(204).end();
    next();
  };
}

/** The studio's test chat (a signed-in marketer or admin) may see which blocks ran; visitors never do. */
async function mayDebug(ctx: AppContext, req: Request): Promise<boolean> {
  const token = tokenFromRequest(req);
  const user = token ? await userForToken(ctx.db, token) : undefined;
  return user?.role === 'admin' || user?.role === 'marketer';
}
