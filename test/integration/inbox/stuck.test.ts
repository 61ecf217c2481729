import type { TestDatabase } from '../../support/databases';
import { customerSays, freshDatabase, sql, startInboxPlatform, waitFor, type InboxPlatform } from './support';

describe('stuck conversations go to a person', () => {
  let db: TestDatabase;
  let p: InboxPlatform;
  beforeAll(async () => {
    db = await freshDatabase();
    p = await startInboxPlatform(db.url);
  });
  afterAll(async () => {
    await p?.stop();
    await db?.drop();
  });

  const requests = (conversationId: string) => sql(db.url, `select reason, priority from handoff_requests where conversation_id = $1`, [conversationId]);

  test('an angry customer is handed to the queue; an ordinary message is not', async () => {
    const calm = await customerSays(p, 'calm-visitor', 'hello');
    await customerSays(p, 'calm-visitor', 'yes');
    const angry = await customerSays(p, 'angry-visitor', 'hello');
    await customerSays(p, 'angry-visitor', 'this is useless, terrible service');
    const [request] = await waitFor(async () => {
      const rows = await requests(angry.conversationId);
      return rows.length ? rows : undefined;
    }, 'handoff request for the angry customer');
    expect(request.reason).toMatch(/negative sentiment/);
    expect((await sql(db.url, `select owner from conversations where id = $1`, [angry.conversationId]))[0].owner).toBe('queue');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await requests(calm.conversationId)).toEqual([]);
  });
});
