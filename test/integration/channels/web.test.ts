import { WebSocket } from 'ws';
import { findChannelInstance } from '../../../core/repositories/bots';
import { deliverToConversation } from '../../../server/channels/delivery';
import { api, startTestPlatform, waitFor, type TestPlatform } from './platform';

interface WidgetMessage { id: number; direction: string; sender: string; text: string; clientMessageId?: string }

describe('website channel API and channel admin API', () => {
  let t: TestPlatform;
  let admin: string;
  const web = (path: string) => `${t.url}/api/channels/web/demo${path}`;
  const session = async (token?: string) => (await api<{ token: string; visitorId: string; returning: boolean }>(web('/session'), { body: token ? { token } : {} })).body;

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = await t.adminToken();
  });
  afterAll(async () => t?.stop());

  describe('web channel', () => {
    it('keeps the foundation endpoint shape without a token', async () => {
      const res = await api<{ replies: { type: string }[] }>(web('/messages'), { body: { visitorId: 'legacy-1', messageId: 'm1', text: 'hello' } });
      expect(res.status).toBe(200);
      expect(res.body.replies.length).toBeGreaterThan(0);
    });

    it('issues signed visitor tokens and keeps one visitor\'s history from another', async () => {
      const a = await session();
      expect(a.returning).toBe(false);
      const again = await session(a.token);
      expect(again).toMatchObject({ visitorId: a.visitorId, returning: true });
      const b = await session();
      expect(b.visitorId).not.toBe(a.visitorId);

      const sent = await api(web('/messages'), { body: { messageId: 'a-1', text: 'hello from a' }, headers: { 'x-visitor-token': a.token } });
      expect(sent.status).toBe(200);
      const history = await api<{ messages: WidgetMessage[] }>(web('/messages'), { headers: { 'x-visitor-token': a.token } });
      expect(history.body.messages.some((m) => m.text === 'hello from a' && m.clientMessageId === 'a-1')).toBe(true);
      expect(history.body.messages.some((m) => m.direction === 'out')).toBe(true);
      const other = await api<{ messages: WidgetMessage[] }>(web('/messages'), { headers: { 'x-visitor-token': b.token } });
      expect(other.body.messages).toEqual([]);

      expect((await api(web('/messages'))).status).toBe(401);
      expect((await api(web(`/messages?token=${a.token.slice(0, -2)}xx`))).status).toBe(401);
      expect((await api(web('/messages'), { body: { visitorId: b.visitorId, messageId: 'x', text: 'spoof' }, headers: { 'x-visitor-token': a.token } })).status).toBe(403);
      expect((await api(`${t.url}/api/channels/web/other-bot/messages`, { headers: { 'x-visitor-token': a.token } })).status).toBe(401);
    });

    it('keeps message ids per visitor: another visitor reusing one is not a redelivery and never sees the first one\'s replies', async () => {
      type Turn = { replies: { type: string; text?: string }[]; conversationId: string; duplicate?: boolean };
      const say = (visitorId: string, text: string) => api<Turn>(web('/messages'), { body: { visitorId, messageId: 'shared-1', text } });
      const anna = await say('anna-visitor', 'hello');
      const bob = await say('bob-visitor', 'hi there');
      expect(bob.status).toBe(200);
      expect(bob.body.duplicate).toBeUndefined();
      expect(bob.body.conversationId).not.toBe(anna.body.conversationId);
      // The same visitor sending the same id again is a redelivery: the first replies, nothing run twice.
      const again = await say('anna-visitor', 'hello');
      expect(again.body).toMatchObject({ duplicate: true, conversationId: anna.body.conversationId });
      expect(again.body.replies).toEqual(anna.body.replies);
    });

    it('rejects bad input with clear errors', async () => {
      expect((await api(web('/messages'), { body: { visitorId: 'v', messageId: 'm', text: 'x'.repeat(4001) } })).status).toBe(413);
      expect((await api(web('/messages'), { body: '{"visitorId":' })).status).toBe(400);
      expect((await api(web('/messages'), { body: { visitorId: 'v' } })).status).toBe(400);
      expect((await api(`${t.url}/api/channels/web/nobody/messages`, { body: { visitorId: 'v', messageId: 'm', text: 'hi' } })).status).toBe(404);
      const preflight = await fetch(web('/messages'), { method: 'OPTIONS', headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' } });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    });

    it('pushes replies and agent messages over the websocket, and refuses sockets without a token', async () => {
      const wsUrl = web('/ws').replace(/^http/, 'ws');
      const refused = await new Promise<number>((resolve) => {
        const ws = new WebSocket(`${wsUrl}?token=forged`);
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => resolve(101));
      });
      expect(refused).toBe(401);

      const visitor = await session();
      const frames: { type: string; message?: WidgetMessage; messageId?: string; conversationId?: string }[] = [];
      const ws = new WebSocket(`${wsUrl}?token=${encodeURIComponent(visitor.token)}`);
      ws.on('message', (data) => frames.push(JSON.parse(data.toString())));
      await new Promise((resolve) => ws.once('open', resolve));
      ws.send(JSON.stringify({ type: 'hello', after: 0 }));
      ws.send(JSON.stringify({ type: 'message', messageId: 'ws-1', start: {} }));
      await waitFor(() => frames.some((f) => f.type === 'message' && /Do you agree/.test(f.message?.text ?? '')), 10000, 'greeting over the websocket');
      const ack = frames.find((f) => f.type === 'ack' && f.messageId === 'ws-1')!;
      expect(ack.conversationId).toBeTruthy();
      ws.send('not json');
      await waitFor(() => frames.some((f) => f.type === 'error'), 2000, 'error frame');

      const delivered = await deliverToConversation(t.platform.ctx, ack.conversationId!, [{ type: 'text', text: 'Hi, this is Sam from the team.' }], { type: 'agent', id: 'agent-1' });
      expect(await delivered.delivered).toEqual([{ messageId: delivered.messages[0].id, status: 'sent' }]);
      await waitFor(() => frames.some((f) => f.message?.text === 'Hi, this is Sam from the team.' && f.message.sender === 'agent'), 5000, 'agent message pushed');
      const ids = frames.filter((f) => f.type === 'message').map((f) => f.message!.id);
      expect(new Set(ids).size).toBe(ids.length);
      ws.close();
    });

    it('serves the widget script and the demo page', async () => {
      const script = await fetch(`${t.url}/widget.js`);
      expect(script.headers.get('content-type')).toMatch(/javascript/);
      expect(await script.text()).toContain('OmnibotWidget');
      expect((await fetch(`${t.url}/demo`)).status).toBe(200);
    });
  });

  describe('channel admin API', () => {
    const channels = () => `${t.url}/api/bots/demo/channels`;

    it('requires an admin and returns the web snippet', async () => {
      expect((await api(channels())).status).toBe(401);
      const list = await api<{ channels: { id: string; channel: string; snippet?: string }[] }>(channels(), { token: admin });
      expect(list.status).toBe(200);
      const webInstance = list.body.channels.find((c) => c.channel === 'web')!;
      expect(webInstance.snippet).toBe(`<script src="${t.url}/widget.js" data-bot="demo" async></script>`);
      expect((await api(`${t.url}/api/bots/nobody/channels`, { token: admin })).status).toBe(404);
    });

    it('validates config with the adapter schema and keeps masked secrets on update', async () => {
      const invalid = await api<{ error: { field: string } }>(channels(), { token: admin, body: { channel: 'telegram', config: { botToken: 'nope' } } });
      expect(invalid.status).toBe(400);
      expect(invalid.body.error.field).toBe('config.botToken');
      expect((await api(channels(), { token: admin, body: { channel: 'fax', config: {} } })).status).toBe(400);
      expect((await api(channels(), { token: admin, body: { channel: 'web', config: {} } })).status).toBe(409);

      const botToken = '999999:ADMIN-token-dddddddddddddddddddddddd';
      const created = await api<{ channel: { id: string; config: Record<string, string>; status: { state: string } } }>(channels(), {
        token: admin,
        body: { id: 'tg-admin', channel: 'telegram', config: { botToken, mode: 'webhook', apiRoot: 'http://127.0.0.1:9' } },
      });
      expect(created.status).toBe(201);
      expect(created.body.channel.config.botToken).toBe('********');
      expect(['starting', 'failed']).toContain(created.body.channel.status.state);
      const patched = await api<{ channel: { config: Record<string, string> } }>(`${channels()}/tg-admin`, {
        method: 'PATCH',
        token: admin,
        body: { name: 'Renamed', config: { botToken: '********', secretToken: 'new-secret' } },
      });
      expect(patched.status).toBe(200);
      const row = await findChannelInstance(t.platform.ctx.db, 'tg-admin');
      expect(row?.config).toMatchObject({ botToken, secretToken: 'new-secret' });
      expect(row?.name).toBe('Renamed');
      expect((await api(`${channels()}/tg-admin`, { method: 'DELETE', token: admin })).status).toBe(204);
      expect((await findChannelInstance(t.platform.ctx.db, 'tg-admin'))?.enabled).toBe(false);
      expect((await api(`${channels()}/tg-admin?purge=true`, { method: 'DELETE', token: admin })).status).toBe(204);
      expect(await findChannelInstance(t.platform.ctx.db, 'tg-admin')).toBeUndefined();
    });
  });
});
