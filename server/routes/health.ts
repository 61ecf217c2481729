import { Router } from 'express';
import { withTimeout } from '../../core/timeout';
import type { AppContext } from '../context';

export function healthRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const [database, redis] = await Promise.all([
      ctx.database.ping().then(() => 'ok', (e: Error) => `down: ${e.message}`),
      withTimeout(ctx.redis.ping(), 1000, 'redis ping').then(() => 'ok', (e: Error) => `down: ${e.message}`),
    ]);
    const ready = database === 'ok' && redis === 'ok';
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', database, redis });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics());
  });
  return router;
}

