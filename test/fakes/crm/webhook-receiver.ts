import { verifyWebhookSignature } from '../../../integrations/connectors/webhook/signature';
import { FakeHttpServer, type FakeRequest, type FakeResponse } from './base';

/**
 * A webhook endpoint that checks the HMAC signature and timestamp, drops duplicates by event id (as receivers
 * should) and counts them, so tests and the benchmark can assert "once".
 */
export class FakeWebhookReceiver extends FakeHttpServer {
  /** event id → body, first delivery only. */
  readonly events = new Map<string, Record<string, unknown>>();
  duplicates = 0;
  rejectedSignatures = 0;

  constructor(readonly secret = 'whsec_test_0123456789abcdef') {
    super();
  }

  protected authenticate(req: FakeRequest): FakeResponse | undefined {
    const ok = verifyWebhookSignature(this.secret, { signature: header(req, 'x-omnibot-signature'), timestamp: header(req, 'x-omnibot-timestamp') }, req.rawBody);
    if (!ok) {
      this.rejectedSignatures++;
      return { status: 401, body: { error: 'invalid signature' } };
    }
    return undefined;
  }

  protected route(req: FakeRequest): FakeResponse {
    if (req.method !== 'POST') return { status: 405, body: { error: 'method not allowed' } };
    const body = req.body as Record<string, unknown> | undefined;
    const id = header(req, 'x-omnibot-event-id');
    if (!body || typeof body.id !== 'string' || body.id !== id || typeof body.type !== 'string') return { status: 400, body: { error: 'id and type are required' } };
    if (this.events.has(id)) this.duplicates++;
    else this.events.set(id, body);
    return { status: 200, body: { received: true } };
  }
}

function header(req: FakeRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
