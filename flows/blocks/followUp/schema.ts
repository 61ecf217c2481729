import { z } from 'zod';
import { BlockId, blockBase, opt, type BlockMeta } from '../../schema/common';

/** `1d`, `12h`, `30m`, `45s`, or milliseconds. */
export const Delay = z.union([
  z.number().int().min(1000).max(90 * 86_400_000),
  z.string().regex(/^\d+(\.\d+)?\s*(ms|s|m|h|d)$/, { error: 'must be a duration like 30m, 12h or 1d' }),
]);

export function delayToMs(delay: z.infer<typeof Delay>): number {
  if (typeof delay === 'number') return delay;
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/.exec(delay);
  if (!m) return 0;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
  return Math.round(Number(m[1]) * unit);
}

/**
 * Schedules a later message (the runtime stores the job, so it survives restarts) and continues at `next` at once.
 * When the job is due the runtime calls `step` with a `followup` input and the flow runs from `due`. The job is
 * cancelled when the contact replies or converts, as listed in `cancelOn` (default both).
 */
export const FollowUpBlock = z.object({
  ...blockBase,
  type: z.literal('followUp'),
  delay: Delay,
  cancelOn: z.array(z.enum(['reply', 'convert'])).optional(),
  due: BlockId,
  next: BlockId.optional(),
});
export type FollowUpBlock = z.infer<typeof FollowUpBlock>;

export const followUpMeta: BlockMeta<FollowUpBlock> = {
  waits: false,
  targets: (b) => [['due', b.due], ...opt('next', b.next)],
  texts: () => [],
  check: (b) => {
    const ms = delayToMs(b.delay);
    return ms < 1000 || ms > 90 * 86_400_000 ? [{ path: 'delay', message: 'delay must be between 1s and 90d', severity: 'error' }] : [];
  },
};
