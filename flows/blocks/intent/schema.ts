import { z } from 'zod';
import { BlockId, blockBase, opt, outOfScopeMessage, type BlockMeta, type FlowIssue } from '../../schema/common';
import { LocalizedText } from '../../schema/localized';

export const IntentRoute = z.object({
  /** Matches the detected intent by name. */
  intent: z.string().min(1).max(100).optional(),
  /** Matches any intent the flow marks `buying: true`. */
  buying: z.boolean().optional(),
  /** Matches when the message carries an entity of this type. */
  entity: z.enum(['email', 'phone', 'number', 'money', 'date']).optional(),
  /** Matches a normalised phrase inside the message (works without NLU), per locale or for all. */
  keywords: z.union([z.array(z.string().min(1)), z.record(z.string(), z.array(z.string().min(1)))]).optional(),
  /** Matches a button payload. */
  payload: z.string().min(1).optional(),
  minConfidence: z.number().min(0).max(1).optional(),
  next: BlockId,
});
export type IntentRoute = z.infer<typeof IntentRoute>;

/**
 * Branches on the detected intent and entities. Uses the customer's message of this turn if there is one not yet
 * consumed by another block; otherwise says `prompt` (if any) and waits for the next message.
 */
export const IntentBlock = z.object({
  ...blockBase,
  type: z.literal('intent'),
  prompt: LocalizedText.optional(),
  routes: z.array(IntentRoute).min(1),
  /** Below this confidence an intent does not count (default: every intent the NLU gives, which applies the bot's `oosThreshold`). */
  minConfidence: z.number().min(0).max(1).optional(),
  /**
   * "Did you mean…?": asked, with the two intents as buttons, when a message could be either. That is when the best
   * intent is unsure (below 0.7), the second is at least half as likely, and their routes lead to different blocks.
   * The buttons show each intent's `label`, else its first example phrase in the conversation's language.
   */
  clarify: LocalizedText.optional(),
  fallback: BlockId,
});
export type IntentBlock = z.infer<typeof IntentBlock>;

export const intentMeta: BlockMeta<IntentBlock> = {
  waits: true,
  targets: (b) => [...b.routes.map((r, i) => [`routes[${i}].next`, r.next] as [string, string]), ...opt('fallback', b.fallback)],
  texts: (b) => [['prompt', b.prompt], ['clarify', b.clarify]],
  check: (b, facts) => {
    const issues: Omit<FlowIssue, 'blockId'>[] = [];
    b.routes.forEach((r, i) => {
      if (r.intent === undefined && !r.buying && !r.entity && !r.keywords && !r.payload) {
        issues.push({ path: `routes[${i}]`, message: 'a route needs intent, buying, entity, keywords or payload', severity: 'error' });
      }
      if (r.intent !== undefined && !facts.intentNames.has(r.intent)) {
        issues.push({ path: `routes[${i}].intent`, message: `unknown intent "${r.intent}" (not in the flow's intents)`, severity: 'error' });
      } else if (r.intent !== undefined && facts.outOfScopeIntents.has(r.intent)) {
        issues.push({ path: `routes[${i}].intent`, message: outOfScopeMessage(r.intent), severity: 'error' });
      }
    });
    const intentTargets = new Set(b.routes.filter((r) => r.intent !== undefined || r.buying).map((r) => r.next));
    if (b.clarify && intentTargets.size < 2) {
      issues.push({ path: 'clarify', message: 'never asked: it needs intent routes to at least two different blocks', severity: 'warning' });
    }
    return issues;
  },
};
