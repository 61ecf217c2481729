import { z } from 'zod';
import { BlockId, blockBase, type BlockMeta, type FlowIssue } from '../../schema/common';

/**
 * Sends a contact to one of several weighted variants and keeps it there. `sticky: contact` (default) derives the
 * variant from a hash of contact id and experiment id, so the contact gets the same variant in every conversation;
 * `sticky: conversation` draws from the conversation's seeded random generator. The first assignment is recorded
 * with an `experiment` effect.
 */
export const AbSplitBlock = z.object({
  ...blockBase,
  type: z.literal('abSplit'),
  experimentId: z.string().min(1).max(100).optional(),
  sticky: z.enum(['contact', 'conversation']).optional(),
  variants: z.array(z.object({ name: z.string().min(1).max(50), weight: z.number().min(0), next: BlockId })).min(2, { error: 'an A/B split needs at least 2 variants' }),
});
export type AbSplitBlock = z.infer<typeof AbSplitBlock>;

export const abSplitMeta: BlockMeta<AbSplitBlock> = {
  waits: false,
  targets: (b) => b.variants.map((v, i) => [`variants[${i}].next`, v.next] as [string, string]),
  texts: () => [],
  check: (b) => {
    const issues: Omit<FlowIssue, 'blockId'>[] = [];
    const total = b.variants.reduce((s, v) => s + v.weight, 0);
    if (total <= 0) issues.push({ path: 'variants', message: 'weights must add up to more than 0', severity: 'error' });
    const names = new Set<string>();
    b.variants.forEach((v, i) => {
      if (names.has(v.name)) issues.push({ path: `variants[${i}].name`, message: `duplicate variant "${v.name}"`, severity: 'error' });
      names.add(v.name);
      if (v.weight === 0) issues.push({ path: `variants[${i}].weight`, message: 'weight 0: this variant is never chosen', severity: 'warning' });
    });
    return issues;
  },
};
