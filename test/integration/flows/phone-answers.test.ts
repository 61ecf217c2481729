import { findContact } from '../../../core/repositories/contacts';
import { openFlowBots, type FlowBots } from './flow-bots';
import { replyTexts, sayOnWeb } from '../knowledge/setup';

const text = (en: string, pl: string) => ({ en, pl });

/** Asks for a phone number, stores it on the contact, then repeats it. */
const definition = {
  schemaVersion: 2,
  id: 'main',
  name: 'Call back',
  start: 'phone',
  fallbackLocale: 'en',
  locales: ['en', 'pl'],
  blocks: [
    {
      id: 'phone', type: 'ask', var: 'phone', answer: 'phone', next: 'got', giveUp: 'got', saveTo: { contact: 'phone' },
      question: text('Which number should we call?', 'Pod jaki numer zadzwonić?'),
      retryText: text('That is no phone number we can call. With the country code, please.', 'To nie jest numer telefonu.'),
    },
    { id: 'got', type: 'message', text: text('We will call {{vars.phone}}', 'Zadzwonimy pod {{vars.phone}}') },
  ],
  intents: [{ name: 'hello', examples: { en: ['hello'], pl: ['dzień dobry'] } }],
};

describe('phone answers in a conversation', () => {
  let bots: FlowBots;

  beforeAll(async () => {
    bots = await openFlowBots(definition);
    await bots.botWith('calls-us', { nlu: { country: 'US' } });
    await bots.botWith('calls', {});
  });
  afterAll(() => bots.cleanup());

  it("stores a number written the way the bot's country writes it in E.164, and refuses one that cannot be called there", async () => {
    expect(replyTexts((await sayOnWeb(bots.runtime, 'calls-us', 'us-visitor', 'hello')).replies)).toContain('Which number should we call?');
    expect(replyTexts((await sayOnWeb(bots.runtime, 'calls-us', 'us-visitor', '(555) 123-4567')).replies)).toContain('With the country code, please.');
    const answered = await sayOnWeb(bots.runtime, 'calls-us', 'us-visitor', 'sure, (415) 555-2671');
    expect(replyTexts(answered.replies)).toContain('We will call +14155552671');
    expect((await findContact(bots.db, answered.contactId))?.phone).toBe('+14155552671');
  });

  it("reads a number without a country code in the conversation's language's country when the bot names none", async () => {
    expect(replyTexts((await sayOnWeb(bots.runtime, 'calls', 'pl-visitor', 'dzień dobry')).replies)).toContain('Pod jaki numer zadzwonić?');
    const answered = await sayOnWeb(bots.runtime, 'calls', 'pl-visitor', 'mój numer to 600 700 800');
    expect(replyTexts(answered.replies)).toContain('Zadzwonimy pod +48600700800');
    expect((await findContact(bots.db, answered.contactId))?.phone).toBe('+48600700800');
  });
});
