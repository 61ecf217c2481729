import { z } from 'zod';
import { BlockId, blockBase, type BlockMeta } from '../../schema/common';
import { LocalizedText } from '../../schema/localized';

const ButtonDef = z.object({
  title: LocalizedText,
  payload: z.string().min(1).max(1000).optional(),
  url: z.string().url().optional(),
});

export const MessageBlock = z.object({
  ...blockBase,
  type: z.literal('message'),
  /** One text, or several alternatives picked at random (seeded) each time. */
  text: z.union([LocalizedText, z.array(LocalizedText).min(1)]).optional(),
  quickReplies: z.array(z.object({ title: LocalizedText, payload: z.string().min(1).max(1000) })).max(13).optional(),
  buttons: z.array(ButtonDef).max(10).optional(),
  image: z.object({ url: z.string().min(1), caption: LocalizedText.optional() }).optional(),
  card: z
    .object({
      title: LocalizedText,
      subtitle: LocalizedText.optional(),
      imageUrl: z.string().optional(),
      url: z.string().optional(),
      buttons: z.array(ButtonDef).max(3).optional(),
    })
    .optional(),
  /** Shows "typing…" for this long before the message. */
  typingMs: z.number().int().min(0).max(10000).optional(),
  next: BlockId.optional(),
});
export type MessageBlock = z.infer<typeof MessageBlock>;

export const messageMeta: BlockMeta<MessageBlock> = {
  waits: false,
  targets: (b) => (b.next ? [['next', b.next]] : []),
  texts: (b) => [
    ...(Array.isArray(b.text) ? b.text.map((t, i) => [`text[${i}]`, t] as [string, LocalizedText]) : [['text', b.text] as [string, LocalizedText | undefined]]),
    ...(b.quickReplies ?? []).map((q, i) => [`quickReplies[${i}].title`, q.title] as [string, LocalizedText]),
    ...(b.buttons ?? []).map((q, i) => [`buttons[${i}].title`, q.title] as [string, LocalizedText]),
    ['image.caption', b.image?.caption],
    ['card.title', b.card?.title],
    ['card.subtitle', b.card?.subtitle],
  ],
  check: (b) => {
    const issues = [];
    if (b.text === undefined && !b.image && !b.card) issues.push({ path: 'text', message: 'a message needs text, image or card', severity: 'error' as const });
    (b.buttons ?? []).forEach((btn, i) => {
      if (!btn.payload === !btn.url) issues.push({ path: `buttons[${i}]`, message: 'a button needs exactly one of payload or url', severity: 'error' as const });
    });
    return issues;
  },
};
