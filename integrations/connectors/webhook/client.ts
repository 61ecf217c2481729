import { HttpClient } from '../http';
import { formatTranscript } from '../mapping';
import type { ClientOptions, ConnectorClient, CrmEvent, PushContext } from '../types';
import type { WebhookConfig } from './definition';
import { eventIdHeader, signatureHeader, signWebhook, timestampHeader } from './signature';

/** The JSON body receivers get; `id` is stable across retries so they can drop duplicates. */
export interface WebhookBody {
  id: string;
  type: string;
  createdAt: string;
  botId: string;
  data: {
    contact: CrmEvent['contact'];
    lead?: CrmEvent['lead'];
    fields: Record<string, unknown>;
    conversationId?: string;
    transcript?: string;
    handoff?: CrmEvent['handoff'];
    outcome?: CrmEvent['outcome'];
    action?: CrmEvent['action'];
  };
}

/** Generic webhook: signed JSON POST; retries come from the queue with the same event id. */
export class WebhookClient implements ConnectorClient {
  private readonly http: HttpClient;

  constructor(private readonly config: WebhookConfig, options: ClientOptions = {}) {
    this.http = new HttpClient({ baseUrl: config.url, timeoutMs: options.timeoutMs ?? config.timeoutMs, fetch: options.fetch });
  }

  async check(): Promise<void> {
    await this.send({ id: `ping-${Date.now()}`, type: 'ping', createdAt: new Date().toISOString(), botId: '', data: { contact: emptyContact, fields: {} } });
  }

  async push(event: CrmEvent, _ctx: PushContext): Promise<void> {
    await this.send({
      id: event.idempotencyKey,
      type: event.topic,
      createdAt: event.occurredAt.toISOString(),
      botId: event.botId,
      data: {
        contact: event.contact,
        lead: event.lead,
        fields: event.mapped,
        conversationId: event.conversationId,
        transcript: event.transcript ? formatTranscript(event.transcript) : undefined,
        handoff: event.handoff,
        outcome: event.outcome,
        action: event.action,
      },
    });
  }

  private async send(body: WebhookBody): Promise<void> {
    const raw = JSON.stringify(body);
    const timestamp = Math.floor(Date.now() / 1000);
    await this.http.request({
      method: 'POST',
      path: '',
      rawBody: raw,
      headers: {
        ...this.config.headers,
        'content-type': 'application/json',
        [eventIdHeader]: body.id,
        'idempotency-key': body.id,
        [timestampHeader]: String(timestamp),
        [signatureHeader]: signWebhook(this.config.secret, timestamp, raw),
      },
    });
  }
}

const emptyContact: CrmEvent['contact'] = { id: '', firstName: null, lastName: null, email: null, phone: null, locale: null, fields: {} };
