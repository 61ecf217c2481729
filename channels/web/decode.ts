import { z } from 'zod';
import { MAX_INBOUND_TEXT_LENGTH, type InboundMessage } from '../../core/messages';
import { ValidationError } from '../../core/errors';

/** Body of `POST /api/channels/web/:botId/messages`. */
export const WebMessageBody = z
  .object({
    visitorId: z.string().min(1).max(128).regex(/^[\w.:-]+$/, 'letters, digits and . _ : - only'),
    messageId: z.string().min(1).max(128),
    text: z.string().max(MAX_INBOUND_TEXT_LENGTH * 4).optional(),
    /** A quick reply or button the visitor chose. */
    postback: z.object({ payload: z.string().min(1).max(1000), title: z.string().max(200).optional() }).optional(),
    /** The widget opened a new conversation; `payload` carries the campaign source (e.g. utm_campaign). */
    start: z.object({ payload: z.string().max(256).optional() }).optional(),
    locale: z.string().max(20).optional(),
    name: z.string().max(200).optional(),
  })
  .refine((body) => (body.text !== undefined && body.text.trim() !== '') || body.postback || body.start, { message: 'text or postback is required', path: ['text'] });
export type WebMessageBody = z.infer<typeof WebMessageBody>;

/**
 * The stored id of a visitor's message: the widget picks message ids, so they are only unique per visitor. Keyed by
 * the message id alone, a second visitor reusing one ("m1") was taken for a redelivery and shown the first visitor's
 * replies. Visitor ids hold no "/".
 */
export function webMessageKey(visitorId: string, messageId: string): string {
  return `${visitorId}/${messageId}`;
}

/** The widget's own message id in a stored key (keys stored before they were per visitor are the id itself). */
export function clientMessageId(key: string, visitorId: string): string {
  return key.startsWith(`${visitorId}/`) ? key.slice(visitorId.length + 1) : key;
}

export function decodeWebMessage(raw: unknown, channelInstanceId: string, receivedAt = new Date()): InboundMessage {
  const parsed = WebMessageBody.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ValidationError(`${issue.path.join('.') || 'body'}: ${issue.message}`, { field: issue.path.join('.') });
  }
  const body = parsed.data;
  if (body.text && body.text.length > MAX_INBOUND_TEXT_LENGTH) {
    throw new ValidationError(`text is longer than ${MAX_INBOUND_TEXT_LENGTH} characters`, { field: 'text', limit: MAX_INBOUND_TEXT_LENGTH }, { status: 413, code: 'message_too_large' });
  }
  const envelope = {
    channelInstanceId,
    channel: 'web' as const,
    externalUserId: body.visitorId,
    externalMessageId: webMessageKey(body.visitorId, body.messageId),
    receivedAt,
    profile: body.locale || body.name ? { locale: body.locale, displayName: body.name } : undefined,
  };
  if (body.start && !body.postback && !body.text?.trim()) return { ...envelope, type: 'start', payload: body.start.payload || undefined };
  if (body.postback) return { ...envelope, type: 'postback', payload: body.postback.payload, text: body.postback.title ?? body.text };
  return { ...envelope, type: 'text', text: body.text!.trim() };
}
