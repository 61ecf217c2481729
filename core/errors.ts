/** Base of our errors: a stable code for API answers, an HTTP status, context for logs, and the cause. */
export class AppError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
    readonly context: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The caller sent something we cannot accept (400/413/422). */
export class ValidationError extends AppError {
  constructor(message: string, context: Record<string, unknown> = {}, options?: { cause?: unknown; status?: number; code?: string }) {
    super(message, options?.code ?? 'invalid_request', options?.status ?? 400, context, options);
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, context: Record<string, unknown> = {}) {
    super(`${what} not found`, 'not_found', 404, context);
  }
}

export class AuthError extends AppError {
  constructor(message = 'authentication required', status: 401 | 403 = 401) {
    super(message, status === 401 ? 'unauthorized' : 'forbidden', status);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super(message, 'conflict', 409, context);
  }
}

/** A dependency (database, Redis, a remote API) is unavailable; the request may be retried. */
export class UnavailableError extends AppError {
  constructor(message: string, context: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, 'unavailable', 503, context, options);
  }
}
