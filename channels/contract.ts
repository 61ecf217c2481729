import type { z } from 'zod';
import type { Logger } from '../core/logger';
import type { ChannelType, InboundMessage, OutboundMessage } from '../core/messages';

/** What a platform can render, as data; `channels/fallbacks.ts` degrades messages to fit. */
export interface ChannelCapabilities {
  /** Inline buttons per message, or 0 when the platform has none (then: numbered text menu). */
  maxButtons: number;
  /** Quick replies per message, or 0 (then: numbered text menu). */
  maxQuickReplies: number;
  /** Longer button titles are shortened with an ellipsis. */
  maxButtonTitleLength: number;
  /** Largest button payload the platform carries back (Telegram callback_data: 64 bytes); larger ones fall back to a numbered menu. */
  maxPayloadBytes: number;
  /** Longer texts are split over several messages. */
  maxTextLength: number;
  markdown: boolean;
  media: boolean;
  cards: boolean;
  typing: boolean;
}

/** The outcome of decoding one raw platform event. */
export type DecodeResult =
  | { kind: 'message'; message: InboundMessage }
  /** Not for the bot (edited message, service update, a bot's own message, malformed or oversized input); `reason` is logged. */
  | { kind: 'ignored'; reason: string };

export interface DeliveryResult {
  ok: boolean;
  /** Platform id of the sent message, when the platform returns one. */
  externalId?: string;
  error?: string;
  /** True when retrying cannot help (blocked by the user, chat not found, bad token). */
  permanent?: boolean;
  /** The platform asked us to wait this long before the next attempt (Telegram 429 `retry_after`). */
  retryAfterMs?: number;
}

/** One configured instance of a channel (a Telegram bot token, a WhatsApp number, a website...). */
export interface ChannelInstance<Config = Record<string, unknown>> {
  id: string;
  botId: string;
  config: Config;
}

/** Connection state shown to admins (WhatsApp QR pairing, Telegram webhook registration...). */
export interface ChannelStatus {
  state: 'starting' | 'qr' | 'connected' | 'disconnected' | 'failed' | 'stopped';
  detail?: string;
  /** The latest pairing QR code (WhatsApp), as the raw string to render. */
  qr?: string;
  since: string;
}

/** A platform webhook call, framework-free. */
export interface WebhookRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface WebhookResponse {
  status: number;
  body?: unknown;
}

/** Small shared key-value store (Redis in production) for state every server instance must see. */
export interface ChannelStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds?: number): Promise<void>;
}

/** What the platform gives an adapter when it opens an instance. */
export interface ChannelHost {
  logger: Logger;
  /** Public base URL of this server, for webhook registration. */
  publicUrl: string;
  /** Where long-lived clients keep their sessions (WhatsApp). */
  dataDir: string;
  store: ChannelStore;
  /**
   * Hands one decoded customer message to the bot. Resolves once the turn is stored (replies are
   * delivered afterwards through `send`); rejects when it was not stored, so the platform should redeliver.
   */
  receive(message: InboundMessage): Promise<void>;
  /**
   * Stores the message durably to be handled shortly by a worker; resolves once it is queued. For
   * webhooks that must answer fast (Telegram redelivers slow answers); rejects when it could not be queued.
   */
  enqueue(message: InboundMessage): Promise<void>;
  /** Logs a raw event the adapter did not hand on, with the reason. */
  ignored(reason: string, context?: Record<string, unknown>): void;
}

/** A running instance: sends payloads, takes webhooks, reports its state. */
export interface ChannelConnection<Encoded = unknown> {
  /** Sends one encoded platform payload to one customer (`to` is the message's `externalUserId`). */
  send(to: string, payload: Encoded): Promise<DeliveryResult>;
  /** Present on webhook channels: routed from `POST /webhooks/<channel>/<instanceId>` (and `/api/messages` for Bot Framework). */
  handleWebhook?(request: WebhookRequest): Promise<WebhookResponse>;
  status(): ChannelStatus;
  close(): Promise<void>;
}

/**
 * A channel adapter turns a platform's events into canonical InboundMessages and canonical
 * OutboundMessages into platform calls. Adapters never run flows or touch storage: they hand
 * decoded messages to the `ChannelHost` they are given. `decode` and `encode` are pure; I/O lives
 * in the connection returned by `connect`.
 */
export interface ChannelAdapter<Config = Record<string, unknown>, Raw = unknown, Encoded = unknown> {
  readonly type: ChannelType;
  readonly capabilities: ChannelCapabilities;
  /** Validates the instance settings an admin enters (tokens, app ids...). */
  readonly configSchema: z.ZodType<Config>;
  /** Config keys that hold secrets: masked in API answers and logs. */
  readonly secretFields: readonly string[];
  /**
   * `platform`: replies are sent through `connection.send`. `stored`: the customer's client reads them
   * from our message store and real-time bus (the web widget), so storing them is delivering them.
   */
  readonly outbound: 'platform' | 'stored';
  /**
   * True when an instance may have one connection only, whatever the number of server instances: a long-lived client
   * such as WhatsApp's browser session or Telegram's long polling (two pollers make Telegram end one with 409). One
   * server instance holds it; the others send through it.
   */
  exclusive?(config: Config): boolean;
  decode(raw: Raw, instance: ChannelInstance<Config>): DecodeResult;
  /** Platform payloads for one canonical message that already fits `capabilities` (see `fitMessage`). */
  encode(message: OutboundMessage, instance: ChannelInstance<Config>): Encoded[];
  /** Opens an instance: creates clients, registers webhooks or starts polling. */
  connect(instance: ChannelInstance<Config>, host: ChannelHost): Promise<ChannelConnection<Encoded>>;
}

/** Any adapter, for registries and generic code. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyChannelAdapter = ChannelAdapter<any, any, any>;

export function channelStatus(state: ChannelStatus['state'], extra: Omit<ChannelStatus, 'state' | 'since'> = {}): ChannelStatus {
  return { state, ...extra, since: new Date().toISOString() };
}
