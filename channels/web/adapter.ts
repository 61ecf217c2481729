import { z } from 'zod';
import { AppError } from '../../core/errors';
import type { OutboundMessage } from '../../core/messages';
import { channelStatus, type ChannelAdapter, type ChannelCapabilities } from '../contract';
import { decodeWebMessage } from './decode';

export const WebConfig = z.object({
  /** Title shown in the widget header. */
  title: z.string().max(100).optional(),
  /** Accent colour of the launcher and header, e.g. #2b6cb0. */
  color: z.string().regex(/^#[0-9a-fA-F]{3,8}$/).optional(),
  /** Default widget language when the page does not set one. */
  locale: z.string().max(20).optional(),
  /** Pages allowed to embed the widget (origins); empty: any. */
  allowedOrigins: z.array(z.string().url()).max(50).optional(),
});
export type WebConfig = z.infer<typeof WebConfig>;

export const webCapabilities: ChannelCapabilities = {
  maxButtons: 10,
  maxQuickReplies: 13,
  maxButtonTitleLength: 80,
  maxPayloadBytes: 1000,
  maxTextLength: 4000,
  markdown: false,
  media: true,
  cards: true,
  typing: true,
};

/**
 * The website widget. Replies are stored and pushed to the visitor's sockets through the real-time
 * bus (or read by HTTP polling), so `outbound` is `stored` and `send` has nothing to do.
 */
export const webAdapter: ChannelAdapter<WebConfig, unknown, OutboundMessage> = {
  type: 'web',
  capabilities: webCapabilities,
  configSchema: WebConfig,
  secretFields: [],
  outbound: 'stored',
  decode(raw, instance) {
    try {
      return { kind: 'message', message: decodeWebMessage(raw, instance.id) };
    } catch (error) {
      if (error instanceof AppError) return { kind: 'ignored', reason: error.message };
      throw error;
    }
  },
  encode(message) {
    return [message];
  },
  async connect() {
    const status = channelStatus('connected');
    return {
      send: async () => ({ ok: true }),
      status: () => status,
      close: async () => undefined,
    };
  },
};
