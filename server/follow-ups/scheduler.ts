import type { Database } from '../../core/db/client';
import type { Logger } from '../../core/logger';
import { claimFollowUp, findDueFollowUps } from '../../core/repositories/follow-ups';
import type { BotRuntime } from '../../bots/runtime/runtime';
import type { TurnResult } from '../../bots/runtime/types';

export interface FollowUpSchedulerOptions {
  db: Database;
  runtime: BotRuntime;
  logger: Logger;
  /** Sends a system turn's stored replies on the conversation's channel. */
  deliver(result: TurnResult): Promise<void>;
  intervalMs?: number;
  clock?: () => Date;
}

/**
 * Sends follow-ups the flows scheduled (stored in `follow_ups`, so restarts lose nothing). Each due row is
 * claimed with a compare-and-set before its turn runs, so several instances never send one twice; a crash
 * between claim and send drops that nudge rather than risk a duplicate.
 */
export function startFollowUpScheduler(options: FollowUpSchedulerOptions): { stop(): Promise<void>; tick(): Promise<number> } {
  const clock = options.clock ?? (() => new Date());
  let running: Promise<number> | undefined;
  let stopped = false;

  const tick = async (): Promise<number> => {
    if (running) return running;
    running = (async () => {
      let sent = 0;
      const due = await findDueFollowUps(options.db, clock(), 100);
      for (const followUp of due) {
        if (stopped) break;
        if (!(await claimFollowUp(options.db, followUp.id))) continue;
        try {
          const result = await options.runtime.runSystemTurn(followUp.conversationId, { type: 'followup', followUpId: followUp.key, blockId: followUp.blockId });
          if (result && result.replies.length > 0) {
            await options.deliver(result);
            sent += 1;
          }
        } catch (error) {
          options.logger.error({ err: error, followUpId: followUp.id, conversationId: followUp.conversationId }, 'follow-up failed');
        }
      }
      return sent;
    })().finally(() => (running = undefined));
    return running;
  };

  const timer = setInterval(() => {
    tick().catch((error: unknown) => options.logger.warn({ err: error }, 'follow-up scheduler tick failed'));
  }, options.intervalMs ?? 5000);
  timer.unref();
  return {
    tick,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
