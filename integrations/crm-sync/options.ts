import type { JobsOptions } from 'bullmq';

export interface CrmSyncSettings {
  /** Tries per job before it goes to the dead-letter list. */
  attempts: number;
  /** First retry delay; doubles each time (with jitter) up to `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
}

export const defaultCrmSyncSettings: CrmSyncSettings = { attempts: 12, backoffMs: 2000, maxBackoffMs: 15 * 60_000 };

/** Our named backoff: the worker's `backoffStrategy` implements it (exponential + jitter, Retry-After aware). */
export const crmBackoffType = 'crm-exponential';

export function crmJobOptions(settings: CrmSyncSettings = defaultCrmSyncSettings): JobsOptions {
  return {
    attempts: settings.attempts,
    backoff: { type: crmBackoffType },
    // Completed jobs stay a day so a re-relayed row dedupes on its job id; failures stay two weeks for bull-board.
    removeOnComplete: { age: 86_400, count: 20_000 },
    removeOnFail: { age: 14 * 86_400 },
  };
}

export function crmBackoffDelay(attemptsMade: number, settings: CrmSyncSettings, retryAfterMs?: number, random = Math.random): number {
  const exponential = Math.min(settings.maxBackoffMs, settings.backoffMs * 2 ** Math.max(0, attemptsMade - 1));
  const jittered = Math.round(exponential * (0.8 + random() * 0.4));
  return Math.max(retryAfterMs ?? 0, jittered);
}
