import type { InlineKeyboardButton } from 'grammy/types';
import type { Button, OutboundMessage, QuickReply } from '../../core/messages';

/** One Bot API call, without `chat_id` (added when sending). */
export type TelegramPayload =
  | { method: 'sendMessage'; params: { text: string; reply_markup?: { inline_keyboard: InlineKeyboardButton[][] }; link_preview_options?: { is_disabled: boolean } } }
  | { method: 'sendPhoto'; params: { photo: string; caption?: string; reply_markup?: { inline_keyboard: InlineKeyboardButton[][] } } }
  | { method: 'sendVideo'; params: { video: string; caption?: string } }
  | { method: 'sendAudio'; params: { audio: string; caption?: string } }
  | { method: 'sendDocument'; params: { document: string; caption?: string } }
  | { method: 'sendChatAction'; params: { action: 'typing' } };

const MAX_CAPTION = 1024;

/** Bot API calls for one message that already fits Telegram's capabilities. */
export function encodeTelegram(message: OutboundMessage): TelegramPayload[] {
  switch (message.type) {
    case 'text': {
      const keyboard = inlineKeyboard(message.buttons ?? [], message.quickReplies ?? []);
      return [{ method: 'sendMessage', params: { text: message.text, ...(keyboard ? { reply_markup: keyboard } : {}) } }];
    }
    case 'media': {
      const caption = message.caption?.slice(0, MAX_CAPTION);
      switch (message.mediaType) {
        case 'image':
          return [{ method: 'sendPhoto', params: { photo: message.url, ...(caption ? { caption } : {}) } }];
        case 'video':
          return [{ method: 'sendVideo', params: { video: message.url, ...(caption ? { caption } : {}) } }];
        case 'audio':
          return [{ method: 'sendAudio', params: { audio: message.url, ...(caption ? { caption } : {}) } }];
        case 'file':
          return [{ method: 'sendDocument', params: { document: message.url, ...(caption ? { caption } : {}) } }];
      }
      break;
    }
    case 'card': {
      const text = [message.title, message.subtitle, message.url].filter(Boolean).join('\n');
      const keyboard = inlineKeyboard(message.buttons ?? [], []);
      const markup = keyboard ? { reply_markup: keyboard } : {};
      if (message.imageUrl && text.length <= MAX_CAPTION) return [{ method: 'sendPhoto', params: { photo: message.imageUrl, caption: text, ...markup } }];
      return [
        ...(message.imageUrl ? [{ method: 'sendPhoto' as const, params: { photo: message.imageUrl } }] : []),
        { method: 'sendMessage', params: { text, ...markup } },
      ];
    }
    case 'typing':
      return [{ method: 'sendChatAction', params: { action: 'typing' } }];
    case 'handoff':
      return [{ method: 'sendMessage', params: { text: message.text } }];
  }
  return [];
}

function inlineKeyboard(buttons: Button[], quickReplies: QuickReply[]): { inline_keyboard: InlineKeyboardButton[][] } | undefined {
  const rows: InlineKeyboardButton[][] = buttons.map((b) => [b.type === 'url' ? { text: b.title, url: b.url } : { text: b.title, callback_data: b.payload }]);
  for (let i = 0; i < quickReplies.length; i += 3) {
    rows.push(quickReplies.slice(i, i + 3).map((q) => ({ text: q.title, callback_data: q.payload })));
  }
  return rows.length ? { inline_keyboard: rows } : undefined;
}
