import { Router } from 'express';
import type { AppContext } from '../context';

export interface RunningChannels {
  /** Webhook routes and channel admin routes, mounted at the app root. */
  router: Router;
  stop(): Promise<void>;
}

/** Starts every enabled channel instance (webhooks, long-lived clients) and the outbound delivery. */
export async function startChannels(_ctx: AppContext): Promise<RunningChannels> {
  return { router: Router(), stop: async () => undefined };
}
