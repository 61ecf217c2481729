import { z } from 'zod';
import { BlockId, blockBase, opt, type BlockMeta } from '../../schema/common';

/** Jumps to a block of this flow, or to another flow of the bot (`flowId`, from `ctx.flows`) at `target` or its start. */
export const GotoBlock = z.object({
  ...blockBase,
  type: z.literal('goto'),
  target: BlockId.optional(),
  flowId: z.string().min(1).max(100).optional(),
});
export type GotoBlock = z.infer<typeof GotoBlock>;

export const gotoMeta: BlockMeta<GotoBlock> = {
  waits: false,
  // a target in another flow is not checked here
  targets: (b) => (b.flowId ? [] : opt('target', b.target)),
  texts: () => [],
  check: (b) => (!b.target && !b.flowId ? [{ path: 'target', message: 'go to needs a target block or a flowId', severity: 'error' }] : []),
};
