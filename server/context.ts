import type { Redis } from 'ioredis';
import type { DatabaseHandle, Database } from '../core/db/client';
import type { Logger } from '../core/logger';
import type { BotRuntime } from '../bots/runtime/runtime';
import type { Config } from './config';
import type { Metrics } from './metrics';
import type { EventBus } from './realtime/bus';
import type { KnowledgeService } from '../bots/knowledge/index';

/** Everything routes and services need, built once by the composition root (server/main.ts). */
export interface AppContext {
  config: Config;
  database: DatabaseHandle;
  db: Database;
  redis: Redis;
  logger: Logger;
  runtime: BotRuntime;
  /** Signs visitor tokens and other state we hand out. */
  appSecret: string;
  metrics: Metrics;
  /** Real-time fan-out across instances (Redis pub/sub). */
  bus: EventBus;
  /** Knowledge base: ingestion, retrieval and grounded answers. */
  knowledge: KnowledgeService;
  /** Public base URL, e.g. http://localhost:3000 */
  publicUrl: string;
}
