import { createHmac, timingSafeEqual } from 'node:crypto';

export const signatureHeader = 'x-omnibot-signature';
export const timestampHeader = 'x-omnibot-timestamp';
export const eventIdHeader = 'x-omnibot-event-id';

/** `v1=<hex HMAC-SHA256(secret, "<unix seconds>.<raw body>")>`: receivers recompute it over the raw body. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Checks signature and freshness (default 5 minutes either way, against replays). */
export function verifyWebhookSignature(
  secret: string,
  headers: { signature?: string; timestamp?: string },
  body: string,
  options: { toleranceSeconds?: number; now?: number } = {},
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(timestamp)) return false;
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
