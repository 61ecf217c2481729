import type { ChannelType } from '../core/messages';
import type { AnyChannelAdapter } from './contract';
import { botFrameworkAdapter } from './botframework/adapter';
import { telegramAdapter } from './telegram/adapter';
import { webAdapter } from './web/adapter';
import { whatsappAdapter } from './whatsapp/adapter';

/** Every channel adapter, by type. A literal list, checked by test/unit/channels/contract.test.ts. */
export const channelAdapters = {
  web: webAdapter,
  telegram: telegramAdapter,
  whatsapp: whatsappAdapter,
  botframework: botFrameworkAdapter,
} satisfies Record<ChannelType, AnyChannelAdapter>;

export function adapterFor(type: string): AnyChannelAdapter | undefined {
  return Object.hasOwn(channelAdapters, type) ? channelAdapters[type as ChannelType] : undefined;
}
