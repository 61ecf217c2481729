import { z } from 'zod';
import { blockBase, type BlockMeta } from '../../schema/common';

/** Ends the conversation. The next message starts at `settings.idleBlock`, or at the start. */
export const EndBlock = z.object({ ...blockBase, type: z.literal('end') });
export type EndBlock = z.infer<typeof EndBlock>;

export const endMeta: BlockMeta<EndBlock> = { waits: false, targets: () => [], texts: () => [] };
