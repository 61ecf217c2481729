import { z } from 'zod';
import { BlockId, blockBase, opt, type BlockMeta } from '../../schema/common';

/** Updates contact fields (`firstName`, `email`, `phone`, or custom fields). String values are templates. */
export const UpdateContactBlock = z.object({
  ...blockBase,
  type: z.literal('updateContact'),
  fields: z.record(z.string().min(1).max(64), z.unknown()),
  next: BlockId.optional(),
});
export type UpdateContactBlock = z.infer<typeof UpdateContactBlock>;

export const updateContactMeta: BlockMeta<UpdateContactBlock> = {
  waits: false,
  targets: (b) => opt('next', b.next),
  texts: () => [],
  check: (b) => (Object.keys(b.fields).length === 0 ? [{ path: 'fields', message: 'no fields to update', severity: 'error' }] : []),
};
