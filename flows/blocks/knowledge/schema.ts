import { z } from 'zod';
import { BlockId, blockBase, opt, type BlockMeta } from '../../schema/common';
import { LocalizedText } from '../../schema/localized';

/**
 * Hands a question to the knowledge / LLM answerer. The step returns `pending`; the runtime answers and calls
 * `step` again with a `knowledge` input; then the block says the answer and moves on.
 */
export const KnowledgeBlock = z.object({
  ...blockBase,
  type: z.literal('knowledge'),
  /**
   * Template for the query; default is the customer's message (for one typed in Latin letters and read as Persian or
   * Arabic, the phrase it was read as: see `searchText`).
   */
  query: z.string().min(1).max(2000).optional(),
  /** Said when nothing was found. */
  notFoundText: LocalizedText.optional(),
  /** Adds the sources with a URL as link buttons (up to 3). */
  showSources: z.boolean().optional(),
  /** After an answer. */
  next: BlockId.optional(),
  /** When nothing was found (default `next`). */
  unanswered: BlockId.optional(),
  /** When the answerer asks for a human (default: hand off right here). */
  handoff: BlockId.optional(),
});
export type KnowledgeBlock = z.infer<typeof KnowledgeBlock>;

export const knowledgeMeta: BlockMeta<KnowledgeBlock> = {
  waits: true,
  targets: (b) => [...opt('next', b.next), ...opt('unanswered', b.unanswered), ...opt('handoff', b.handoff)],
  texts: (b) => [['notFoundText', b.notFoundText]],
};
