import { MAX_INBOUND_TEXT_LENGTH } from '../../core/messages';
import type { DecodeResult } from '../contract';
import type { WhatsAppMessageLike } from './client';

const mediaTypes: Record<string, 'image' | 'video' | 'audio' | 'file'> = {
  image: 'image', sticker: 'image', video: 'video', audio: 'audio', ptt: 'audio', document: 'file',
};

/** A whatsapp-web.js message as a canonical message; the message id `_serialized` is the dedupe key. */
export function decodeWhatsAppMessage(raw: unknown, channelInstanceId: string): DecodeResult {
  const message = raw as Partial<WhatsAppMessageLike> | undefined;
  if (typeof message !== 'object' || message === null || typeof message.id?._serialized !== 'string' || typeof message.from !== 'string') {
    return ignored('malformed message');
  }
  if (message.fromMe) return ignored('own message');
  if (message.isStatus || message.from === 'status@broadcast') return ignored('status update');
  if (!message.from.endsWith('@c.us') && !message.from.endsWith('@lid')) return ignored('group or broadcast chat');
  const envelope = {
    channelInstanceId,
    channel: 'whatsapp' as const,
    externalUserId: message.from,
    externalMessageId: message.id._serialized.slice(0, 256),
    receivedAt: typeof message.timestamp === 'number' ? new Date(message.timestamp * 1000) : new Date(),
    profile: message._data?.notifyName ? { displayName: message._data.notifyName.slice(0, 200) } : undefined,
  };
  const body = typeof message.body === 'string' ? message.body.trim() : '';
  if (message.type === 'buttons_response' && message.selectedButtonId) {
    return { kind: 'message', message: { ...envelope, type: 'postback', payload: message.selectedButtonId.slice(0, 1000), text: body || undefined } };
  }
  if (message.type === 'list_response' && message.selectedRowId) {
    return { kind: 'message', message: { ...envelope, type: 'postback', payload: message.selectedRowId.slice(0, 1000), text: body || undefined } };
  }
  if (message.type === 'chat') {
    if (!body) return ignored('empty text');
    if (body.length > MAX_INBOUND_TEXT_LENGTH) return ignored(`oversized text (${body.length} characters)`);
    const start = /^\/start(?:\s+(\S{1,256}))?$/.exec(body);
    if (start) return { kind: 'message', message: { ...envelope, type: 'start', payload: start[1] } };
    return { kind: 'message', message: { ...envelope, type: 'text', text: body } };
  }
  const mediaType = message.type ? mediaTypes[message.type] : undefined;
  if (mediaType) {
    return { kind: 'message', message: { ...envelope, type: 'media', mediaType, url: `whatsapp-media:${message.id._serialized}`.slice(0, 2000), caption: body.slice(0, MAX_INBOUND_TEXT_LENGTH) || undefined } };
  }
  return ignored(`unsupported message type ${String(message.type)}`);
}

function ignored(reason: string): DecodeResult {
  return { kind: 'ignored', reason };
}
