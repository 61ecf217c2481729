import { z } from 'zod';
import { BlockId, blockBase, opt, type BlockMeta } from '../../schema/common';

/** Emits a CRM action (through the outbox). String values in `payload` are templates. */
export const CrmBlock = z.object({
  ...blockBase,
  type: z.literal('crm'),
  action: z.string().min(1).max(100),
  payload: z.record(z.string(), z.unknown()).optional(),
  next: BlockId.optional(),
});
export type CrmBlock = z.infer<typeof CrmBlock>;

export const crmMeta: BlockMeta<CrmBlock> = { waits: false, targets: (b) => opt('next', b.next), texts: () => [] };
