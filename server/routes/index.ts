import type { Router } from 'express';
import type { AppContext } from '../context';

/** Every API router, mounted under /api by server/app.ts. A literal list: add yours here. */
export function apiRouters(_ctx: AppContext): Router[] {
  return [];
}
