import { z } from 'zod';
import { BlockId, blockBase, opt, type BlockMeta } from '../../schema/common';

/** Updates the lead: fields (string values are templates), score change (e.g. +20 on buying intent), status, conversion. */
export const UpdateLeadBlock = z.object({
  ...blockBase,
  type: z.literal('updateLead'),
  fields: z.record(z.string().min(1).max(64), z.unknown()).optional(),
  scoreDelta: z.number().int().min(-1000).max(1000).optional(),
  status: z.string().min(1).max(50).optional(),
  /** Records a conversion; cancels follow-ups that wait for one. */
  conversion: z.object({ value: z.number().min(0).optional() }).optional(),
  next: BlockId.optional(),
});
export type UpdateLeadBlock = z.infer<typeof UpdateLeadBlock>;

export const updateLeadMeta: BlockMeta<UpdateLeadBlock> = {
  waits: false,
  targets: (b) => opt('next', b.next),
  texts: () => [],
  check: (b) =>
    b.fields === undefined && b.scoreDelta === undefined && b.status === undefined && b.conversion === undefined
      ? [{ path: 'fields', message: 'nothing to update: set fields, scoreDelta, status or conversion', severity: 'error' }]
      : [],
};
