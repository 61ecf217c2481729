import type { Router } from 'express';
import type { AppContext } from '../context';
import { botRoutes } from './bots';
import { channelAdminRoutes } from './channels-admin';
import { crmRoutes } from './crm';
import { flowRoutes } from './flows';
import { inboxRoutes } from '../inbox/routes';
import { intentMissRoutes } from './intent-misses';
import { knowledgeRoutes } from './knowledge';

/** Every API router, mounted under /api by server/app.ts. A literal list: add yours here. */
export function apiRouters(ctx: AppContext): Router[] {
  return [botRoutes(ctx), flowRoutes(ctx), intentMissRoutes(ctx), channelAdminRoutes(ctx), inboxRoutes(ctx), knowledgeRoutes(ctx), crmRoutes(ctx)];
}
