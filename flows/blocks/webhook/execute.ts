import { type BlockExecutor } from '../../engine/executor';
import { go } from '../../engine/turn';
import { type WebhookBlock } from './schema';

export const webhookExecutor: BlockExecutor<WebhookBlock> = {
  enter(b, turn) {
    const payload = turn.renderValues(b.payload ?? {}) as Record<string, unknown>;
    turn.emit(b.url ? { type: 'webhook', url: b.url, event: b.event, payload } : { type: 'webhook', event: b.event, payload });
    return go(b.next);
  },
};
