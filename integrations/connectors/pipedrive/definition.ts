import { z } from 'zod';
import type { ConnectorDefinition } from '../types';

export const PipedriveConfigSchema = z.object({
  apiToken: z.string().min(1),
  /** Company domain, e.g. https://acme.pipedrive.com, or the generic API host. */
  baseUrl: z.url().default('https://api.pipedrive.com'),
  /** Leads we create are titled "<prefix>: <name>"; retries find them by it. */
  leadTitlePrefix: z.string().min(1).default('Chatbot lead'),
  /** Lead label ids set when a conversation is won or lost (lost leads are also archived). */
  wonLabelId: z.string().optional(),
  lostLabelId: z.string().optional(),
  rateLimitPerSecond: z.number().int().min(0).max(1000).default(8),
});
export type PipedriveConfig = z.infer<typeof PipedriveConfigSchema>;

export const pipedriveDefinition: ConnectorDefinition<PipedriveConfig> = {
  type: 'pipedrive',
  label: 'Pipedrive',
  configSchema: PipedriveConfigSchema as z.ZodType<PipedriveConfig>,
  secretFields: ['apiToken'],
  fields: [
    { name: 'name', label: 'Name', required: true },
    { name: 'email', label: 'Email' },
    { name: 'phone', label: 'Phone' },
  ],
  defaultMapping: { fullName: 'name', email: 'email', phone: 'phone' },
  lockPerContact: true,
  rateLimitPerSecond: (config) => config.rateLimitPerSecond,
};
