import express, { type Express, type Router } from 'express';
import type { AppContext } from './context';
import { errorHandler, notFoundHandler } from './http/errors';
import { authRoutes } from './routes/auth';
import { healthRoutes } from './routes/health';
import { apiRouters } from './routes/index';

export interface AppOptions {
  /** Mounted at the root before /api (channel webhooks bring their own body parsing). */
  routers?: Router[];
  /** Mounts things that need the app itself (the queue dashboard), before the 404 handler. */
  mount?: (app: Express) => void;
}

export function createApp(ctx: AppContext, options: AppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  app.use((req, res, next) => {
    res.on('finish', () => ctx.metrics.httpRequests.inc({ method: req.method, status: String(res.statusCode) }));
    next();
  });
  app.use(healthRoutes(ctx));
  for (const router of options.routers ?? []) app.use(router);
  app.use('/api', express.json({ limit: ctx.config.MAX_BODY_BYTES }));
  app.use('/api', authRoutes(ctx), ...apiRouters(ctx));
  options.mount?.(app);
  app.use(notFoundHandler);
  app.use(errorHandler(ctx.logger, () => ctx.metrics.errors.inc({ kind: 'http' })));
  return app;
}
