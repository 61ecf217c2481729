import { channelTypes, InboundMessage, type ChannelType, type OutboundMessage } from '../../../core/messages';
import type { AnyChannelAdapter, ChannelInstance } from '../../../channels/contract';
import { fitMessage } from '../../../channels/fallbacks';
import { channelAdapters } from '../../../channels/registry';
import { tg } from '../../fakes/telegram/server';

/** Raw platform events per channel, for the shared cases below. */
const fixtures: Record<ChannelType, { config: Record<string, unknown>; text: unknown; button: unknown; start: unknown; malformed: unknown[]; ignored: unknown[]; oversized: unknown }> = {
  web: {
    config: {},
    text: { visitorId: 'v1', messageId: 'm1', text: ' hello ' },
    button: { visitorId: 'v1', messageId: 'm2', postback: { payload: 'yes', title: 'Yes' } },
    start: { visitorId: 'v1', messageId: 'm3', start: { payload: 'spring' } },
    malformed: [null, 'text', {}, { visitorId: 'v 1', messageId: 'm', text: 'x' }],
    ignored: [{ visitorId: 'v1', messageId: 'm4', text: '   ' }],
    oversized: { visitorId: 'v1', messageId: 'm5', text: 'x'.repeat(5000) },
  },
  telegram: {
    config: { botToken: '123456:TEST-token-aaaaaaaaaaaaaaaaaaaaaaaa', mode: 'webhook' },
    text: { update_id: 1, ...tg.text(42, 7, ' hello ') },
    button: { update_id: 2, ...tg.callback(42, 'q1', 'yes', [[{ text: 'Yes', callback_data: 'yes' }]]) },
    start: { update_id: 3, ...tg.text(42, 8, '/start spring') },
    malformed: [null, 'text', {}, { update_id: 'x' }, { update_id: 4, message: { chat: 'nope' } }],
    ignored: [{ update_id: 5, ...tg.edited(42, 7, 'edited') }, { update_id: 6, channel_post: { message_id: 1 } }, { update_id: 7, message: { ...tg.text(42, 9, 'hi').message, chat: { id: -100, type: 'group' } } }],
    oversized: { update_id: 8, ...tg.text(42, 10, 'x'.repeat(4090)) },
  },
  whatsapp: {
    config: {},
    text: { id: { _serialized: 'false_1555@c.us_A1' }, from: '1555@c.us', body: ' hello ', type: 'chat', fromMe: false, timestamp: 1700000000 },
    button: { id: { _serialized: 'false_1555@c.us_A2' }, from: '1555@c.us', body: 'Yes', type: 'buttons_response', selectedButtonId: 'yes', fromMe: false },
    start: { id: { _serialized: 'false_1555@c.us_A3' }, from: '1555@c.us', body: '/start spring', type: 'chat', fromMe: false },
    malformed: [null, 'text', {}, { id: {}, from: 1 }],
    ignored: [
      { id: { _serialized: 'true_1555@c.us_B1' }, from: '1555@c.us', body: 'mine', type: 'chat', fromMe: true },
      { id: { _serialized: 'false_status_B2' }, from: 'status@broadcast', body: 'story', type: 'chat', fromMe: false, isStatus: true },
      { id: { _serialized: 'false_g_B3' }, from: '1203@g.us', body: 'group', type: 'chat', fromMe: false },
    ],
    oversized: { id: { _serialized: 'false_1555@c.us_A4' }, from: '1555@c.us', body: 'x'.repeat(5000), type: 'chat', fromMe: false },
  },
  botframework: {
    config: {},
    text: { type: 'message', id: 'a1', text: ' hello ', from: { id: 'u1', name: 'Ada' }, recipient: { id: 'b1' }, conversation: { id: 'c1' }, serviceUrl: 'http://localhost' },
    button: { type: 'message', id: 'a2', text: 'Yes', value: { payload: 'yes' }, from: { id: 'u1' }, recipient: { id: 'b1' }, conversation: { id: 'c1' } },
    start: { type: 'conversationUpdate', id: 'a3', from: { id: 'u1' }, recipient: { id: 'b1' }, conversation: { id: 'c1' }, membersAdded: [{ id: 'b1' }, { id: 'u1' }] },
    malformed: [null, 'text', {}, { type: 'message', id: 'x' }],
    ignored: [
      { type: 'typing', id: 'a4', from: { id: 'u1' }, conversation: { id: 'c1' } },
      { type: 'conversationUpdate', id: 'a5', from: { id: 'u1' }, recipient: { id: 'b1' }, conversation: { id: 'c1' }, membersAdded: [{ id: 'b1' }] },
    ],
    oversized: { type: 'message', id: 'a6', text: 'x'.repeat(5000), from: { id: 'u1' }, conversation: { id: 'c1' } },
  },
};

const choices = Array.from({ length: 12 }, (_, i) => ({ type: 'postback' as const, title: `Choice number ${i + 1}`, payload: `choice-payload-${i + 1}` }));

/** How many distinct choice payloads made it into the platform payloads (i.e. native buttons). */
function nativeChoices(encoded: unknown[]): number {
  const json = JSON.stringify(encoded);
  return choices.filter((c) => json.includes(`"${c.payload}"`)).length;
}

function encodeAll(adapter: AnyChannelAdapter, instance: ChannelInstance, message: OutboundMessage) {
  const fitted = fitMessage(message, adapter.capabilities);
  return { fitted, encoded: fitted.messages.flatMap((m) => adapter.encode(m, instance)) };
}

describe('channel registry', () => {
  it('lists one adapter per channel type, literally', () => {
    expect(Object.keys(channelAdapters).sort()).toEqual([...channelTypes].sort());
    for (const [type, adapter] of Object.entries(channelAdapters)) expect(adapter.type).toBe(type);
  });
});

describe.each(Object.values(channelAdapters).map((adapter) => [adapter.type, adapter] as const))('%s adapter contract', (type, adapter: AnyChannelAdapter) => {
  const fixture = fixtures[type];
  const instance: ChannelInstance = { id: `${type}-1`, botId: 'demo', config: adapter.configSchema.parse(fixture.config) as Record<string, unknown> };

  it('declares sane capabilities and a config schema', () => {
    const caps = adapter.capabilities;
    for (const value of [caps.maxButtons, caps.maxQuickReplies, caps.maxButtonTitleLength, caps.maxPayloadBytes, caps.maxTextLength]) expect(Number.isInteger(value) && value >= 0).toBe(true);
    expect(caps.maxTextLength).toBeGreaterThanOrEqual(1000);
    expect(['platform', 'stored']).toContain(adapter.outbound);
    expect(adapter.configSchema.safeParse({ botToken: 42, appId: 42, title: 42, reconnectBaseMs: 'x' }).success).toBe(false);
  });

  it.each(['text', 'button', 'start'] as const)('decodes a %s event into a valid InboundMessage', (kind) => {
    const result = adapter.decode(fixture[kind], instance);
    expect(result.kind).toBe('message');
    if (result.kind !== 'message') return;
    const message = InboundMessage.parse(result.message);
    expect(message.channel).toBe(type);
    expect(message.channelInstanceId).toBe(instance.id);
    if (kind === 'text') expect(message).toMatchObject({ type: 'text', text: 'hello' });
    if (kind === 'button') expect(message).toMatchObject({ type: 'postback', payload: 'yes' });
    if (kind === 'start') expect(message.type).toBe('start');
    if (kind === 'start' && type !== 'botframework') expect(message).toMatchObject({ payload: 'spring' });
  });

  it('ignores malformed, unsupported and oversized input with a reason, never throws', () => {
    for (const raw of [...fixture.malformed, ...fixture.ignored, fixture.oversized]) {
      const result = adapter.decode(raw, instance);
      expect(result).toEqual({ kind: 'ignored', reason: expect.stringMatching(/\S/) });
    }
  });

  it('never renders more buttons than the platform allows; the rest become a numbered menu', () => {
    const { fitted, encoded } = encodeAll(adapter, instance, { type: 'text', text: 'Pick one', buttons: choices });
    expect(encoded.length).toBeGreaterThan(0);
    if (adapter.capabilities.maxButtons >= choices.length) {
      expect(nativeChoices(encoded)).toBe(choices.length);
    } else {
      expect(nativeChoices(encoded)).toBe(0);
      expect(fitted.menu?.map((o) => o.payload)).toEqual(choices.map((c) => c.payload));
      expect(JSON.stringify(encoded)).toContain('12. Choice number 12');
    }
    const few = encodeAll(adapter, instance, { type: 'text', text: 'Pick', quickReplies: choices.slice(0, 2) });
    expect(nativeChoices(few.encoded)).toBe(adapter.capabilities.maxQuickReplies >= 2 ? 2 : 0);
    expect(Boolean(few.fitted.menu)).toBe(adapter.capabilities.maxQuickReplies < 2);
  });

  it('splits long texts over maxTextLength', () => {
    const long = Array.from({ length: 3000 }, (_, i) => `word${i}`).join(' ');
    const { fitted, encoded } = encodeAll(adapter, instance, { type: 'text', text: long });
    const texts = fitted.messages.map((m) => (m.type === 'text' ? m.text : ''));
    expect(texts.length).toBeGreaterThanOrEqual(Math.ceil(long.length / adapter.capabilities.maxTextLength));
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(adapter.capabilities.maxTextLength);
    expect(texts.join(' ')).toBe(long);
    expect(encoded.length).toBeGreaterThanOrEqual(fitted.messages.length);
  });

  it('renders cards, media, typing and handoff notices within its capabilities', () => {
    const card = encodeAll(adapter, instance, { type: 'card', title: 'Cica Serum', subtitle: '45 USD', imageUrl: 'https://cdn.example/cica.jpg', buttons: [{ type: 'url', title: 'Buy', url: 'https://shop.example/cica' }] });
    expect(JSON.stringify(card.encoded)).toContain('Cica Serum');
    expect(JSON.stringify(card.encoded)).toContain('https://cdn.example/cica.jpg');
    const media = encodeAll(adapter, instance, { type: 'media', mediaType: 'image', url: 'https://cdn.example/a.png', caption: 'A photo' });
    expect(JSON.stringify(media.encoded)).toContain('https://cdn.example/a.png');
    const typing = encodeAll(adapter, instance, { type: 'typing', durationMs: 500 });
    if (!adapter.capabilities.typing) expect(typing.encoded).toEqual([]);
    const handoff = encodeAll(adapter, instance, { type: 'handoff', status: 'queued', text: 'An agent will be with you shortly' });
    expect(JSON.stringify(handoff.encoded)).toContain('An agent will be with you shortly');
  });
});
