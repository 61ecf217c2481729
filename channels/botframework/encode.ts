import { ActionTypes, CardFactory, type Activity, type CardAction } from 'botbuilder';
import type { Button, OutboundMessage } from '../../core/messages';

export type BotFrameworkPayload = Partial<Activity>;

/** Activities for one message that already fits Bot Framework's capabilities. */
export function encodeActivity(message: OutboundMessage): BotFrameworkPayload[] {
  switch (message.type) {
    case 'text': {
      const activity: BotFrameworkPayload = { type: 'message', text: message.text, textFormat: 'plain' };
      if (message.quickReplies?.length) {
        activity.suggestedActions = { to: [], actions: message.quickReplies.map((q) => postbackAction(q.title, q.payload)) };
      }
      if (message.buttons?.length) activity.attachments = [CardFactory.heroCard('', undefined, message.buttons.map(cardAction))];
      return [activity];
    }
    case 'media':
      return [{
        type: 'message',
        text: message.caption,
        attachments: [{ contentType: contentType(message.mediaType, message.url), contentUrl: message.url, name: message.url.split('/').pop() }],
      }];
    case 'card': {
      const card = CardFactory.heroCard(message.title, message.imageUrl ? [message.imageUrl] : undefined, (message.buttons ?? []).map(cardAction), {
        subtitle: message.subtitle,
        ...(message.url ? { tap: { type: ActionTypes.OpenUrl, title: message.title, value: message.url } } : {}),
      });
      return [{ type: 'message', attachments: [card] }];
    }
    case 'typing':
      return [{ type: 'typing' }];
    case 'handoff':
      return [{ type: 'message', text: message.text, textFormat: 'plain' }];
  }
  return [];
}

function cardAction(button: Button): CardAction {
  return button.type === 'url' ? { type: ActionTypes.OpenUrl, title: button.title, value: button.url } : postbackAction(button.title, button.payload);
}

/** `messageBack` shows the title in the chat and sends the payload back in `value`. */
function postbackAction(title: string, payload: string): CardAction {
  return { type: ActionTypes.MessageBack, title, text: title, displayText: title, value: { payload } };
}

function contentType(mediaType: 'image' | 'video' | 'audio' | 'file', url: string): string {
  const extension = /\.(\w{2,4})(?:[?#]|$)/.exec(url)?.[1]?.toLowerCase();
  if (mediaType === 'image') return extension === 'png' ? 'image/png' : extension === 'gif' ? 'image/gif' : extension === 'webp' ? 'image/webp' : 'image/jpeg';
  if (mediaType === 'video') return 'video/mp4';
  if (mediaType === 'audio') return 'audio/mpeg';
  return extension === 'pdf' ? 'application/pdf' : 'application/octet-stream';
}
