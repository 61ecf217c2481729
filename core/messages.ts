import { z } from 'zod';

/** Hard limit on customer text accepted by any channel (characters). Longer messages are rejected with 413. */
export const MAX_INBOUND_TEXT_LENGTH = 4000;

export const channelTypes = ['web', 'telegram', 'whatsapp', 'botframework'] as const;
export const ChannelType = z.enum(channelTypes);
export type ChannelType = z.infer<typeof ChannelType>;

const inboundEnvelope = z.object({
  /** Our channel instance id (one Telegram bot token, one WhatsApp number, one website...). */
  channelInstanceId: z.string().min(1),
  channel: ChannelType,
  /** The platform's id of the customer (Telegram chat id, WhatsApp jid, web visitor id...). */
  externalUserId: z.string().min(1).max(256),
  /** The platform's id of this message; a second message with the same id is a redelivery and is ignored. */
  externalMessageId: z.string().min(1).max(256),
  receivedAt: z.coerce.date(),
  profile: z
    .object({
      displayName: z.string().max(200).optional(),
      firstName: z.string().max(100).optional(),
      lastName: z.string().max(100).optional(),
      locale: z.string().max(20).optional(),
    })
    .optional(),
});

/**
 * A customer event decoded from any channel. No platform payload leaves `channels/<name>/`:
 * adapters turn their events into one of these.
 */
export const InboundMessage = z.discriminatedUnion('type', [
  inboundEnvelope.extend({ type: z.literal('text'), text: z.string().min(1).max(MAX_INBOUND_TEXT_LENGTH) }),
  /** A button or quick reply was chosen. `text` is what the customer saw on the button. */
  inboundEnvelope.extend({
    type: z.literal('postback'),
    payload: z.string().min(1).max(1000),
    text: z.string().max(MAX_INBOUND_TEXT_LENGTH).optional(),
  }),
  inboundEnvelope.extend({
    type: z.literal('media'),
    mediaType: z.enum(['image', 'video', 'audio', 'file']),
    url: z.string().max(2000),
    caption: z.string().max(MAX_INBOUND_TEXT_LENGTH).optional(),
  }),
  /** A conversation start, e.g. Telegram `/start PAYLOAD` deep links or a widget opening; `payload` carries the campaign source. */
  inboundEnvelope.extend({ type: z.literal('start'), payload: z.string().max(256).optional() }),
]);
export type InboundMessage = z.infer<typeof InboundMessage>;

export const Button = z.discriminatedUnion('type', [
  z.object({ type: z.literal('postback'), title: z.string().min(1).max(200), payload: z.string().min(1).max(1000) }),
  z.object({ type: z.literal('url'), title: z.string().min(1).max(200), url: z.string().url() }),
]);
export type Button = z.infer<typeof Button>;

export const QuickReply = z.object({ title: z.string().min(1).max(200), payload: z.string().min(1).max(1000) });
export type QuickReply = z.infer<typeof QuickReply>;

/**
 * What the bot (or an agent) says. Channels render each type as well as the platform allows;
 * `channels/fallbacks.ts` degrades what a channel cannot show (numbered menus for buttons, text for cards).
 */
export const OutboundMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('text'),
    text: z.string().min(1),
    quickReplies: z.array(QuickReply).optional(),
    buttons: z.array(Button).optional(),
  }),
  z.object({
    type: z.literal('media'),
    mediaType: z.enum(['image', 'video', 'audio', 'file']),
    url: z.string(),
    caption: z.string().optional(),
  }),
  z.object({
    type: z.literal('card'),
    title: z.string().min(1),
    subtitle: z.string().optional(),
    imageUrl: z.string().optional(),
    url: z.string().optional(),
    buttons: z.array(Button).optional(),
  }),
  z.object({ type: z.literal('typing'), durationMs: z.number().int().min(0).max(10000) }),
  /** Tells the customer about the human handoff: queued, an agent joined, back to the bot. */
  z.object({
    type: z.literal('handoff'),
    status: z.enum(['queued', 'assigned', 'returned', 'closed']),
    text: z.string().min(1),
  }),
]);
export type OutboundMessage = z.infer<typeof OutboundMessage>;

/** The text a person would read for a message, for transcripts, search and logs. */
export function inboundText(message: InboundMessage): string {
  switch (message.type) {
    case 'text':
      return message.text;
    case 'postback':
      return message.text ?? message.payload;
    case 'media':
      return message.caption ?? `[${message.mediaType}]`;
    case 'start':
      return message.payload ? `/start ${message.payload}` : '/start';
  }
}

export function outboundText(message: OutboundMessage): string {
  switch (message.type) {
    case 'text':
      return message.text;
    case 'media':
      return message.caption ?? `[${message.mediaType}]`;
    case 'card':
      return [message.title, message.subtitle].filter(Boolean).join(' — ');
    case 'typing':
      return '';
    case 'handoff':
      return message.text;
  }
}
