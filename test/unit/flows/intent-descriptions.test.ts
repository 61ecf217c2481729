import { buildLoadedFlow } from '../../../bots/runtime/flow-cache';

const definition = (description?: string) => ({
  schemaVersion: 2,
  id: 'desc',
  name: 'Descriptions',
  start: 'router',
  fallbackLocale: 'en',
  locales: ['en'],
  blocks: [
    { id: 'router', type: 'intent', prompt: 'How can I help?', routes: [{ intent: 'loyalty', next: 'club' }], fallback: 'router' },
    { id: 'club', type: 'message', text: 'Welcome to the club' },
  ],
  intents: [
    { name: 'loyalty', ...(description ? { description } : {}), examples: { en: ['how do i join', 'sign me up'] } },
    { name: 'track_order', examples: { en: ['where is my parcel', 'has it shipped yet'] } },
    { name: 'opening_hours', examples: { en: ['when do you open', 'are you open on sunday'] } },
  ],
});

describe('a published flow trains its intents', () => {
  it('from the examples and the intent description', async () => {
    const text = 'my rewards points';
    const plain = (await buildLoadedFlow('v1', definition())).nlu;
    const described = (await buildLoadedFlow('v2', definition('points rewards club membership'))).nlu;
    expect(plain.analyze(text).ranking[0].name).not.toBe('loyalty');
    expect(described.analyze(text).ranking[0].name).toBe('loyalty');
    expect(new Map(described.toJSON().examples).get('loyalty')).toEqual(['how do i join', 'sign me up']);
  });
});
