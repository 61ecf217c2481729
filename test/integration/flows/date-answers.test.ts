import { BotRuntime } from '../../../bots/runtime/runtime';
import { localDay } from '../../../core/zoned-time';
import { showDate } from '../../../flows/text/dates-shown';
import { openFlowBots, type FlowBots } from './flow-bots';
import { replyTexts, sayOnWeb } from '../knowledge/setup';

const text = (en: string, pl: string, fa: string) => ({ en, pl, fa });

/** Asks for a delivery day, then repeats the date it understood (in the customer's language: see `dates-shown.ts`). */
const definition = {
  schemaVersion: 2,
  id: 'main',
  name: 'Delivery day',
  start: 'when',
  fallbackLocale: 'en',
  locales: ['en', 'pl', 'fa'],
  blocks: [
    {
      id: 'when', type: 'ask', var: 'when', answer: 'date', next: 'got', giveUp: 'got',
      question: text('Which day should we deliver?', 'Na kiedy dostarczyć?', 'چه روزی تحویل بدهیم؟'),
      retryText: text('Which day?', 'Który dzień?', 'چه روزی؟'),
    },
    { id: 'got', type: 'message', text: text('Delivery on {{vars.when}}', 'Dostawa {{vars.when}}', 'تحویل {{vars.when}}') },
  ],
  intents: [{ name: 'hello', examples: { en: ['hello'], pl: ['dzień dobry'], fa: ['سلام'] } }],
};

describe('date answers in a conversation', () => {
  let bots: FlowBots;

  beforeAll(async () => {
    bots = await openFlowBots(definition);
    await bots.botWith('dates', {});
  });
  afterAll(() => bots.cleanup());

  // The bot has no time zone of its own, so dates are read on UTC's clock.
  const inDays = (n: number) => localDay(new Date(Date.now() + n * 86_400_000), 'UTC');
  /** A stored day as the reply writes it. */
  const shown = (day: string, locale: string, now = new Date()) => showDate(day, locale, undefined, now);

  it('reads a short Polish answer in the conversation language when the message alone is too short to tell', async () => {
    expect(replyTexts((await sayOnWeb(bots.runtime, 'dates', 'pl-visitor', 'Dzień dobry, chciałabym zamówić krem')).replies)).toContain('Na kiedy dostarczyć?');
    // "piatek" (Friday, typed without the diacritic) alone reads as Hungarian to the language detector.
    const answer = await sayOnWeb(bots.runtime, 'dates', 'pl-visitor', 'piatek');
    expect(replyTexts(answer.replies)).toContain(`Dostawa ${shown(inDays((5 - new Date().getUTCDay() + 7) % 7), 'pl')}`);
  });

  it('reads Persian weekday and time words', async () => {
    expect(replyTexts((await sayOnWeb(bots.runtime, 'dates', 'fa-visitor', 'سلام، یک کرم می‌خواهم')).replies)).toContain('چه روزی تحویل بدهیم؟');
    const answer = await sayOnWeb(bots.runtime, 'dates', 'fa-visitor', 'پس فردا ساعت ۵ عصر');
    expect(replyTexts(answer.replies)).toContain(`تحویل ${shown(inDays(2), 'fa')}`);
  });

  it('reads dates on the clock of the bot\'s time zone (its business hours\')', async () => {
    await bots.botWith('dates-tehran', { handoff: { businessHours: { timeZone: 'Asia/Tehran' } } });
    // 22:30 UTC on 10 March 2024 is 02:00 on 11 March in Tehran.
    const lateNight = new Date('2024-03-10T22:30:00Z');
    const late = new BotRuntime({ db: bots.db, logger: bots.logger, clock: () => lateNight });
    await sayOnWeb(late, 'dates-tehran', 'night-owl', 'hello');
    expect(replyTexts((await sayOnWeb(late, 'dates-tehran', 'night-owl', 'tomorrow')).replies)).toContain(`Delivery on ${shown('2024-03-12', 'en', lateNight)}`);
    await sayOnWeb(late, 'dates-tehran', 'night-owl-fa', 'سلام');
    expect(replyTexts((await sayOnWeb(late, 'dates-tehran', 'night-owl-fa', 'امروز')).replies)).toContain(`تحویل ${shown('2024-03-11', 'fa', lateNight)}`);
  });
});
