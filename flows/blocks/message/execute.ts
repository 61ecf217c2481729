import { type Button, type OutboundMessage } from '../../../core/messages';
import { type BlockExecutor } from '../../engine/executor';
import { go, type Turn } from '../../engine/turn';
import { type MessageBlock } from './schema';

function buttons(list: MessageBlock['buttons'], turn: Turn): Button[] | undefined {
  if (!list?.length) return undefined;
  return list.map((b) =>
    b.url ? { type: 'url' as const, title: turn.text(b.title), url: turn.render(b.url) } : { type: 'postback' as const, title: turn.text(b.title), payload: b.payload ?? '' },
  );
}

export const messageExecutor: BlockExecutor<MessageBlock> = {
  enter(b, turn) {
    if (b.typingMs) turn.say({ type: 'typing', durationMs: b.typingMs });
    if (b.image) {
      const media: OutboundMessage = { type: 'media', mediaType: 'image', url: turn.render(b.image.url) };
      if (b.image.caption) media.caption = turn.text(b.image.caption);
      turn.say(media);
    }
    if (b.card) {
      const card: OutboundMessage = { type: 'card', title: turn.text(b.card.title) };
      if (b.card.subtitle) card.subtitle = turn.text(b.card.subtitle);
      if (b.card.imageUrl) card.imageUrl = turn.render(b.card.imageUrl);
      if (b.card.url) card.url = turn.render(b.card.url);
      const bs = buttons(b.card.buttons, turn);
      if (bs) card.buttons = bs;
      turn.say(card);
    }
    if (b.text !== undefined) {
      const text = Array.isArray(b.text) ? b.text[Math.floor(turn.random() * b.text.length)] : b.text;
      const msg: OutboundMessage = { type: 'text', text: turn.text(text) };
      if (b.quickReplies?.length) msg.quickReplies = b.quickReplies.map((q) => ({ title: turn.text(q.title), payload: q.payload }));
      const bs = buttons(b.buttons, turn);
      if (bs) msg.buttons = bs;
      turn.say(msg);
    }
    return go(b.next);
  },
};
