import type { OutboundMessage } from '../../core/messages';

export type WhatsAppPayload = { kind: 'text'; body: string } | { kind: 'media'; url: string; caption?: string };

/**
 * WhatsApp Web has no usable buttons or lists any more (deprecated), so `fitMessage` has already turned them
 * into numbered text menus; cards arrive as an image plus text.
 */
export function encodeWhatsApp(message: OutboundMessage): WhatsAppPayload[] {
  switch (message.type) {
    case 'text':
      return [{ kind: 'text', body: message.text }];
    case 'media':
      return [{ kind: 'media', url: message.url, caption: message.caption }];
    case 'card':
      return [
        ...(message.imageUrl ? [{ kind: 'media' as const, url: message.imageUrl }] : []),
        { kind: 'text', body: [message.title, message.subtitle, message.url].filter(Boolean).join('\n') },
      ];
    case 'handoff':
      return [{ kind: 'text', body: message.text }];
    case 'typing':
      return [];
  }
  return [];
}
