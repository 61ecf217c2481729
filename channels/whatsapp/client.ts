import path from 'node:path';
import type * as WhatsAppWeb from 'whatsapp-web.js';

/** The parts of a whatsapp-web.js `Message` the adapter reads. */
export interface WhatsAppMessageLike {
  id: { _serialized: string };
  from: string;
  body: string;
  type: string;
  fromMe: boolean;
  isStatus?: boolean;
  timestamp?: number;
  hasMedia?: boolean;
  selectedButtonId?: string;
  selectedRowId?: string;
  _data?: { notifyName?: string };
}

/**
 * The seam around whatsapp-web.js's `Client`: production uses the real one (`createRealWhatsAppClient`),
 * tests inject an EventEmitter that emits the same events.
 */
export interface WhatsAppClientLike {
  on(event: 'qr', listener: (qr: string) => void): unknown;
  on(event: 'ready', listener: () => void): unknown;
  on(event: 'message', listener: (message: WhatsAppMessageLike) => void): unknown;
  on(event: 'disconnected', listener: (reason: string) => void): unknown;
  on(event: 'auth_failure', listener: (message: string) => void): unknown;
  initialize(): Promise<void>;
  sendMessage(chatId: string, content: unknown, options?: { caption?: string }): Promise<{ id: { _serialized: string } }>;
  destroy(): Promise<void>;
  getState(): Promise<string | null>;
}

export interface WhatsAppClientFactory {
  create(options: { instanceId: string; dataDir: string }): WhatsAppClientLike;
  /** A sendable media object for a URL (whatsapp-web.js `MessageMedia.fromUrl`). */
  media(url: string): Promise<unknown>;
}

/** Chromium from the system; whatsapp-web.js never downloads one (see .puppeteerrc.cjs). */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The production factory: a real whatsapp-web.js Client with its session kept under `<dataDir>/whatsapp/<instanceId>`. */
export const realWhatsAppClients: WhatsAppClientFactory = {
  create({ instanceId, dataDir }) {
    // Loaded lazily: puppeteer is heavy and only WhatsApp instances need it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Client, LocalAuth } = require('whatsapp-web.js') as typeof WhatsAppWeb;
    return new Client({
      authStrategy: new LocalAuth({ dataPath: path.join(dataDir, 'whatsapp', instanceId) }),
      puppeteer: {
        executablePath: chromiumPath,
        headless: true,
        args: ['--no-sandbox', '--disable-setuid-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking'],
      },
    }) as unknown as WhatsAppClientLike;
  },
  async media(url) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { MessageMedia } = require('whatsapp-web.js') as typeof WhatsAppWeb;
    return MessageMedia.fromUrl(url, { unsafeMime: true });
  },
};

let currentFactory: WhatsAppClientFactory = realWhatsAppClients;

/** The factory new WhatsApp instances use. */
export function whatsAppClients(): WhatsAppClientFactory {
  return currentFactory;
}

/** Test seam: new instances get clients from `factory` until the returned function restores the real one. */
export function setWhatsAppClientFactory(factory: WhatsAppClientFactory): () => void {
  const previous = currentFactory;
  currentFactory = factory;
  return () => {
    currentFactory = previous;
  };
}
