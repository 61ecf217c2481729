import { Router } from 'express';
import { z } from 'zod';
import { knowledgeKinds } from '../../core/db/schema/index';
import { NotFoundError } from '../../core/errors';
import { findBot } from '../../core/repositories/bots';
import { findConversation } from '../../core/repositories/conversations';
import { listKnowledgeDocuments } from '../../core/repositories/knowledge';
import { listLlmCalls } from '../../core/repositories/knowledge-llm-calls';
import { KnowledgeService, createKnowledgeResolver, knowledgeInputSchema } from '../../bots/knowledge/index';
import { requireRole } from '../auth/middleware';
import { parseBody } from '../http/validation';
import type { AppContext } from '../context';

const ListQuery = z.object({
  locale: z.string().max(20).optional(),
  kind: z.enum(knowledgeKinds).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});
const SearchBody = z.object({ query: z.string().trim().min(1).max(2000), locale: z.string().max(20).optional(), limit: z.number().int().min(1).max(50).optional() });
const Uuid = z.string().uuid();

/**
 * Knowledge admin API (marketers and admins): upload / list / delete knowledge per bot, a retrieval debug
 * search, and the per-turn LLM call log of a conversation. Uses the runtime's resolver when the composition
 * root puts it on the context as `knowledge` (shared index cache and embeddings); otherwise a retrieval-only
 * service on `ctx.db`.
 */
export function knowledgeRoutes(ctx: AppContext, knowledge?: KnowledgeService): Router {
  const shared = (ctx as { knowledge?: unknown }).knowledge;
  const service = knowledge ?? (shared instanceof KnowledgeService ? shared : createKnowledgeResolver({ db: ctx.db, logger: ctx.logger, timeoutMs: ctx.config.LLM_TIMEOUT_MS }));
  const router = Router();
  const marketer = requireRole(ctx.db, 'marketer');

  const bot = async (botId: string) => {
    const row = await findBot(ctx.db, botId);
    if (!row) throw new NotFoundError('bot', { botId });
    return row;
  };

  router.post('/bots/:botId/knowledge', marketer, async (req, res) => {
    await bot(req.params.botId as string);
    const input = parseBody(knowledgeInputSchema(req.body), req.body);
    const documents = await service.ingest(req.params.botId as string, input);
    res.status(201).json({ documents });
  });

  router.get('/bots/:botId/knowledge', marketer, async (req, res) => {
    await bot(req.params.botId as string);
    const query = parseBody(ListQuery, req.query);
    const rows = await listKnowledgeDocuments(ctx.db, req.params.botId as string, query);
    res.json({
      documents: rows.map((d) => ({
        id: d.id,
        kind: d.kind,
        locale: d.locale,
        key: d.externalKey,
        title: d.title,
        url: d.sourceUrl,
        format: d.format,
        content: d.content,
        chunks: d.chunks,
        createdAt: d.createdAt,
        updatedAt: d.updatedAt,
      })),
    });
  });

  router.delete('/bots/:botId/knowledge/:id', marketer, async (req, res) => {
    const id = parseBody(Uuid, req.params.id);
    if (!(await service.delete(req.params.botId as string, id))) throw new NotFoundError('knowledge document', { id });
    res.status(204).end();
  });

  router.post('/bots/:botId/knowledge/search', marketer, async (req, res) => {
    await bot(req.params.botId as string);
    const body = parseBody(SearchBody, req.body);
    res.json(await service.search(req.params.botId as string, body.query, { locale: body.locale, limit: body.limit }));
  });

  router.get('/conversations/:id/llm-calls', requireRole(ctx.db, 'marketer', 'agent'), async (req, res) => {
    const id = parseBody(Uuid, req.params.id);
    const conversation = await findConversation(ctx.db, id);
    if (!conversation) throw new NotFoundError('conversation', { id });
    const calls = await listLlmCalls(ctx.db, id);
    res.json({
      calls: calls.map((c) => ({
        id: c.id,
        messageId: c.messageId,
        purpose: c.purpose,
        model: c.model,
        promptTokens: c.promptTokens,
        completionTokens: c.completionTokens,
        latencyMs: c.latencyMs,
        outcome: c.outcome,
        detail: c.detail,
        createdAt: c.createdAt,
      })),
    });
  });

  return router;
}
