import { z } from 'zod';
import type { ConnectorDefinition } from '../types';

const apiField = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, { error: 'must be an API field name like Omnibot_Id__c' });

export const SalesforceConfigSchema = z.object({
  /** e.g. https://acme.my.salesforce.com */
  instanceUrl: z.url(),
  /** OAuth access token (connected app). */
  accessToken: z.string().min(1),
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
export type SalesforceConfig = z.infer<typeof SalesforceConfigSchema>;

export const salesforceDefinition: ConnectorDefinition<SalesforceConfig> = {
  type: 'salesforce',
  label: 'Salesforce',
  configSchema: SalesforceConfigSchema as z.ZodType<SalesforceConfig>,
  secretFields: ['accessToken'],
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
