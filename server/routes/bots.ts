import { Router } from 'express';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../core/errors';
import { findBot, listBots, upsertBot } from '../../core/repositories/bots';
import { BotSettings } from '../../bots/settings';
import { HandoffSettings } from '../../bots/handoff/settings';
import { requireRole } from '../auth/middleware';
import type { AppContext } from '../context';
import { param } from '../http/params';
import { parseBody } from '../http/validation';

const NewBot = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower case letters, digits and -'), name: z.string().min(1).max(200), settings: z.record(z.string(), z.unknown()).default({}) });

export function botRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/bots', requireRole(ctx.db, 'marketer', 'agent'), async (_req, res) => {
    res.json({ bots: (await listBots(ctx.db)).map(({ id, name, createdAt }) => ({ id, name, createdAt })) });
  });
  router.post('/bots', requireRole(ctx.db), async (req, res) => {
    const body = parseBody(NewBot, req.body);
    if (await findBot(ctx.db, body.id)) throw new ValidationError('a bot with this id already exists', { field: 'id' }, { status: 409, code: 'conflict' });
    const settings = checkSettings(body.settings);
    res.status(201).json({ bot: await upsertBot(ctx.db, { id: body.id, name: body.name, settings }) });
  });
  router.get('/bots/:botId', requireRole(ctx.db, 'marketer'), async (req, res) => {
    const bot = await findBot(ctx.db, param(req, 'botId'));
    if (!bot) throw new NotFoundError('bot', { botId: param(req, 'botId') });
    res.json({ bot });
  });
  router.put('/bots/:botId/settings', requireRole(ctx.db, 'marketer'), async (req, res) => {
    const bot = await findBot(ctx.db, param(req, 'botId'));
    if (!bot) throw new NotFoundError('bot', { botId: param(req, 'botId') });
    const settings = checkSettings(parseBody(z.record(z.string(), z.unknown()), req.body));
    res.json({ bot: await upsertBot(ctx.db, { id: bot.id, name: bot.name, settings }) });
  });
  return router;
}

/** Settings are stored as given (defaults are filled in when read); what does not parse is refused, naming the field. */
function checkSettings(raw: Record<string, unknown>): Record<string, unknown> {
  const parsed = BotSettings.safeParse(raw);
  const handoff = raw.handoff === undefined ? undefined : HandoffSettings.safeParse(raw.handoff);
  const issue = parsed.error?.issues[0] ?? (handoff?.error && { ...handoff.error.issues[0], path: ['handoff', ...handoff.error.issues[0].path] });
  if (issue) throw new ValidationError(`settings.${issue.path.join('.')}: ${issue.message}`, { field: `settings.${issue.path.join('.')}` });
  return raw;
}
