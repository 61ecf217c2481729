import { z } from 'zod';
import { BlockId, blockBase, opt, type BlockMeta } from '../../schema/common';

/** Emits a webhook event (through the outbox); `url` overrides the bot's webhook URL. String values in `payload` are templates. */
export const WebhookBlock = z.object({
  ...blockBase,
  type: z.literal('webhook'),
  event: z.string().min(1).max(100),
  url: z.string().url().optional(),
  payload: z.record(z.string(), z.unknown()).optional(),
  next: BlockId.optional(),
});
export type WebhookBlock = z.infer<typeof WebhookBlock>;

export const webhookMeta: BlockMeta<WebhookBlock> = { waits: false, targets: (b) => opt('next', b.next), texts: () => [] };
