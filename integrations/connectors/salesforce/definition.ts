import { z } from 'zod';
import type { ConnectorDefinition } from '../types';

const apiField = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, { error: 'must be an API field name like Omnibot_Id__c' });

const SalesforceSettings = z.object({
  /** e.g. https://acme.my.salesforce.com */
  instanceUrl: z.url(),
  /** OAuth access token; optional with the refresh settings below (one is fetched on the first call). */
  accessToken: z.string().min(1).optional(),
  /** OAuth refresh token of the connected app (scope `refresh_token`): renews the access token when it expires. */
  refreshToken: z.string().min(1).optional(),
  /** The connected app's consumer key. */
  clientId: z.string().min(1).optional(),
  /** The connected app's consumer secret. */
  clientSecret: z.string().min(1).optional(),
  /** Where tokens are refreshed: https://test.salesforce.com for sandboxes, or the org's My Domain URL. */
  loginUrl: z.url({ protocol: /^https?$/, error: 'must be a URL like https://login.salesforce.com or https://test.salesforce.com' }).default('https://login.salesforce.com'),
  apiVersion: z.string().regex(/^v\d+\.\d$/).default('v60.0'),
  /** External-id field on Lead holding our contact id (upsert key). */
  externalIdField: apiField.default('Omnibot_Contact_Id__c'),
  /** External-id field on Task holding the transcript's idempotency marker. */
  taskExternalIdField: apiField.default('Omnibot_Key__c'),
  /** Lead.Company is required; used when no mapped field gives one. */
  defaultCompany: z.string().min(1).default('[not provided]'),
  leadSource: z.string().default('Chatbot'),
  statusMap: z.object({ won: z.string(), lost: z.string() }).default({ won: 'Closed - Converted', lost: 'Closed - Not Converted' }),
  rateLimitPerSecond: z.number().int().min(0).max(1000).default(20),
});

/** The connected-app settings that let the client fetch a new access token on its own. */
const refreshFields = ['refreshToken', 'clientId', 'clientSecret'] as const;

/** A usable access token, or all of the refresh settings to get one; half of them is a mistake worth naming. */
function requireTokenSource(config: z.infer<typeof SalesforceSettings>, ctx: z.RefinementCtx): void {
  const given = refreshFields.filter((field) => config[field]);
  const missing = refreshFields.filter((field) => !config[field]);
  if (given.length > 0 && missing.length > 0) {
    ctx.addIssue({ code: 'custom', path: [missing[0]], message: `is required with ${given.join(' and ')}: a token refresh needs refreshToken, clientId and clientSecret` });
  } else if (given.length === 0 && !config.accessToken) {
    ctx.addIssue({ code: 'custom', path: ['accessToken'], message: 'is required unless refreshToken, clientId and clientSecret are given to fetch one' });
  }
}

export const SalesforceConfigSchema = SalesforceSettings.superRefine(requireTokenSource);
export type SalesforceConfig = z.infer<typeof SalesforceConfigSchema>;

export const salesforceDefinition: ConnectorDefinition<SalesforceConfig> = {
  type: 'salesforce',
  label: 'Salesforce',
  configSchema: SalesforceConfigSchema as z.ZodType<SalesforceConfig>,
  secretFields: ['accessToken', 'refreshToken', 'clientSecret'],
  fields: [
    { name: 'FirstName', label: 'First Name' },
    { name: 'LastName', label: 'Last Name', required: true },
    { name: 'Company', label: 'Company', required: true },
    { name: 'Email', label: 'Email' },
    { name: 'Phone', label: 'Phone' },
    { name: 'Title', label: 'Title' },
    { name: 'Status', label: 'Lead Status' },
    { name: 'Rating', label: 'Rating' },
    { name: 'Description', label: 'Description' },
    { name: 'City', label: 'City' },
    { name: 'Country', label: 'Country' },
  ],
  defaultMapping: { firstName: 'FirstName', lastName: 'LastName', email: 'Email', phone: 'Phone', company: 'Company' },
  lockPerContact: true,
  rateLimitPerSecond: (config) => config.rateLimitPerSecond,
};
