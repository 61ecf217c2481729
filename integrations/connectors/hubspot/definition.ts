import { z } from 'zod';
import type { ConnectorDefinition } from '../types';

export const HubSpotConfigSchema = z.object({
  /** Private-app access token (pat-…). */
  accessToken: z.string().min(1),
  baseUrl: z.url().default('https://api.hubapi.com'),
  /** Private apps get 100–190 requests per 10 s; stay under it. */
  rateLimitPerSecond: z.number().int().min(0).max(1000).default(10),
  /** Contact properties set when a conversation is won or lost. */
  outcomeProperties: z
    .object({ won: z.record(z.string(), z.string()), lost: z.record(z.string(), z.string()) })
    .default({ won: { lifecyclestage: 'customer' }, lost: { hs_lead_status: 'UNQUALIFIED' } }),
});
export type HubSpotConfig = z.infer<typeof HubSpotConfigSchema>;

export const hubspotDefinition: ConnectorDefinition<HubSpotConfig> = {
  type: 'hubspot',
  label: 'HubSpot',
  configSchema: HubSpotConfigSchema as z.ZodType<HubSpotConfig>,
  secretFields: ['accessToken'],
  fields: [
    { name: 'email', label: 'Email' },
    { name: 'firstname', label: 'First name' },
    { name: 'lastname', label: 'Last name' },
    { name: 'phone', label: 'Phone number' },
    { name: 'company', label: 'Company name' },
    { name: 'jobtitle', label: 'Job title' },
    { name: 'website', label: 'Website URL' },
    { name: 'city', label: 'City' },
    { name: 'country', label: 'Country/Region' },
    { name: 'hs_lead_status', label: 'Lead status' },
    { name: 'lifecyclestage', label: 'Lifecycle stage' },
    { name: 'message', label: 'Message' },
  ],
  defaultMapping: { email: 'email', firstName: 'firstname', lastName: 'lastname', phone: 'phone', company: 'company' },
  lockPerContact: true,
  rateLimitPerSecond: (config) => config.rateLimitPerSecond,
};
