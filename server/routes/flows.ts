import express, { Router, type Request } from 'express';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../core/errors';
import { findBot } from '../../core/repositories/bots';
import { findFlow, findVersion, findVersionByNumber, listFlows, listVersions, publishVersion, saveDraft, setPublishedVersion, type FlowRow } from '../../core/repositories/flows';
import { MAX_INBOUND_TEXT_LENGTH } from '../../core/messages';
import { DraftModels } from '../../bots/runtime/draft-models';
import { readBotSettings } from '../../bots/settings';
import { botTimeZone } from '../../bots/handoff/settings';
import { FlowValidationError, loadFlowDefinition, parseFlowData, serializeFlow, validateFlow, type FlowDefinition, type FlowFormat } from '../../flows/index';
import { requireRole } from '../auth/middleware';
import type { AppContext } from '../context';
import { param } from '../http/params';
import { parseBody } from '../http/validation';

const yamlTypes = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml', 'text/plain'];

const TryPhrase = z.object({
  text: z.string().trim().min(1).max(MAX_INBOUND_TEXT_LENGTH),
  /** A published version number; the draft when absent. */
  version: z.number().int().positive().optional(),
  /** Skips language detection, as a channel that knows the customer's language does. */
  lang: z.string().regex(/^[a-z]{2,3}$/, 'a language code such as en, ar, fa, pl').optional(),
  /** Also asks the bot's chat model when the classifier is unsure, as an intent router would (logged, within budget). */
  llm: z.boolean().optional(),
});

/** Marketers' flow API: drafts, validation, numbered versions, rollback, JSON/YAML import and export. */
export function flowRoutes(ctx: AppContext): Router {
  const router = Router();
  const marketer = requireRole(ctx.db, 'marketer');
  router.use('/bots/:botId/flows', express.text({ type: yamlTypes, limit: ctx.config.MAX_BODY_BYTES }));

  const bot = async (req: Request) => {
    const row = await findBot(ctx.db, param(req, 'botId'));
    if (!row) throw new NotFoundError('bot', { botId: param(req, 'botId') });
    return row;
  };
  /** The flow of the URL and the bot that owns it (404 for either). */
  const botAndFlow = async (req: Request) => {
    const owner = await bot(req);
    const flow = await findFlow(ctx.db, param(req, 'botId'), param(req, 'flowId'));
    if (!flow) throw new NotFoundError('flow', { flowId: param(req, 'flowId') });
    return { owner, flow };
  };
  const flowOf = async (req: Request) => (await botAndFlow(req)).flow;
  /** The flow's version with that number (404 when there is none). */
  const numberedVersion = async (req: Request, version: number) => {
    const target = await findVersionByNumber(ctx.db, param(req, 'botId'), param(req, 'flowId'), version);
    if (!target) throw new NotFoundError('flow version', { version });
    return target;
  };

  router.get('/bots/:botId/flows', marketer, async (req, res) => {
    await bot(req);
    const flows = await listFlows(ctx.db, param(req, 'botId'));
    res.json({ flows: flows.map(({ draft: _draft, ...summary }) => summary) });
  });

  router.get('/bots/:botId/flows/:flowId', marketer, async (req, res) => {
    const flow = await flowOf(req);
    const published = flow.publishedVersionId ? await findVersion(ctx.db, flow.publishedVersionId) : undefined;
    const check = validateFlow(flow.draft);
    res.json({ flow, publishedVersion: published?.version ?? null, issues: check.ok ? check.warnings : check.issues });
  });

  router.put('/bots/:botId/flows/:flowId/draft', marketer, async (req, res) => {
    await bot(req);
    const raw = readFlowBody(req.body);
    if (raw.id !== undefined && raw.id !== param(req, 'flowId')) {
      throw new FlowValidationError([{ path: 'id', message: `must match the flow id in the URL ("${param(req, 'flowId')}")`, severity: 'error' }]);
    }
    const draft: Record<string, unknown> = { ...raw, id: param(req, 'flowId') };
    const check = validateFlow(draft);
    const saved = await saveDraft(ctx.db, { botId: param(req, 'botId'), flowId: param(req, 'flowId'), name: typeof draft.name === 'string' ? draft.name : param(req, 'flowId'), draft });
    res.json({ flow: saved, valid: check.ok, issues: check.ok ? check.warnings : check.issues });
  });

  router.post('/bots/:botId/flows/validate', marketer, async (req, res) => {
    await bot(req);
    const check = validateFlow(readFlowBody(req.body));
    res.status(check.ok ? 200 : 422).json({ valid: check.ok, issues: check.ok ? check.warnings : check.issues });
  });

  router.post('/bots/:botId/flows/:flowId/publish', marketer, async (req, res) => {
    const { owner, flow } = await botAndFlow(req);
    const check = validateFlow(flow.draft);
    if (!check.ok) throw new FlowValidationError(check.issues);
    const note = typeof req.body?.note === 'string' ? req.body.note.slice(0, 500) : null;
    const version = await publishVersion(ctx.db, { botId: param(req, 'botId'), flowId: param(req, 'flowId'), definition: check.flow as unknown as Record<string, unknown>, publishedBy: req.user!.id, note });
    ctx.logger.info({ botId: param(req, 'botId'), flowId: param(req, 'flowId'), version: version.version, by: req.user!.id }, 'flow published');
    void ctx.runtime.prepareFlow(version.id, owner.settings);
    res.status(201).json({ version: { id: version.id, version: version.version, createdAt: version.createdAt }, warnings: check.warnings });
  });

  router.get('/bots/:botId/flows/:flowId/versions', marketer, async (req, res) => {
    const flow = await flowOf(req);
    const versions = await listVersions(ctx.db, param(req, 'botId'), param(req, 'flowId'));
    res.json({ versions: versions.map((v) => ({ ...v, published: v.id === flow.publishedVersionId })) });
  });

  router.post('/bots/:botId/flows/:flowId/rollback', marketer, async (req, res) => {
    const { owner } = await botAndFlow(req);
    const { version } = parseBody(z.object({ version: z.number().int().positive() }), req.body);
    const target = await numberedVersion(req, version);
    await setPublishedVersion(ctx.db, param(req, 'botId'), param(req, 'flowId'), target.id);
    void ctx.runtime.prepareFlow(target.id, owner.settings);
    ctx.logger.info({ botId: param(req, 'botId'), flowId: param(req, 'flowId'), version, by: req.user!.id }, 'flow rolled back');
    res.json({ published: version });
  });

  const drafts = new DraftModels();
  /** The draft as a flow (422 when invalid). */
  const validDraft = (flow: FlowRow): FlowDefinition => {
    const check = validateFlow(flow.draft);
    if (!check.ok) throw new FlowValidationError(check.issues);
    return check.flow;
  };

  /** What the bot would understand in one phrase, against the draft's intents or a published version's. */
  router.post('/bots/:botId/flows/:flowId/nlu', marketer, async (req, res) => {
    const { owner, flow } = await botAndFlow(req);
    const input = parseBody(TryPhrase, req.body);
    const settings = readBotSettings(owner.settings);
    // A published version is tried with the very model its conversations use.
    const model = input.version === undefined
      ? await drafts.model(validDraft(flow), settings.nlu)
      : (await ctx.runtime.flows.load(ctx.db, (await numberedVersion(req, input.version)).id, settings.nlu))?.nlu;
    if (!model) throw new NotFoundError('flow version', { version: input.version });
    const local = model.analyze(input.text, { lang: input.lang, timeZone: botTimeZone(owner.settings), country: settings.nlu.country });
    const asks = ctx.knowledge.asks(settings);
    const result = input.llm && asks
      ? await ctx.knowledge.chooseIntent({ botId: owner.id, conversationId: 'phrase-tester', blockId: 'phrase-tester', locale: local.language.code, nlu: model, local, settings })
      : local;
    res.json({
      source: input.version ?? 'draft',
      intents: model.intents.length,
      ...result,
      // In a turn, an intent router asks the bot's chat model about such a message.
      llm: { enabled: asks, wouldAsk: asks && model.needsLlm(local) },
    });
  });

  /** How well the intents separate: cross-validated accuracy per intent, confusions, conflicting phrases, thin languages. */
  router.get('/bots/:botId/flows/:flowId/nlu/report', marketer, async (req, res) => {
    const { flow } = await botAndFlow(req);
    const { version } = parseBody(z.object({ version: z.coerce.number().int().positive().optional() }), req.query);
    const definition = version === undefined ? validDraft(flow) : loadFlowDefinition((await numberedVersion(req, version)).definition);
    res.json({ source: version ?? 'draft', ...(await drafts.report(definition)) });
  });

  router.get('/bots/:botId/flows/:flowId/export', marketer, async (req, res) => {
    const flow = await flowOf(req);
    const format: FlowFormat = req.query.format === 'yaml' ? 'yaml' : 'json';
    const which = typeof req.query.version === 'string' ? req.query.version : 'draft';
    let definition: unknown = flow.draft;
    if (which !== 'draft') definition = (await numberedVersion(req, Number(which))).definition;
    const check = validateFlow(definition);
    const text = check.ok ? serializeFlow(check.flow, format) : format === 'json' ? JSON.stringify(definition, null, 2) : serializeFlow(definition as never, 'yaml');
    res.type(format === 'yaml' ? 'application/yaml' : 'application/json').attachment(`${param(req, 'flowId')}.${format}`).send(text);
  });

  router.post('/bots/:botId/flows/:flowId/import', marketer, async (req, res) => {
    await bot(req);
    const raw = readFlowBody(req.body);
    const check = validateFlow({ ...raw, id: param(req, 'flowId') });
    if (!check.ok) throw new FlowValidationError(check.issues);
    const saved = await saveDraft(ctx.db, { botId: param(req, 'botId'), flowId: param(req, 'flowId'), name: check.flow.name, draft: check.flow as unknown as Record<string, unknown> });
    res.json({ flow: saved, warnings: check.warnings });
  });

  return router;
}

/** A flow arrives as a JSON object or as JSON/YAML text. */
function readFlowBody(body: unknown): Record<string, unknown> {
  const data = typeof body === 'string' ? parseFlowData(body) : body;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ValidationError('body: a flow must be an object (JSON or YAML)', { field: 'body' });
  return data as Record<string, unknown>;
}
