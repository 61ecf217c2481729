import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isDatabaseUnavailable } from '../../core/db/errors';
import { AppError } from '../../core/errors';
import type { Logger } from '../../core/logger';

/** Turns thrown errors into `{ error: { code, message } }` with the right status; unexpected ones are logged with their cause. */
export function errorHandler(logger: Logger, onServerError?: () => void): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (error instanceof AppError) {
      if (error.status >= 500) logger.warn({ err: error, path: req.path, ...error.context }, error.message);
      res.status(error.status).json({ error: { code: error.code, message: error.message, ...publicContext(error) } });
      return;
    }
    if (error?.type === 'entity.parse.failed') {
      res.status(400).json({ error: { code: 'invalid_json', message: 'request body is not valid JSON' } });
      return;
    }
    if (error?.type === 'entity.too.large') {
      res.status(413).json({ error: { code: 'payload_too_large', message: `request body is larger than ${error.limit} bytes` } });
      return;
    }
    if (isDatabaseUnavailable(error)) {
      logger.warn({ err: error, path: req.path }, 'database unavailable');
      res.status(503).json({ error: { code: 'unavailable', message: 'database unavailable; retry later' } });
      return;
    }
    const status = typeof error?.status === 'number' ? error.status : typeof error?.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      res.status(status).json({ error: { code: 'bad_request', message: String(error?.message ?? 'bad request') } });
      return;
    }
    onServerError?.();
    logger.error({ err: error, path: req.path, method: req.method }, 'unhandled error');
    res.status(500).json({ error: { code: 'internal', message: 'internal error' } });
  };
}

function publicContext(error: AppError): Record<string, unknown> {
  const { field, issues, limit } = error.context as { field?: unknown; issues?: unknown; limit?: unknown };
  return Object.fromEntries(Object.entries({ field, issues, limit }).filter(([, v]) => v !== undefined));
}

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({ error: { code: 'not_found', message: `no route for ${req.method} ${req.path}` } });
};
