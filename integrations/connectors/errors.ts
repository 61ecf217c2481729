/** How the queue treats a failed CRM call. */
export type ConnectorErrorKind = 'permanent' | 'transient' | 'rate_limited' | 'skip';

/**
 * A CRM call that failed, classified once at the HTTP edge: 4xx (except 408/429) are permanent and go to the
 * dead-letter list; network errors, timeouts and 5xx are transient and retried with backoff; 429 waits
 * `retryAfterMs` without counting as a failure; `skip` means there is nothing we can sync (e.g. no email nor phone).
 */
export class ConnectorError extends Error {
  constructor(
    message: string,
    readonly kind: ConnectorErrorKind,
    readonly status?: number,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ConnectorError';
  }

  static fromStatus(status: number, detail: string, retryAfterMs?: number): ConnectorError {
    const message = `${status} ${detail}`.trim();
    if (status === 429) return new ConnectorError(message, 'rate_limited', status, retryAfterMs);
    if (status === 408 || status >= 500) return new ConnectorError(message, 'transient', status, retryAfterMs);
    return new ConnectorError(message, 'permanent', status);
  }
}

export function isConnectorError(error: unknown): error is ConnectorError {
  return error instanceof ConnectorError;
}

/** Parses a Retry-After header (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
