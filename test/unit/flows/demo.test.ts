import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { intentExamples, parseFlowData, validateFlow, formatIssue } from '../../../flows/index';
import { trainNlu } from '../../../flows/nlu/index';
import {
  type ConversationScript,
  createKeywordNlu,
  createMemoryDriver,
  formatReport,
  loadBotDir,
  loadScript,
  parseConversationScript,
  runConversation,
} from '../../../flows/testing/index';

const botsDir = join(__dirname, '..', '..', '..', 'bots');
const demoDir = join(botsDir, 'demo');
const testsDir = join(demoDir, 'tests');
const bot = loadBotDir(demoDir);

function driverFor(script: ConversationScript) {
  const knowledge = script.knowledge ?? [];
  return createMemoryDriver({
    flow: bot.flow,
    catalog: bot.catalog,
    locale: script.locale,
    ...(script.country ? { country: script.country } : {}),
    ...(script.now ? { now: new Date(script.now) } : {}),
    ...(script.timeZone ? { timeZone: script.timeZone } : {}),
    seed: script.seed ?? 1,
    analyze: createKeywordNlu(bot.flow.intents),
    knowledge: (query) => {
      const hit = knowledge.find((k) => new RegExp(k.match, 'iu').test(query));
      return hit ? { answered: true, text: hit.answer } : { answered: false };
    },
  });
}

describe('demo bot', () => {
  it('flow validates without warnings, in all four languages, with a catalog of 8–12 products', () => {
    const r = validateFlow(parseFlowData(readFileSync(join(demoDir, 'flow.yaml'), 'utf8')));
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
    expect(r.warnings.map(formatIssue)).toEqual([]);
    expect(r.flow.locales.sort()).toEqual(['ar', 'en', 'fa', 'pl']);
    expect(bot.catalog.length).toBeGreaterThanOrEqual(8);
    expect(bot.catalog.length).toBeLessThanOrEqual(12);
    for (const p of bot.catalog) expect(Object.keys(p.name as object).sort()).toEqual(['ar', 'en', 'fa', 'pl']);
  });

  describe('intents, with phrasings they were not written with', () => {
    const nlu = trainNlu(intentExamples(bot.flow));
    it.each([
      ['any news on my parcel', 'order_status'],
      ['how much does delivery to germany cost', 'shipping'],
      ['I want to send this back', 'returns'],
      ['what would you recommend for oily skin', 'recommend'],
      ['co z moim zamówieniem', 'order_status'],
      ['ile kosztuje wysyłka do czech', 'shipping'],
      ['poleć mi krem do cery tłustej', 'recommend'],
      ['لم تصلني الشحنة حتى الآن', 'order_status'],
      ['كيف أسترجع نقودي', 'returns'],
      ['انصحني بكريم للبشرة الدهنية', 'recommend'],
      ['سفارش من کجاست', 'order_status'],
      ['می‌خواهم سفارشم را مرجوع کنم', 'returns'],
      ['یک کرم برای پوست چرب پیشنهاد بده', 'recommend'],
    ])('"%s" is %s', (text, intent) => {
      expect(nlu.analyze(text).intent?.name).toBe(intent);
    });
    it('are the same model whatever order the flow lists its locales in, as when PostgreSQL stores the flow', () => {
      const reordered = bot.flow.intents.map((intent) => ({ ...intent, examples: Object.fromEntries(Object.entries(intent.examples).reverse()) }));
      expect(trainNlu(intentExamples({ intents: reordered })).toJSON()).toEqual(nlu.toJSON());
    });
    it.each(['my cat is sick', 'jaka będzie pogoda jutro', 'الطقس في القاهرة', 'هوای تهران چطور است'])('"%s" is no intent', (text) => {
      expect(nlu.analyze(text).intent).toBeNull();
    });
  });

  const scripts = readdirSync(testsDir).filter((f) => f.endsWith('.yaml')).sort();
  it('has a conversation script per language', () => {
    expect(scripts).toEqual(expect.arrayContaining(['ar.yaml', 'en.yaml', 'fa.yaml', 'pl.yaml']));
  });

  it.each(scripts)('conversation script %s passes (in-memory driver)', async (file) => {
    const { script } = loadScript(join(testsDir, file), botsDir);
    const report = await runConversation(script, driverFor(script));
    if (!report.passed) throw new Error(formatReport(report));
  });

  it('lead capture sets contact and lead, buying intent adds +20 and hands off to sales', async () => {
    const { script } = loadScript(join(testsDir, 'en.yaml'), botsDir);
    const driver = driverFor(script);
    const buying = script.steps.findIndex((step) => 'user' in step && step.user === 'I want to buy it');
    await runConversation({ ...script, steps: script.steps.slice(0, buying + 1) }, driver);
    expect(driver.contact).toMatchObject({ firstName: 'Anna', email: 'anna@example.com', fields: { privacyConsent: true, aiDisclosed: true } });
    expect(driver.lead).toMatchObject({ score: 30, status: 'hot', fields: { skinType: 'dry', budget: '50', buyingIntent: 'buy' } });
    expect(driver.effects).toContainEqual({ type: 'handoff', reason: 'buying intent (buy)', priority: 'high', note: 'Skin: dry, budget: 50, picks: calming-serum, hydra-cream, spf50-fluid' });
    expect(driver.effects).toContainEqual(expect.objectContaining({ type: 'crm', action: 'upsertLead', payload: expect.objectContaining({ email: 'anna@example.com', language: 'en' }) }));
    expect(driver.state.status).toBe('handoff');
  });

  it('consent refused: only the refusal is stored (it withdraws an earlier consent), questions go to the FAQ', async () => {
    const script = parseConversationScript(`
bot: demo
locale: pl
steps:
  - start: true
  - user: "nie"
    expect: ["nie zapiszę Twoich odpowiedzi"]
    expectBlock: consent_no
  - user: "jak długo trwa zwrot?"
    expect: ["Nie jestem pewna odpowiedzi", "konsultant"]
    expectBlock: faq_miss
`);
    const driver = driverFor(script);
    const report = await runConversation(script, driver);
    if (!report.passed) throw new Error(formatReport(report));
    expect(driver.effects.filter((e) => e.type === 'updateContact')).toEqual([{ type: 'updateContact', fields: { privacyConsent: false } }]);
  });

  it('a script with a wrong expectation fails, with a readable report', async () => {
    const script = parseConversationScript(`
bot: demo
locale: en
steps:
  - start: true
    expect: ["contains:Welcome to Mars", "regex:^nothing$", "not:virtual assistant"]
    expectBlock: ask_budget
  - user: "yes"
    expectNoReply: true
`);
    const report = await runConversation(script, driverFor(script));
    expect(report.passed).toBe(false);
    expect(report.steps[0].failures).toEqual([
      'expected a reply containing "Welcome to Mars"',
      'expected a reply matching ^nothing$',
      'expected no reply containing "virtual assistant"',
      'expected block "ask_budget" (visited: welcome → consent)',
    ]);
    expect(report.steps[1].failures).toEqual(['expected no reply']);
    expect(formatReport(report)).toContain('FAIL');
  });

  it('a script may set the time zone dates are read in, and a zone that does not exist is a clear error', () => {
    expect(parseConversationScript('bot: demo\nlocale: fa\ntimeZone: Asia/Tehran\nsteps:\n  - start: true\n').timeZone).toBe('Asia/Tehran');
    expect(() => parseConversationScript('bot: demo\nlocale: fa\ntimeZone: Mars/Olympus\nsteps:\n  - start: true\n')).toThrow('timeZone: must be an IANA time zone');
  });

  it("a script may set the bot's country, where phone answers without a country code are read", async () => {
    const script = parseConversationScript([
      'bot: demo', 'locale: en', 'country: GB', 'steps:', '  - start: true', '  - user: "yes"', '  - user: "I have dry skin"',
      '  - user: "under 50 dollars"', '  - user: Anna', '  - user: "07911 123456"', '    expect: ["Thank you, Anna!"]',
    ].join('\n'));
    const driver = driverFor(script);
    const report = await runConversation(script, driver);
    expect(report.passed).toBe(true);
    expect(driver.contact.phone).toBe('+447911123456');
    expect(() => parseConversationScript('bot: demo\nlocale: en\ncountry: Britain\nsteps:\n  - start: true\n')).toThrow('country: must be an ISO 3166 country code');
  });

  it('works with any driver that only implements send (e.g. the HTTP endpoint)', async () => {
    const script = parseConversationScript(`
bot: demo
locale: en
steps:
  - user: "hello"
    expect: ["Hi"]
  - start: true
`);
    const report = await runConversation(script, { send: async (input) => [{ type: 'text', text: `Hi, you said ${typeof input === 'string' ? input : input.postback}` }] });
    expect(report.steps[0].failures).toEqual([]);
    expect(report.steps[1].failures).toEqual(['driver failed: this driver cannot start conversations']);
  });
});
