import type { Message, Update } from 'grammy/types';
import { MAX_INBOUND_TEXT_LENGTH, type InboundMessage } from '../../core/messages';
import type { DecodeResult } from '../contract';

type Envelope = Pick<InboundMessage, 'channelInstanceId' | 'channel' | 'externalUserId' | 'externalMessageId' | 'receivedAt' | 'profile'>;

/**
 * A Telegram update as a canonical message. Message ids are `${chat.id}:${message_id}` (stable across
 * redeliveries, unlike `update_id` on a new webhook), button presses use the callback query id.
 */
export function decodeTelegramUpdate(raw: unknown, channelInstanceId: string): DecodeResult {
  if (!isObject(raw) || typeof raw.update_id !== 'number') return ignored('malformed update (no update_id)');
  const update = raw as unknown as Update;
  if (update.edited_message || update.edited_channel_post || update.edited_business_message) return ignored('edited message');
  if (update.callback_query) return decodeCallback(update.callback_query, channelInstanceId);
  if (update.message) return decodeMessage(update.message, channelInstanceId);
  return ignored(`unsupported update (${Object.keys(update).filter((k) => k !== 'update_id').join(',') || 'empty'})`);
}

function decodeMessage(message: Message, channelInstanceId: string): DecodeResult {
  if (!isObject(message) || !isObject(message.chat) || typeof message.message_id !== 'number' || message.chat.id === undefined) return ignored('malformed message');
  if (message.chat.type !== 'private') return ignored(`${String(message.chat.type)} chat`);
  if (message.from?.is_bot) return ignored('message from a bot');
  const envelope: Envelope = {
    channelInstanceId,
    channel: 'telegram',
    externalUserId: String(message.chat.id),
    externalMessageId: `${message.chat.id}:${message.message_id}`,
    receivedAt: typeof message.date === 'number' ? new Date(message.date * 1000) : new Date(),
    profile: profileOf(message.from),
  };
  if (typeof message.text === 'string') {
    const text = message.text.trim();
    if (!text) return ignored('empty text');
    const start = /^\/start(?:@\w+)?(?:\s+(\S{1,256}))?\s*$/.exec(text);
    if (start) return { kind: 'message', message: { ...envelope, type: 'start', payload: start[1] } };
    if (text.length > MAX_INBOUND_TEXT_LENGTH) return ignored(`oversized text (${text.length} characters)`);
    return { kind: 'message', message: { ...envelope, type: 'text', text } };
  }
  const caption = typeof message.caption === 'string' ? message.caption.slice(0, MAX_INBOUND_TEXT_LENGTH) : undefined;
  if (Array.isArray(message.photo) && message.photo.length > 0) {
    const largest = message.photo[message.photo.length - 1];
    return { kind: 'message', message: { ...envelope, type: 'media', mediaType: 'image', url: `telegram-file:${largest.file_id}`, caption } };
  }
  const file = message.video ? (['video', message.video] as const) : message.voice ? (['audio', message.voice] as const) : message.audio ? (['audio', message.audio] as const) : message.document ? (['file', message.document] as const) : undefined;
  if (file) return { kind: 'message', message: { ...envelope, type: 'media', mediaType: file[0], url: `telegram-file:${file[1].file_id}`, caption } };
  return ignored('unsupported message content');
}

function decodeCallback(query: NonNullable<Update['callback_query']>, channelInstanceId: string): DecodeResult {
  if (!isObject(query) || typeof query.id !== 'string' || !isObject(query.from)) return ignored('malformed callback query');
  if (typeof query.data !== 'string' || !query.data) return ignored('callback query without data');
  const chatId = query.message?.chat.id ?? query.from.id;
  const title = query.message && 'reply_markup' in query.message
    ? query.message.reply_markup?.inline_keyboard.flat().find((b) => 'callback_data' in b && b.callback_data === query.data)?.text
    : undefined;
  return {
    kind: 'message',
    message: {
      channelInstanceId,
      channel: 'telegram',
      externalUserId: String(chatId),
      externalMessageId: `cb:${query.id}`,
      receivedAt: new Date(),
      profile: profileOf(query.from),
      type: 'postback',
      payload: query.data.slice(0, 1000),
      text: title,
    },
  };
}

function profileOf(from: Message['from']): InboundMessage['profile'] {
  if (!from) return undefined;
  const name = [from.first_name, from.last_name].filter(Boolean).join(' ');
  return {
    firstName: from.first_name?.slice(0, 100),
    lastName: from.last_name?.slice(0, 100),
    displayName: (from.username ? `${name} (@${from.username})` : name).slice(0, 200) || undefined,
    locale: from.language_code?.slice(0, 20),
  };
}

function ignored(reason: string): DecodeResult {
  return { kind: 'ignored', reason };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
