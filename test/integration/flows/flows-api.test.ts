import YAML from 'yaml';
import { authHeader, startTestPlatform, type TestPlatform } from '../../support/platform';

describe('flows API: drafts, validation, versions, rollback', () => {
  let platform: TestPlatform;
  let marketer: Record<string, string>;

  beforeAll(async () => {
    platform = await startTestPlatform();
    const admin = await authHeader(platform);
    await platform.post('/api/users', { email: 'marketer@example.com', password: 'marketer-pass', role: 'marketer' }, admin);
    await platform.post('/api/users', { email: 'agent2@example.com', password: 'agent-password', role: 'agent' }, admin);
    marketer = await authHeader(platform, { email: 'marketer@example.com', password: 'marketer-pass' });
  });
  afterAll(() => platform.close());

  const say = (visitorId: string, messageId: string, text: string) => platform.post('/api/channels/web/demo/messages', { visitorId, messageId, text });
  const texts = (body: { replies: { type: string; text?: string }[] }) => body.replies.map((r) => r.text ?? '').join('\n');

  async function exportDraft(): Promise<Record<string, any>> {
    const response = await fetch(`${platform.url}/api/bots/demo/flows/main/export?format=yaml`, { headers: marketer });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/yaml/);
    return YAML.parse(await response.text());
  }

  test('only marketers and admins may edit flows', async () => {
    expect((await platform.get('/api/bots/demo/flows')).status).toBe(401);
    const agent = await authHeader(platform, { email: 'agent2@example.com', password: 'agent-password' });
    expect((await platform.get('/api/bots/demo/flows', agent)).status).toBe(403);
    const list = await platform.get('/api/bots/demo/flows', marketer);
    expect(list.status).toBe(200);
    expect(list.body.flows.map((f: { id: string }) => f.id)).toContain('main');
  });

  test('an invalid draft is stored with precise issues and cannot be published', async () => {
    const flow = await exportDraft();
    const broken = { ...flow, blocks: flow.blocks.map((b: any) => (b.id === 'welcome' ? { ...b, next: 'no_such_block' } : b)) };
    const saved = await platform.put('/api/bots/demo/flows/main/draft', broken, marketer);
    expect(saved.status).toBe(200);
    expect(saved.body.valid).toBe(false);
    expect(saved.body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ blockId: 'welcome', path: 'next' })]));
    const publish = await platform.post('/api/bots/demo/flows/main/publish', {}, marketer);
    expect(publish.status).toBe(422);
    expect(publish.body.error.code).toBe('invalid_flow');
    expect(publish.body.error.issues[0]).toEqual(expect.objectContaining({ blockId: 'welcome', path: 'next' }));
    const validate = await platform.post('/api/bots/demo/flows/validate', { blocks: 'nope' }, marketer);
    expect(validate.status).toBe(422);
    expect(validate.body.valid).toBe(false);
    // restore
    expect((await platform.put('/api/bots/demo/flows/main/draft', flow, marketer)).body.valid).toBe(true);
  });

  test('publishing makes a numbered version; running conversations finish on theirs; rollback restores', async () => {
    const before = await say('old-visitor', 'o1', 'hello');
    expect(texts(before.body)).toMatch(/Lumi/);

    const flow = await exportDraft();
    const edited = {
      ...flow,
      blocks: flow.blocks.map((b: any) => (b.id === 'welcome' ? { ...b, text: { ...b.text, en: 'Welcome to version two!' } } : b)),
    };
    const yamlText = YAML.stringify(edited);
    const saved = await fetch(`${platform.url}/api/bots/demo/flows/main/draft`, { method: 'PUT', headers: { ...marketer, 'content-type': 'application/yaml' }, body: yamlText });
    expect(saved.status).toBe(200);
    const published = await platform.post('/api/bots/demo/flows/main/publish', { note: 'new welcome' }, marketer);
    expect(published.status).toBe(201);
    const version = published.body.version.version;
    expect(version).toBeGreaterThanOrEqual(2);

    const fresh = await say('new-visitor', 'n1', 'hello');
    expect(texts(fresh.body)).toMatch(/Welcome to version two!/);
    // the old conversation keeps its version: restarting it shows the old welcome
    const old = await say('old-visitor', 'o2', 'restart');
    expect(texts(old.body)).not.toMatch(/version two/);

    const versions = await platform.get('/api/bots/demo/flows/main/versions', marketer);
    expect(versions.body.versions[0]).toEqual(expect.objectContaining({ version, published: true, note: 'new welcome' }));

    const rollback = await platform.post('/api/bots/demo/flows/main/rollback', { version: version - 1 }, marketer);
    expect(rollback.status).toBe(200);
    const afterRollback = await say('third-visitor', 't1', 'hello');
    expect(texts(afterRollback.body)).not.toMatch(/version two/);
    expect((await platform.post('/api/bots/demo/flows/main/rollback', { version: 999 }, marketer)).status).toBe(404);
  });

  test('import accepts YAML and rejects an invalid flow without touching the draft', async () => {
    const draftBefore = await platform.get('/api/bots/demo/flows/main', marketer);
    const response = await fetch(`${platform.url}/api/bots/demo/flows/main/import`, {
      method: 'POST',
      headers: { ...marketer, 'content-type': 'application/yaml' },
      body: 'schemaVersion: 2\nid: main\nname: x\nstart: a\nfallbackLocale: en\nlocales: [en]\nblocks:\n  - id: a\n    type: message\n    next: missing\n',
    });
    expect(response.status).toBe(422);
    const bad = await fetch(`${platform.url}/api/bots/demo/flows/main/import`, { method: 'POST', headers: { ...marketer, 'content-type': 'application/yaml' }, body: 'a: [unclosed' });
    expect(bad.status).toBe(422);
    const draftAfter = await platform.get('/api/bots/demo/flows/main', marketer);
    expect(draftAfter.body.flow.draft).toEqual(draftBefore.body.flow.draft);
  });
  test('marketers try phrases against the draft\'s intents or a published version\'s', async () => {
    const tryPhrase = (body: Record<string, unknown>, headers = marketer) => platform.post('/api/bots/demo/flows/main/nlu', body, headers);
    const polish = await tryPhrase({ text: 'ile kosztuje wysyłka?' });
    expect(polish.status).toBe(200);
    expect(polish.body).toMatchObject({ source: 'draft', intents: 15, language: { code: 'pl' }, intent: { name: 'shipping' }, decidedBy: 'classifier', llm: { enabled: false, wouldAsk: false } });
    expect(polish.body.ranking[0].name).toBe('shipping');
    expect(polish.body.ranking[0].confidence).toBeGreaterThan(polish.body.ranking[1].confidence);
    const withEntities = await tryPhrase({ text: 'I want to order, my email is ana@example.com' });
    expect(withEntities.body.intent.name).toBe('order');
    expect(withEntities.body.entities).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'email', value: 'ana@example.com' })]));
    // Persian typed in Latin letters is read by its consonants, as the phrase it is most like.
    const finglish = await tryPhrase({ text: 'sefaresham kojast?' });
    expect(finglish.body).toMatchObject({ language: { code: 'fa', script: 'Latin' }, intent: { name: 'order_status' }, readAs: 'سفارشم کجاست' });
    const unrelated = await tryPhrase({ text: 'play some music' });
    expect(unrelated.body).toMatchObject({ intent: null, decidedBy: 'none' });
    const offTopic = await tryPhrase({ text: 'will the weather be nice tomorrow' });
    expect(offTopic.body).toMatchObject({ intent: null, outOfScope: { name: 'off_topic' }, decidedBy: 'none' });

    // A new intent in the draft is understood at once; the published version does not know it yet.
    const flow = await exportDraft();
    const withCoupon = { ...flow, intents: [...flow.intents, { name: 'coupon', examples: { en: ['do you have a discount code', 'any promo codes', 'coupon please'] } }] };
    expect((await platform.put('/api/bots/demo/flows/main/draft', withCoupon, marketer)).body.valid).toBe(true);
    expect((await tryPhrase({ text: 'is there a discount code' })).body.intent?.name).toBe('coupon');
    const versions = await platform.get('/api/bots/demo/flows/main/versions', marketer);
    const published = versions.body.versions.find((v: { published: boolean }) => v.published).version;
    const old = await tryPhrase({ text: 'is there a discount code', version: published });
    expect(old.status).toBe(200);
    expect(old.body.source).toBe(published);
    expect(old.body.ranking.map((r: { name: string }) => r.name)).not.toContain('coupon');

    const agent = await authHeader(platform, { email: 'agent2@example.com', password: 'agent-password' });
    expect((await tryPhrase({ text: 'hello' }, agent)).status).toBe(403);
    expect((await tryPhrase({ text: '   ' })).status).toBe(400);
    expect((await tryPhrase({ text: 'x'.repeat(5000) })).status).toBe(400);
    expect((await tryPhrase({ text: 'hello', lang: 'english' })).status).toBe(400);
    expect((await tryPhrase({ text: 'hello', version: 999 })).status).toBe(404);
    expect((await platform.post('/api/bots/demo/flows/nope/nlu', { text: 'hello' }, marketer)).status).toBe(404);
    const broken = { ...flow, blocks: flow.blocks.map((b: any) => (b.id === 'welcome' ? { ...b, next: 'no_such_block' } : b)) };
    await platform.put('/api/bots/demo/flows/main/draft', broken, marketer);
    const invalid = await tryPhrase({ text: 'hello' });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.code).toBe('invalid_flow');
    expect((await platform.put('/api/bots/demo/flows/main/draft', flow, marketer)).body.valid).toBe(true);
  });
  test("the bot's country reads phone numbers written without a country code; settings that are not valid are refused", async () => {
    const tryPhrase = (text: string) => platform.post('/api/bots/demo/flows/main/nlu', { text, lang: 'en' }, marketer);
    const phones = async (text: string) => (await tryPhrase(text)).body.entities.filter((e: { type: string }) => e.type === 'phone').map((e: { value: string }) => e.value);
    expect(await phones('call me at (415) 555-2671')).toEqual([]);
    const { settings } = (await platform.get('/api/bots/demo', marketer)).body.bot;

    const wrong = await platform.put('/api/bots/demo/settings', { ...settings, nlu: { ...settings.nlu, country: 'Poland' } }, marketer);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toBe('settings.nlu.country: must be an ISO 3166 country code, e.g. PL');
    const wrongZone = await platform.put('/api/bots/demo/settings', { ...settings, handoff: { businessHours: { timeZone: 'Mars/Olympus' } } }, marketer);
    expect(wrongZone.status).toBe(400);
    expect(wrongZone.body.error.message).toBe('settings.handoff.businessHours.timeZone: must be an IANA time zone, e.g. Europe/Warsaw');
    expect((await platform.get('/api/bots/demo', marketer)).body.bot.settings).toEqual(settings);

    try {
      expect((await platform.put('/api/bots/demo/settings', { ...settings, nlu: { ...settings.nlu, country: 'US' } }, marketer)).status).toBe(200);
      expect(await phones('call me at (415) 555-2671')).toEqual(['+14155552671']);
      expect(await phones('or +48 600 700 800')).toEqual(['+48600700800']);
    } finally {
      expect((await platform.put('/api/bots/demo/settings', settings, marketer)).status).toBe(200);
    }
  });

  test('the intent report shows how well the draft\'s intents separate and what to fix', async () => {
    const report = async (query = '', headers = marketer) => platform.get(`/api/bots/demo/flows/main/nlu/report${query}`, headers);
    const flow = await exportDraft();
    const clashing = { ...flow, intents: [...flow.intents, { name: 'coupon', examples: { en: ['do you have a discount code', 'refund'] } }] };
    expect((await platform.put('/api/bots/demo/flows/main/draft', clashing, marketer)).body.valid).toBe(true);
    try {
      const draft = await report();
      expect(draft.status).toBe(200);
      expect(draft.body).toMatchObject({ source: 'draft', intents: flow.intents.length + 1 });
      expect(draft.body.phrases).toBeGreaterThan(100);
      expect(draft.body.heldOutAccuracy).toBeGreaterThan(0.5);
      expect(draft.body.heldOutAccuracy).toBeLessThanOrEqual(1);
      const shares = draft.body.perIntent.map((r: { correct: number; heldOut: number }) => (r.heldOut ? r.correct / r.heldOut : 1));
      expect(shares).toEqual([...shares].sort((a: number, b: number) => a - b));
      expect(draft.body.perIntent.find((r: { intent: string }) => r.intent === 'greeting').phrases).toEqual({ en: 5, pl: 5, ar: 7, fa: 5 });
      for (const miss of draft.body.misclassified) expect(miss.predicted).not.toBe(miss.intent);
      expect(draft.body.conflicts).toEqual([{ text: 'refund', intents: ['returns', 'coupon'] }]);
      expect(draft.body.fewPhrases).toEqual(expect.arrayContaining([{ intent: 'coupon', lang: 'en', phrases: 2 }]));

      const published = await report('?version=1');
      expect(published.status).toBe(200);
      expect(published.body).toMatchObject({ source: 1, intents: flow.intents.length, conflicts: [] });
      expect((await report('?version=999')).status).toBe(404);
      expect((await report('?version=first')).status).toBe(400);
      const agent = await authHeader(platform, { email: 'agent2@example.com', password: 'agent-password' });
      expect((await report('', agent)).status).toBe(403);
    } finally {
      expect((await platform.put('/api/bots/demo/flows/main/draft', flow, marketer)).body.valid).toBe(true);
    }
  });
});
