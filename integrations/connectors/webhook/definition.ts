import { z } from 'zod';
import { crmTopics, type ConnectorDefinition, type CrmTopic } from '../types';

export const WebhookConfigSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  /** HMAC-SHA256 key for the signature header. */
  secret: z.string().min(16, { error: 'must be at least 16 characters' }),
  /** Topics to deliver; all when absent. */
  events: z.array(z.enum(crmTopics as [CrmTopic, ...CrmTopic[]])).min(1).optional(),
  /** Extra static headers (e.g. an API key of the receiver). */
  headers: z.record(z.string(), z.string()).default({}),
  timeoutMs: z.number().int().min(100).max(60_000).default(10_000),
  rateLimitPerSecond: z.number().int().min(0).max(100_000).default(0),
});
export type WebhookConfig = z.infer<typeof WebhookConfigSchema>;

export const webhookDefinition: ConnectorDefinition<WebhookConfig> = {
  type: 'webhook',
  label: 'Webhook',
  configSchema: WebhookConfigSchema as z.ZodType<WebhookConfig>,
  secretFields: ['secret'],
  fields: [],
  defaultMapping: { email: 'email', phone: 'phone', firstName: 'firstName', lastName: 'lastName', score: 'score', status: 'status' },
  lockPerContact: false,
  rateLimitPerSecond: (config) => config.rateLimitPerSecond,
};
