import { z } from 'zod';
import { BlockId, VarName, blockBase, opt, type BlockMeta } from '../../schema/common';
import { LocalizedText } from '../../schema/localized';

/**
 * Picks products from the bot's catalog within the captured budget that match the captured needs (tags), and says why.
 * `introText` may use `{{rec.reason}}` ("because you said under 50 and dry skin"), `{{rec.budget}}`, `{{rec.needs}}`.
 */
export const RecommendBlock = z.object({
  ...blockBase,
  type: z.literal('recommend'),
  budgetVar: VarName.optional(),
  /** Variables holding needs (a tag or a list of tags), e.g. `skinType`. */
  needVars: z.array(VarName).optional(),
  /** Tags every product must have. */
  requireTags: z.array(z.string()).optional(),
  /** Localized names of tags for the reason text (`dry` → `{ en: dry skin, pl: sucha skóra }`). */
  tagLabels: z.record(z.string(), LocalizedText).optional(),
  limit: z.number().int().min(1).max(10).optional(),
  introText: LocalizedText.optional(),
  emptyText: LocalizedText.optional(),
  /** Title of the product link button. */
  viewText: LocalizedText.optional(),
  next: BlockId.optional(),
  /** Where to go when nothing matches (default `next`). */
  empty: BlockId.optional(),
});
export type RecommendBlock = z.infer<typeof RecommendBlock>;

export const recommendMeta: BlockMeta<RecommendBlock> = {
  waits: false,
  targets: (b) => [...opt('next', b.next), ...opt('empty', b.empty)],
  texts: (b) => [
    ['introText', b.introText],
    ['emptyText', b.emptyText],
    ['viewText', b.viewText],
    ...Object.entries(b.tagLabels ?? {}).map(([k, v]) => [`tagLabels.${k}`, v] as [string, LocalizedText]),
  ],
  check: (b) =>
    !b.budgetVar && !b.needVars?.length && !b.requireTags?.length
      ? [{ path: 'budgetVar', message: 'set budgetVar, needVars or requireTags: otherwise every product matches', severity: 'warning' }]
      : [],
};
