import pino from 'pino';

export type Logger = pino.Logger;

/** Keys whose values never reach the logs. */
const redactPaths = [
  'password', '*.password', 'token', '*.token', 'authorization', '*.authorization', 'req.headers.authorization',
  'req.headers.cookie', 'apiKey', '*.apiKey', 'secret', '*.secret', 'config.botToken', '*.botToken', 'appPassword', '*.appPassword',
  'accessToken', '*.accessToken', 'refreshToken', '*.refreshToken', 'clientSecret', '*.clientSecret',
];

export function createLogger(options: { level?: string; name?: string } = {}): Logger {
  return pino({ name: options.name ?? 'omnibot', level: options.level ?? 'info', redact: { paths: redactPaths, censor: '[redacted]' } });
}

/** Shortens an identifier of a person (email, phone, chat id) so logs can correlate without holding the full value. */
export function maskForLog(value: string | undefined | null): string | undefined {
  if (!value) return undefined;
  if (value.length <= 4) return '***';
  return `${value.slice(0, 2)}***${value.slice(-2)}`;
}
