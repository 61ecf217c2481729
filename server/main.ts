import { AppError } from '../core/errors';
import { createLogger } from '../core/logger';
import { startPlatform } from './bootstrap';
import { ConfigError, loadConfig } from './config';
import { loadDotEnv } from './dotenv';

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const logger = createLogger({ level: config.LOG_LEVEL });
  const platform = await startPlatform(config, { logger });
  const storage = platform.ctx.database.kind === 'pglite' ? `PGlite in ${config.DATA_DIR}/pglite` : 'PostgreSQL';
  logger.info({ url: platform.url, storage }, 'platform started');
  process.stdout.write(`\nOmnibot is running at ${platform.url}  (storage: ${storage})\n` +
    `Try it: curl -s -X POST ${platform.url}/api/channels/web/demo/messages -H 'content-type: application/json' -d '{"visitorId":"v1","messageId":"m1","text":"hello"}'\n\n`);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'shutting down');
      platform.stop().then(
        () => process.exit(0),
        (error) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}

main().catch((error: unknown) => {
  // One clear line for the problems a user can fix (bad variable, Redis or PostgreSQL not reachable).
  if (error instanceof ConfigError || error instanceof AppError) console.error(`omnibot: ${error.message}`);
  else console.error('omnibot: failed to start:', error);
  process.exit(1);
});
