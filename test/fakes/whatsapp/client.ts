import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import type { WhatsAppClientFactory, WhatsAppClientLike, WhatsAppMessageLike } from '../../../channels/whatsapp/client';

/**
 * A whatsapp-web.js client at the adapter's seam: emits the same events (`qr`, `ready`, `message`,
 * `disconnected`, `auth_failure`) and records sent messages. Like LocalAuth it keeps a session
 * directory under `<dataDir>/whatsapp/<instanceId>`: with one, `initialize` goes straight to `ready`.
 */
export class FakeWhatsAppClient extends EventEmitter implements WhatsAppClientLike {
  readonly sent: { chatId: string; content: unknown; options?: { caption?: string } }[] = [];
  state: string | null = null;
  destroyed = false;
  private next = 1;

  constructor(readonly sessionDir: string, private readonly fail?: { sendError?: string }) {
    super();
  }

  async initialize(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    if (fs.existsSync(path.join(this.sessionDir, 'session'))) this.becomeReady();
    else this.emit('qr', `2@fake-qr-${Date.now()},${Math.random().toString(36).slice(2)}`);
  }

  /** The admin scanned the QR code with the phone. */
  scan(): void {
    fs.mkdirSync(path.join(this.sessionDir, 'session'), { recursive: true });
    this.becomeReady();
  }

  private becomeReady(): void {
    this.state = 'CONNECTED';
    this.emit('authenticated');
    this.emit('ready');
  }

  async sendMessage(chatId: string, content: unknown, options?: { caption?: string }): Promise<{ id: { _serialized: string } }> {
    if (this.destroyed) throw new Error('Session closed');
    if (this.fail?.sendError) throw new Error(this.fail.sendError);
    if (!/@(c\.us|lid)$/.test(chatId)) throw new Error('invalid wid');
    this.sent.push({ chatId, content, options });
    return { id: { _serialized: `true_${chatId}_OUT${this.next++}` } };
  }

  async getState(): Promise<string | null> {
    return this.state;
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
    this.state = null;
    this.removeAllListeners();
  }

  /** A customer message arrives. */
  receive(from: string, body: string, overrides: Partial<WhatsAppMessageLike> = {}): WhatsAppMessageLike {
    const message: WhatsAppMessageLike = {
      id: { _serialized: `false_${from}_${Date.now().toString(36)}${this.next++}` },
      from,
      body,
      type: 'chat',
      fromMe: false,
      timestamp: Math.floor(Date.now() / 1000),
      _data: { notifyName: 'Ada' },
      ...overrides,
    };
    this.emit('message', message);
    return message;
  }

  disconnect(reason = 'NAVIGATION'): void {
    this.state = null;
    this.emit('disconnected', reason);
  }
}

/** A factory handing out fake clients; `clients` lists them in creation order (reconnects create new ones). */
export function fakeWhatsAppFactory(options: { sendError?: string } = {}): WhatsAppClientFactory & { clients: FakeWhatsAppClient[]; latest(): FakeWhatsAppClient } {
  const clients: FakeWhatsAppClient[] = [];
  return {
    clients,
    latest: () => clients[clients.length - 1],
    create({ instanceId, dataDir }) {
      const client = new FakeWhatsAppClient(path.join(dataDir, 'whatsapp', instanceId), options);
      clients.push(client);
      return client;
    },
    async media(url) {
      return { mimetype: 'image/jpeg', filename: url.split('/').pop(), url };
    },
  };
}
