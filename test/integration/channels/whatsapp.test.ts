import { setWhatsAppClientFactory } from '../../../channels/whatsapp/client';
import { channelManagerFor } from '../../../server/channels/index';
import { fakeWhatsAppFactory, type FakeWhatsAppClient } from '../../fakes/whatsapp/client';
import { api, startTestPlatform, waitFor, type TestPlatform } from './platform';

describe('WhatsApp channel (adapter with a fake whatsapp-web.js client)', () => {
  const factory = fakeWhatsAppFactory();
  let restore: () => void;
  let t: TestPlatform;
  let admin: string;
  const base = () => `${t.url}/api/bots/demo/channels/demo-wa`;
  const status = async () => (await api<{ state: string; hasQr: boolean }>(`${base()}/status`, { token: admin })).body;
  const bodies = (client: FakeWhatsAppClient, chat: string) => client.sent.filter((s) => s.chatId === chat).map((s) => String(typeof s.content === 'string' ? s.content : s.options?.caption ?? '[media]'));

  beforeAll(async () => {
    restore = setWhatsAppClientFactory(factory);
    t = await startTestPlatform();
    admin = await t.adminToken();
  });

  afterAll(async () => {
    await t?.stop();
    restore?.();
  });

  it('pairs with a QR code shown to admins, then connects', async () => {
    const created = await api(`${t.url}/api/bots/demo/channels`, { token: admin, body: { id: 'demo-wa', channel: 'whatsapp', name: 'WhatsApp', config: { reconnectBaseMs: 50 } } });
    expect(created.status).toBe(201);
    await waitFor(async () => (await status()).state === 'qr', 5000, 'QR state');
    expect((await status()).hasQr).toBe(true);
    const png = await fetch(`${base()}/qr.png`, { headers: { authorization: `Bearer ${admin}` } });
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await png.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
    expect((await fetch(`${base()}/qr.png`)).status).toBe(401);

    factory.latest().scan();
    await waitFor(async () => (await status()).state === 'connected', 5000, 'connected');
    expect((await fetch(`${base()}/qr.png`, { headers: { authorization: `Bearer ${admin}` } })).status).toBe(404);
  });

  it('runs the demo conversation with numbered menus instead of buttons', async () => {
    const client = factory.latest();
    const chat = '15551230001@c.us';
    client.receive(chat, 'hello');
    await waitFor(() => bodies(client, chat).some((b) => /Do you agree/.test(b)), 10000, 'consent');
    const consent = bodies(client, chat).find((b) => /Do you agree/.test(b))!;
    expect(consent).toMatch(/\n1\. Yes\n2\. No$/);
    client.receive(chat, '1');
    await waitFor(() => bodies(client, chat).some((b) => /skin type/.test(b)), 10000, 'skin question');
    expect(bodies(client, chat).find((b) => /skin type/.test(b))).toMatch(/1\. Dry/);
    client.receive(chat, '۱'); // Persian digit one: "Dry"
    await waitFor(() => bodies(client, chat).some((b) => /budget/i.test(b)), 10000, 'budget question');
  });

  it('deduplicates on the message id, keeps per-chat order, ignores groups and own messages', async () => {
    const client = factory.latest();
    const chat = '15551230002@c.us';
    const first = client.receive(chat, 'hello');
    client.emit('message', { ...first });
    client.receive('12036302@g.us', 'group message', { from: '12036302@g.us' });
    client.receive(chat, 'mine', { fromMe: true });
    await waitFor(() => bodies(client, chat).some((b) => /Do you agree/.test(b)), 10000, 'consent');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(bodies(client, chat).filter((b) => /Do you agree/.test(b))).toHaveLength(1);
    expect(client.sent.some((s) => s.chatId.endsWith('@g.us'))).toBe(false);

    const other = '15551230003@c.us';
    client.receive(other, 'hello');
    client.receive(other, '1');
    await waitFor(() => bodies(client, other).some((b) => /skin type/.test(b)), 10000, 'ordered answers');
    const sequence = bodies(client, other);
    expect(sequence.findIndex((b) => /Do you agree/.test(b))).toBeLessThan(sequence.findIndex((b) => /skin type/.test(b)));
  });

  it('reconnects with backoff after a disconnect and keeps the session over a restart', async () => {
    const before = factory.clients.length;
    factory.latest().disconnect('NAVIGATION');
    expect((await status()).state).toBe('disconnected');
    await waitFor(async () => factory.clients.length > before && (await status()).state === 'connected', 5000, 'reconnected');
    expect(factory.clients[before - 1].destroyed).toBe(true);

    const count = factory.clients.length;
    await channelManagerFor(t.platform.ctx).reload('demo-wa');
    await waitFor(async () => factory.clients.length > count && (await status()).state === 'connected', 5000, 'restarted without QR');
    expect((await status()).hasQr).toBe(false);
    const client = factory.latest();
    const chat = '15551230004@c.us';
    client.receive(chat, 'hello');
    await waitFor(() => bodies(client, chat).length > 0, 10000, 'reply after restart');
  });
});
