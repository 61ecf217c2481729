import { eq } from 'drizzle-orm';
import { leads, outbox } from '../../../core/db/schema/index';
import { startTestPlatform, type TestPlatform } from '../../support/platform';

describe('lead scoring during turns', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ env: { WORKERS: 'off' } });
  });
  afterAll(() => platform.close());

  const say = (visitorId: string, messageId: string, body: Record<string, unknown>) =>
    platform.post('/api/channels/web/demo/messages', { visitorId, messageId, locale: 'en', ...body });

  test('captured fields and a buying intent raise the score; each change is a lead version with outbox events', async () => {
    const visitor = 'scoring-visitor';
    await say(visitor, 's1', { start: {} });
    await say(visitor, 's2', { text: 'yes' });
    await say(visitor, 's3', { postback: { payload: 'dry', title: 'Dry' } });
    await say(visitor, 's4', { text: '40' });
    await say(visitor, 's5', { text: 'Mia' });
    await say(visitor, 's6', { text: 'mia@example.com' });
    const [lead] = await platform.ctx.db.select().from(leads);
    expect(lead).toBeDefined();
    expect(lead.fields).toEqual(expect.objectContaining({ firstName: 'Mia', skinType: 'dry' }));
    expect(lead.score).toBeGreaterThan(0);
    const scoreBefore = lead.score;

    await say(visitor, 's7', { text: 'I want to buy it' });
    const [after] = await platform.ctx.db.select().from(leads).where(eq(leads.id, lead.id));
    expect(after.score).toBeGreaterThan(scoreBefore);
    expect(Object.values(after.intentHits).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);

    const events = await platform.ctx.db.select().from(outbox).where(eq(outbox.aggregateId, lead.id));
    const versions = events.filter((e) => e.topic === 'lead.updated').map((e) => e.payload.version as number);
    expect(new Set(versions).size).toBe(versions.length);
    expect(Math.max(...versions)).toBe(after.version);
    expect(events.some((e) => e.topic === 'lead.score_changed' && e.payload.score === after.score)).toBe(true);
  });
});
