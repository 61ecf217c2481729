import { Router } from 'express';
import { z } from 'zod';
import { intentMissReasons, intentMissStatuses } from '../../core/db/schema/index';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors';
import { findBot } from '../../core/repositories/bots';
import { findFlow, saveDraft } from '../../core/repositories/flows';
import { findIntentMiss, listIntentMisses, reviewIntentMiss, reviewRepeats, type IntentMissView } from '../../core/repositories/intent-misses';
import { FlowValidationError, validateFlow, type FlowDefinition } from '../../flows/index';
import { maskPii, PiiVault } from '../../flows/knowledge/pii';
import { normalizeText } from '../../flows/nlu/index';
import { requireRole } from '../auth/middleware';
import type { AppContext } from '../context';
import { param } from '../http/params';
import { parseBody } from '../http/validation';

const ListQuery = z.object({
  status: z.enum(intentMissStatuses).default('new'),
  reason: z.enum(intentMissReasons).optional(),
  /** The language the messages were read in, for a reviewer who reads that one. */
  lang: z.string().regex(/^[a-z]{2,3}$/, 'a language code such as en, ar, fa, pl').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** The id of the last miss of the page before (misses come newest first). */
  before: z.coerce.number().int().positive().optional(),
});

const Review = z.union([
  z.object({
    /** The intent the message is a phrase of, in the draft of the flow whose router missed it. */
    intent: z.string().min(1).max(64),
    /** The language to file the phrase under; the one the message was read in by default. */
    lang: z.string().regex(/^[a-z]{2,3}$/, 'a language code such as en, ar, fa, pl').optional(),
  }).strict(),
  z.object({ ignore: z.literal(true) }).strict(),
], { error: 'send {"intent": NAME} to add the message to an intent, or {"ignore": true}' });

/** The longest example phrase a flow takes (see `FlowIntent`). */
const MAX_PHRASE_LENGTH = 500;

/**
 * The message's text with personal data masked ("send it to [EMAIL_1]"), as marketers see it and as it becomes a
 * phrase of the flow: a flow is exported, kept in git and trained on, and none of that needs a customer's address.
 */
const maskedText = (miss: IntentMissView) => maskPii(miss.text.trim(), new PiiVault(), miss.language ?? undefined);

/** A miss as the API shows it. */
function shown(miss: IntentMissView) {
  const { botId: _bot, messageId: _message, ...rest } = miss;
  return { ...rest, text: maskedText(miss) };
}

/**
 * Adds `text` as a phrase of `intentName` in `lang` to a valid flow definition, unless it has it already (as
 * messages are read: case, diacritics and punctuation aside); says whether it did.
 */
function withPhrase(flow: FlowDefinition, intentName: string, lang: string, text: string): boolean {
  const intent = flow.intents.find((candidate) => candidate.name === intentName);
  if (!intent) throw new ValidationError(`flow "${flow.id}" has no intent "${intentName}" in its draft`, { field: 'intent' }, { status: 422 });
  const phrases = (intent.examples[lang] ??= []);
  const said = normalizeText(text);
  if (phrases.some((phrase) => normalizeText(phrase) === said)) return false;
  phrases.push(text);
  return true;
}

/**
 * Messages the bot's intent routers could not route for sure (marketers): list them, add one as a phrase of an intent
 * in the draft of the flow that missed it (publish the draft to train on it), or ignore it. A review also takes the
 * new misses of the same text (`repeats`).
 */
export function intentMissRoutes(ctx: AppContext): Router {
  const router = Router();
  const marketer = requireRole(ctx.db, 'marketer');

  const bot = async (botId: string) => {
    if (!(await findBot(ctx.db, botId))) throw new NotFoundError('bot', { botId });
  };

  router.get('/bots/:botId/intent-misses', marketer, async (req, res) => {
    await bot(param(req, 'botId'));
    const query = parseBody(ListQuery, req.query);
    const misses = await listIntentMisses(ctx.db, param(req, 'botId'), query);
    res.json({ misses: misses.map(shown) });
  });

  /** Marks the miss ignored, with the new misses of the same text. */
  const ignore = (miss: IntentMissView, by: string, at: Date) =>
    ctx.db.transaction(async (tx) => {
      const reviewed = await reviewIntentMiss(tx, { id: miss.id, status: 'ignored', reviewedBy: by, at });
      if (!reviewed) throw new ConflictError('this message was reviewed meanwhile', { id: miss.id });
      return { miss: shown({ ...reviewed, text: miss.text }), repeats: await reviewRepeats(tx, { botId: miss.botId, of: miss, status: 'ignored', reviewedBy: by, at }) };
    });

  /** Adds the miss's (masked) text as a phrase of the intent in the draft of the flow that missed it; marks it added, with its repeats. */
  const addToIntent = async (miss: IntentMissView, review: { intent: string; lang?: string }, by: string, at: Date) => {
    const text = maskedText(miss);
    if (text.length > MAX_PHRASE_LENGTH) throw new ValidationError(`the message is longer than a phrase may be (${MAX_PHRASE_LENGTH} characters)`, { id: miss.id }, { status: 422 });
    return ctx.db.transaction(async (tx) => {
      const reviewed = await reviewIntentMiss(tx, { id: miss.id, status: 'added', intent: review.intent, reviewedBy: by, at });
      if (!reviewed) throw new ConflictError('this message was reviewed meanwhile', { id: miss.id });
      const repeats = await reviewRepeats(tx, { botId: miss.botId, of: miss, status: 'added', intent: review.intent, reviewedBy: by, at });
      const flow = await findFlow(tx, miss.botId, miss.flowId);
      if (!flow) throw new NotFoundError('flow', { flowId: miss.flowId });
      const check = validateFlow(flow.draft);
      if (!check.ok) throw new FlowValidationError(check.issues);
      const lang = review.lang ?? miss.language ?? check.flow.fallbackLocale;
      const added = withPhrase(check.flow, review.intent, lang, text);
      if (added) await saveDraft(tx, { botId: miss.botId, flowId: flow.id, name: flow.name, draft: check.flow as unknown as Record<string, unknown> });
      return { miss: shown({ ...reviewed, text: miss.text }), repeats, draft: { flowId: flow.id, intent: review.intent, lang, added } };
    });
  };

  router.post('/bots/:botId/intent-misses/:id', marketer, async (req, res) => {
    const botId = param(req, 'botId');
    await bot(botId);
    const id = Number(param(req, 'id'));
    const miss = Number.isSafeInteger(id) && id > 0 ? await findIntentMiss(ctx.db, botId, id) : undefined;
    if (!miss) throw new NotFoundError('intent miss', { id: param(req, 'id') });
    const review = parseBody(Review, req.body);
    if (miss.status !== 'new') throw new ConflictError(`this message was already reviewed (${miss.status})`, { id });
    const by = req.user!.id;
    if ('ignore' in review) {
      res.json(await ignore(miss, by, new Date()));
      return;
    }
    const outcome = await addToIntent(miss, review, by, new Date());
    ctx.logger.info({ botId, missId: id, flowId: outcome.draft.flowId, intent: review.intent, repeats: outcome.repeats, by }, 'missed message added to an intent');
    res.json(outcome);
  });

  return router;
}
