import type { Redis } from 'ioredis';
import { looksLikeChoice, menuChoice, type MenuOption } from '../../channels/fallbacks';
import type { Logger } from '../../core/logger';
import type { InboundMessage } from '../../core/messages';
import { withTimeout } from '../../core/timeout';

const ttlSeconds = 24 * 3600;

/**
 * The numbered menu of the bot's latest turn per conversation, in Redis so every instance sees it: a
 * customer answering "2" gets the postback of option 2. A turn without a menu clears it, so a later
 * number answer ("how many people?") is not mistaken for a stale choice.
 */
export class MenuStore {
  constructor(
    private readonly redis: Redis,
    private readonly logger: Logger,
  ) {}

  private key(channelInstanceId: string, externalUserId: string): string {
    return `omnibot:menu:${channelInstanceId}:${externalUserId}`;
  }

  async remember(channelInstanceId: string, externalUserId: string, menu: MenuOption[] | undefined): Promise<void> {
    const key = this.key(channelInstanceId, externalUserId);
    try {
      if (menu?.length) await withTimeout(this.redis.set(key, JSON.stringify(menu), 'EX', ttlSeconds), 1000, 'menu save');
      else await withTimeout(this.redis.del(key), 1000, 'menu clear');
    } catch (error) {
      this.logger.warn({ err: error, channelInstanceId }, 'could not store the numbered menu');
    }
  }

  /** A text that picks an option of the last menu becomes that option's postback; anything else is unchanged. */
  async resolve(message: InboundMessage): Promise<InboundMessage> {
    if (message.type !== 'text' || !looksLikeChoice(message.text)) return message;
    let menu: MenuOption[] | undefined;
    try {
      const raw = await withTimeout(this.redis.get(this.key(message.channelInstanceId, message.externalUserId)), 1000, 'menu lookup');
      menu = raw ? (JSON.parse(raw) as MenuOption[]) : undefined;
    } catch (error) {
      this.logger.warn({ err: error, channelInstanceId: message.channelInstanceId }, 'could not read the numbered menu');
    }
    const option = menu && menuChoice(message.text, menu);
    if (!option) return message;
    const { text: _text, ...envelope } = message;
    return { ...envelope, type: 'postback', payload: option.payload, text: option.title };
  }
}
