import {
  CloudAdapter, ConfigurationBotFrameworkAuthentication, TurnContext, type Activity, type ConversationReference,
} from 'botbuilder';
import { z } from 'zod';
import { AppError } from '../../core/errors';
import { channelStatus, type ChannelAdapter, type ChannelCapabilities, type DeliveryResult, type WebhookRequest, type WebhookResponse } from '../contract';
import { decodeActivity } from './decode';
import { encodeActivity, type BotFrameworkPayload } from './encode';

export const BotFrameworkConfig = z.object({
  /** Microsoft App ID; without one, JWT validation is off (Bot Framework Emulator). */
  appId: z.string().min(1).max(100).optional(),
  appPassword: z.string().min(1).max(500).optional(),
  tenantId: z.string().min(1).max(100).optional(),
  appType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
});
export type BotFrameworkConfig = z.infer<typeof BotFrameworkConfig>;

export const botFrameworkCapabilities: ChannelCapabilities = {
  maxButtons: 6,
  maxQuickReplies: 10,
  maxButtonTitleLength: 50,
  maxPayloadBytes: 1000,
  maxTextLength: 28000,
  markdown: true,
  media: true,
  cards: true,
  typing: true,
};

/** CloudAdapter with the authenticated activity pipeline exposed, so errors reach our logger instead of console. */
class Adapter extends CloudAdapter {
  run(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<unknown> {
    return this.processActivity(authHeader, activity, logic);
  }
}

const referenceKey = (instanceId: string, userId: string) => `botframework:ref:${instanceId}:${userId}`;
const referenceTtlSeconds = 90 * 24 * 3600;

/** Bot Framework (Azure Bot Service, Teams, Emulator) through botbuilder's CloudAdapter. */
export const botFrameworkAdapter: ChannelAdapter<BotFrameworkConfig, unknown, BotFrameworkPayload> = {
  type: 'botframework',
  capabilities: botFrameworkCapabilities,
  configSchema: BotFrameworkConfig,
  secretFields: ['appPassword'],
  outbound: 'platform',
  decode: (raw, instance) => decodeActivity(raw, instance.id),
  encode: (message) => encodeActivity(message),
  async connect(instance, host) {
    const log = host.logger.child({ channel: 'botframework', channelInstanceId: instance.id });
    const { appId, appPassword, tenantId, appType } = instance.config;
    const auth = new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: appId ?? '',
      MicrosoftAppPassword: appPassword ?? '',
      MicrosoftAppTenantId: tenantId ?? '',
      MicrosoftAppType: appType ?? (appId ? 'MultiTenant' : ''),
    });
    const adapter = new Adapter(auth);
    adapter.onTurnError = async (_context, error) => {
      throw error;
    };
    /** Recent references in memory; every instance reads the shared store when it does not have one. */
    const references = new Map<string, Partial<ConversationReference>>();

    async function referenceFor(userId: string): Promise<Partial<ConversationReference> | undefined> {
      const cached = references.get(userId);
      if (cached) return cached;
      const stored = await host.store.get(referenceKey(instance.id, userId));
      return stored ? (JSON.parse(stored) as Partial<ConversationReference>) : undefined;
    }

    async function remember(activity: Activity, userId: string): Promise<void> {
      const reference = TurnContext.getConversationReference(activity);
      const previous = references.get(userId);
      if (references.size > 10000) references.clear();
      references.set(userId, reference);
      if (previous?.conversation?.id !== reference.conversation?.id || previous?.serviceUrl !== reference.serviceUrl) {
        await host.store.set(referenceKey(instance.id, userId), JSON.stringify(reference), referenceTtlSeconds);
      }
    }

    return {
      status: () => channelStatus('connected', { detail: appId ? `app ${appId}` : 'no app id: authentication disabled (Emulator)' }),
      async handleWebhook(request: WebhookRequest): Promise<WebhookResponse> {
        const body = request.body as Partial<Activity> | undefined;
        if (typeof body !== 'object' || body === null || typeof body.type !== 'string') {
          host.ignored('malformed activity (no type)');
          return { status: 400, body: { error: 'activity with a type expected' } };
        }
        const header = request.headers.authorization;
        let authenticated = false;
        try {
          await adapter.run(typeof header === 'string' ? header : '', body as Activity, async (context) => {
            authenticated = true;
            const decoded = decodeActivity(context.activity, instance.id);
            if (decoded.kind === 'ignored') {
              host.ignored(decoded.reason, { activityType: context.activity.type });
              return;
            }
            await remember(context.activity, decoded.message.externalUserId);
            await host.receive(decoded.message);
          });
          return { status: 200 };
        } catch (error) {
          const status = (error as { statusCode?: number }).statusCode;
          if (status === 401 || status === 403 || (error as Error).name === 'AuthenticationError') {
            log.warn({ reason: (error as Error).message }, 'bot framework activity with an invalid token rejected');
            return { status: 401, body: { error: 'unauthorized' } };
          }
          if (!authenticated) {
            // The token could not be checked (OpenID metadata unreachable...): let the channel retry.
            log.warn({ reason: (error as Error).message }, 'bot framework activity could not be authenticated');
            return { status: 503, body: { error: 'could not verify the request' } };
          }
          if (error instanceof AppError && error.status >= 500) return { status: 503, body: { error: error.message } };
          log.error({ err: error }, 'bot framework activity dropped');
          return { status: 200 };
        }
      },
      async send(to, payload): Promise<DeliveryResult> {
        const reference = await referenceFor(to);
        if (!reference) return { ok: false, permanent: true, error: 'no conversation reference for this user (unknown chat)' };
        let externalId: string | undefined;
        try {
          await adapter.continueConversationAsync(appId ?? '', reference, async (context) => {
            externalId = (await context.sendActivity(payload))?.id;
          });
          return { ok: true, externalId };
        } catch (error) {
          const status = (error as { statusCode?: number }).statusCode;
          const retryAfter = Number((error as { response?: { headers?: { get?(name: string): string | undefined } } }).response?.headers?.get?.('retry-after'));
          if (status === 429) return { ok: false, error: 'rate limited', retryAfterMs: Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined };
          return { ok: false, error: `${status ?? ''} ${(error as Error).message}`.trim(), permanent: status !== undefined && status >= 400 && status < 500 };
        }
      },
      async close() {
        references.clear();
      },
    };
  },
};
