import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import QRCode from 'qrcode';
import { z } from 'zod';
import { adapterFor } from '../../channels/registry';
import { ChannelType } from '../../core/messages';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors';
import { deleteChannelInstance, findBot, findChannelInstance, listChannelInstances, upsertChannelInstance, type ChannelInstanceRow } from '../../core/repositories/bots';
import { requireRole } from '../auth/middleware';
import { announceChannelChange, channelManagerFor } from '../channels/index';
import { widgetSnippet } from '../channels/web/routes';
import type { AppContext } from '../context';
import { parseBody } from '../http/validation';

const masked = '********';
const InstanceId = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1-64 letters, digits, _ . -');
const CreateBody = z.object({
  id: InstanceId.optional(),
  channel: ChannelType,
  name: z.string().max(200).optional(),
  config: z.record(z.string(), z.unknown()).default({}),
  enabled: z.boolean().optional(),
});
const PatchBody = z.object({
  name: z.string().max(200).optional(),
  /** Merged into the stored config; secrets sent back masked keep their stored value. */
  config: z.record(z.string(), z.unknown()).optional(),
  enabled: z.boolean().optional(),
});

/**
 * Channel instances of a bot, for admins: `GET/POST /bots/:botId/channels`, `PATCH/DELETE .../:id`,
 * `GET .../:id/status` and `.../:id/qr.png` (WhatsApp pairing). Secrets are masked in every answer;
 * changes start or stop the instance on every server instance (through the bus).
 */
export function channelAdminRoutes(ctx: AppContext): Router {
  const router = Router();
  const admin = requireRole(ctx.db, 'admin');

  const view = (row: ChannelInstanceRow) => {
    const adapter = adapterFor(row.channel);
    const secrets = new Set(adapter?.secretFields ?? []);
    const config = Object.fromEntries(Object.entries(row.config).map(([key, value]) => [key, secrets.has(key) && value ? masked : value]));
    const status = channelManagerFor(ctx).status(row.id);
    const { qr: _qr, ...publicStatus } = status;
    return {
      id: row.id,
      botId: row.botId,
      channel: row.channel,
      name: row.name,
      enabled: row.enabled,
      config,
      status: { ...publicStatus, hasQr: Boolean(status.qr) },
      createdAt: row.createdAt,
      ...(row.channel === 'web' ? { snippet: widgetSnippet(ctx.publicUrl, row.botId) } : {}),
      ...(row.channel === 'telegram' ? { webhookUrl: `${ctx.publicUrl}/webhooks/telegram/${row.id}` } : {}),
      ...(row.channel === 'botframework' ? { messagingEndpoint: `${ctx.publicUrl}/api/messages/${row.id}` } : {}),
    };
  };

  const instanceOf = async (botId: string, id: string) => {
    const row = await findChannelInstance(ctx.db, id);
    if (!row || row.botId !== botId) throw new NotFoundError('channel instance', { botId, channelInstanceId: id });
    return row;
  };

  const validConfig = (channel: string, config: Record<string, unknown>) => {
    const adapter = adapterFor(channel);
    if (!adapter) throw new ValidationError(`unknown channel ${channel}`, { field: 'channel' });
    const parsed = adapter.configSchema.safeParse(config);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = ['config', ...issue.path.map(String)].join('.');
      throw new ValidationError(`${field}: ${issue.message}`, { field });
    }
    return parsed.data as Record<string, unknown>;
  };

  /** Saves, then reloads here before answering (so the status is current) and on every other instance. */
  const apply = async (id: string) => {
    await channelManagerFor(ctx).reload(id);
    announceChannelChange(ctx, id);
  };

  router.get('/bots/:botId/channels', admin, async (req, res) => {
    const botId = req.params.botId as string;
    if (!(await findBot(ctx.db, botId))) throw new NotFoundError('bot', { botId });
    const rows = await listChannelInstances(ctx.db, { botId });
    res.json({ channels: rows.map(view) });
  });

  router.post('/bots/:botId/channels', admin, async (req, res) => {
    const botId = req.params.botId as string;
    if (!(await findBot(ctx.db, botId))) throw new NotFoundError('bot', { botId });
    const body = parseBody(CreateBody, req.body);
    const config = validConfig(body.channel, body.config);
    const id = body.id ?? `${body.channel}-${randomBytes(5).toString('hex')}`;
    if (await findChannelInstance(ctx.db, id)) throw new ConflictError(`channel instance ${id} already exists`, { channelInstanceId: id });
    if (body.channel === 'web' && (await listChannelInstances(ctx.db, { botId, channel: 'web' })).some((r) => r.enabled)) {
      throw new ConflictError('this bot already has a website channel', { botId });
    }
    await upsertChannelInstance(ctx.db, { id, botId, channel: body.channel, name: body.name, config, enabled: body.enabled ?? true });
    await apply(id);
    ctx.logger.info({ botId, channelInstanceId: id, channel: body.channel, by: req.user?.id }, 'channel instance created');
    res.status(201).json({ channel: view((await findChannelInstance(ctx.db, id))!) });
  });

  router.patch('/bots/:botId/channels/:id', admin, async (req, res) => {
    const row = await instanceOf(req.params.botId as string, req.params.id as string);
    const body = parseBody(PatchBody, req.body);
    const patch = Object.fromEntries(Object.entries(body.config ?? {}).filter(([, value]) => value !== masked));
    const config = validConfig(row.channel, { ...row.config, ...patch });
    await upsertChannelInstance(ctx.db, { id: row.id, botId: row.botId, channel: row.channel, name: body.name ?? row.name, config, enabled: body.enabled ?? row.enabled });
    await apply(row.id);
    ctx.logger.info({ channelInstanceId: row.id, by: req.user?.id }, 'channel instance updated');
    res.json({ channel: view((await findChannelInstance(ctx.db, row.id))!) });
  });

  /** Disables the instance (its conversations stay); `?purge=true` deletes it with its conversations. */
  router.delete('/bots/:botId/channels/:id', admin, async (req, res) => {
    const row = await instanceOf(req.params.botId as string, req.params.id as string);
    if (req.query.purge === 'true') await deleteChannelInstance(ctx.db, row.id);
    else await upsertChannelInstance(ctx.db, { id: row.id, botId: row.botId, channel: row.channel, name: row.name, config: row.config, enabled: false });
    await apply(row.id);
    ctx.logger.info({ channelInstanceId: row.id, purge: req.query.purge === 'true', by: req.user?.id }, 'channel instance removed');
    res.status(204).end();
  });

  router.get('/bots/:botId/channels/:id/status', admin, async (req, res) => {
    const row = await instanceOf(req.params.botId as string, req.params.id as string);
    res.json(view(row).status);
  });

  router.get('/bots/:botId/channels/:id/qr.png', admin, async (req, res) => {
    const row = await instanceOf(req.params.botId as string, req.params.id as string);
    const status = channelManagerFor(ctx).status(row.id);
    if (!status.qr) throw new NotFoundError(`QR code (state: ${status.state})`, { channelInstanceId: row.id });
    const png = await QRCode.toBuffer(status.qr, { type: 'png', width: 320, margin: 2, errorCorrectionLevel: 'M' });
    res.set({ 'Content-Type': 'image/png', 'Cache-Control': 'no-store' }).send(png);
  });

  return router;
}
