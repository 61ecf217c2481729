import type { z } from 'zod';
import { ValidationError } from '../../core/errors';

/** Parses a request body (or query) with a zod schema; the first problem becomes a 400 naming the field. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.');
    throw new ValidationError(`${field || 'body'}: ${issue.message}`, { field });
  }
  return parsed.data;
}
