import { z } from 'zod';
import { BlockId, blockBase, opt, type BlockMeta } from '../../schema/common';
import { LocalizedText } from '../../schema/localized';

export const priorities = ['low', 'normal', 'high', 'urgent'] as const;

/** Asks for a human. The bot then stays silent until the conversation is handed back, and resumes at `next`. */
export const HandoffBlock = z.object({
  ...blockBase,
  type: z.literal('handoff'),
  /** Template; shown to agents. */
  reason: z.string().min(1).max(200),
  priority: z.enum(priorities).optional(),
  note: z.string().max(2000).optional(),
  /** Told to the customer. */
  text: LocalizedText.optional(),
  /** Where the bot resumes when a human hands the conversation back (default: waits for the next message). */
  next: BlockId.optional(),
});
export type HandoffBlock = z.infer<typeof HandoffBlock>;

export const handoffMeta: BlockMeta<HandoffBlock> = {
  waits: true,
  targets: (b) => opt('next', b.next),
  texts: (b) => [['text', b.text]],
};
