import { upsertBot, upsertChannelInstance } from '../../../core/repositories/bots';
import { publishVersion, saveDraft } from '../../../core/repositories/flows';
import { BotRuntime } from '../../../bots/runtime/runtime';
import { createLogger } from '../../../core/logger';
import { openTestDatabase } from '../../support/databases';
import { replyTexts, sayOnWeb } from '../knowledge/setup';

const text = (en: string, pl: string, fa: string) => ({ en, pl, fa });

/** Asks for a delivery day, then repeats the date it understood. */
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
  const logger = createLogger({ level: 'silent' });
  let cleanup: () => Promise<void>;
  let runtime: BotRuntime;

  beforeAll(async () => {
    const opened = await openTestDatabase('postgres');
    cleanup = opened.cleanup;
    const db = opened.handle.db;
    await upsertBot(db, { id: 'dates', name: 'dates', settings: {} });
    await upsertChannelInstance(db, { id: 'dates-web', botId: 'dates', channel: 'web', name: 'Website' });
    await saveDraft(db, { botId: 'dates', flowId: 'main', name: 'Delivery day', draft: definition });
    await publishVersion(db, { botId: 'dates', flowId: 'main', definition, note: 'test' });
    runtime = new BotRuntime({ db, logger });
  });
  afterAll(() => cleanup());

  const isoDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const inDays = (n: number) => isoDay(new Date(Date.now() + n * 86_400_000));

  it('reads a short Polish answer in the conversation language when the message alone is too short to tell', async () => {
    expect(replyTexts((await sayOnWeb(runtime, 'dates', 'pl-visitor', 'Dzień dobry, chciałabym zamówić krem')).replies)).toContain('Na kiedy dostarczyć?');
    // "piatek" (Friday, typed without the diacritic) alone reads as Hungarian to the language detector.
    const answer = await sayOnWeb(runtime, 'dates', 'pl-visitor', 'piatek');
    expect(replyTexts(answer.replies)).toContain(`Dostawa ${inDays((5 - new Date().getDay() + 7) % 7)}`);
  });

  it('reads Persian weekday and time words', async () => {
    expect(replyTexts((await sayOnWeb(runtime, 'dates', 'fa-visitor', 'سلام، یک کرم می‌خواهم')).replies)).toContain('چه روزی تحویل بدهیم؟');
    const answer = await sayOnWeb(runtime, 'dates', 'fa-visitor', 'پس فردا ساعت ۵ عصر');
    expect(replyTexts(answer.replies)).toContain(`تحویل ${inDays(2)}`);
  });
});
