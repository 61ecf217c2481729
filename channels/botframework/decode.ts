import type { Activity } from 'botbuilder';
import { MAX_INBOUND_TEXT_LENGTH, type InboundMessage } from '../../core/messages';
import type { DecodeResult } from '../contract';

/** Activity ids are unique within a conversation only (Teams uses timestamps): the conversation scopes them. */
const scopedId = (activityId: string, conversationId: string) => `${activityId}@${conversationId}`.slice(0, 256);

/** A Bot Framework activity (Emulator, Teams, Web Chat...) as a canonical message. */
export function decodeActivity(raw: unknown, channelInstanceId: string): DecodeResult {
  if (typeof raw !== 'object' || raw === null) return ignored('malformed activity');
  const activity = raw as Partial<Activity>;
  if (typeof activity.type !== 'string' || typeof activity.conversation?.id !== 'string' || typeof activity.from?.id !== 'string' || !activity.from.id) {
    return ignored('malformed activity (type, conversation.id and from.id are required)');
  }
  const envelope = {
    channelInstanceId,
    channel: 'botframework' as const,
    externalUserId: activity.from.id.slice(0, 256),
    receivedAt: activity.timestamp ? new Date(activity.timestamp) : new Date(),
    profile: activity.from.name || activity.locale ? { displayName: activity.from.name?.slice(0, 200), locale: activity.locale?.slice(0, 20) } : undefined,
  };
  if (Number.isNaN(envelope.receivedAt.getTime())) envelope.receivedAt = new Date();

  if (activity.type === 'conversationUpdate') {
    const joined = (activity.membersAdded ?? []).find((member) => member.id && member.id !== activity.recipient?.id);
    if (!joined) return ignored('conversation update without a new member');
    const message: InboundMessage = {
      ...envelope,
      externalUserId: joined.id.slice(0, 256),
      externalMessageId: activity.id ? scopedId(activity.id, activity.conversation.id) : `join:${activity.conversation.id}:${joined.id}`.slice(0, 256),
      type: 'start',
    };
    return { kind: 'message', message };
  }
  if (activity.type !== 'message') return ignored(`${activity.type} activity`);
  if (!activity.id) return ignored('message activity without id');
  const base = { ...envelope, externalMessageId: scopedId(activity.id, activity.conversation.id) };
  const value = activity.value as { payload?: unknown } | undefined;
  if (value && typeof value.payload === 'string' && value.payload) {
    return { kind: 'message', message: { ...base, type: 'postback', payload: value.payload.slice(0, 1000), text: activity.text?.slice(0, MAX_INBOUND_TEXT_LENGTH) || undefined } };
  }
  const text = typeof activity.text === 'string' ? activity.text.trim() : '';
  if (text) {
    if (text.length > MAX_INBOUND_TEXT_LENGTH) return ignored(`oversized text (${text.length} characters)`);
    const start = /^\/start(?:\s+(\S{1,256}))?$/.exec(text);
    if (start) return { kind: 'message', message: { ...base, type: 'start', payload: start[1] } };
    return { kind: 'message', message: { ...base, type: 'text', text } };
  }
  const attachment = (activity.attachments ?? []).find((a) => typeof a.contentUrl === 'string');
  if (attachment?.contentUrl) {
    const kind = attachment.contentType?.split('/')[0];
    const mediaType = kind === 'image' ? 'image' : kind === 'video' ? 'video' : kind === 'audio' ? 'audio' : 'file';
    return { kind: 'message', message: { ...base, type: 'media', mediaType, url: attachment.contentUrl.slice(0, 2000) } };
  }
  return ignored('message without text or attachment');
}

function ignored(reason: string): DecodeResult {
  return { kind: 'ignored', reason };
}
