import { Router } from 'express';
import { NotFoundError } from '../../core/errors';
import { findChannelInstanceByType } from '../../core/repositories/bots';
import { decodeWebMessage } from '../../channels/web/decode';
import type { AppContext } from '../context';
import { param } from '../http/params';

/** The website channel's synchronous endpoint: a visitor message in, the bot's replies out. */
export function webChannelRoutes(ctx: AppContext): Router {
  const router = Router();
  router.post('/channels/web/:botId/messages', async (req, res) => {
    const instance = await findChannelInstanceByType(ctx.db, param(req, 'botId'), 'web');
    if (!instance) throw new NotFoundError('bot', { botId: param(req, 'botId') });
    const message = decodeWebMessage(req.body, instance.id);
    const turn = await ctx.runtime.handleInbound(message);
    res.json({ replies: turn.replies, conversationId: turn.conversationId, ...(turn.duplicate ? { duplicate: true } : {}) });
  });
  return router;
}
