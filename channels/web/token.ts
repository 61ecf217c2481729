import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a visitor token proves: this browser is `visitorId` on `botId`'s website. */
export interface VisitorClaims {
  botId: string;
  visitorId: string;
}

/**
 * Signs `{botId, visitorId}` with HMAC-SHA256: `v1.<base64url json>.<base64url mac>`. The widget keeps it
 * and shows it to read history and open the websocket, so one visitor cannot read another's conversation.
 */
export function signVisitorToken(claims: VisitorClaims, secret: string): string {
  const body = Buffer.from(JSON.stringify({ b: claims.botId, v: claims.visitorId })).toString('base64url');
  return `v1.${body}.${mac(body, secret)}`;
}

/** The claims of a token signed with `secret`, or undefined when it is malformed or forged. */
export function verifyVisitorToken(token: string | undefined, secret: string): VisitorClaims | undefined {
  if (!token || token.length > 1024) return undefined;
  const [version, body, signature] = token.split('.');
  if (version !== 'v1' || !body || !signature) return undefined;
  const expected = Buffer.from(mac(body, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { b?: unknown; v?: unknown };
    if (typeof parsed.b !== 'string' || typeof parsed.v !== 'string') return undefined;
    return { botId: parsed.b, visitorId: parsed.v };
  } catch {
    return undefined;
  }
}

export function newVisitorId(): string {
  return `v_${randomBytes(12).toString('base64url')}`;
}

function mac(body: string, secret: string): string {
  return createHmac('sha256', secret).update(`visitor:${body}`).digest('base64url');
}
