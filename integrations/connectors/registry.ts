import type { CrmConnectorType } from '../../core/db/schema/index';
import { ValidationError } from '../../core/errors';
import { HubSpotClient } from './hubspot/client';
import { hubspotDefinition, type HubSpotConfig } from './hubspot/definition';
import { PipedriveClient } from './pipedrive/client';
import { pipedriveDefinition, type PipedriveConfig } from './pipedrive/definition';
import { SalesforceClient } from './salesforce/client';
import { salesforceDefinition, type SalesforceConfig } from './salesforce/definition';
import type { ClientOptions, Connector, ConnectorClient } from './types';
import { WebhookClient } from './webhook/client';
import { webhookDefinition, type WebhookConfig } from './webhook/definition';

/** Every connector, a literal list (checked by test/unit/crm/connectors.test.ts): definition + client. */
const hubspot: Connector<HubSpotConfig> = { ...hubspotDefinition, createClient: (c, o) => new HubSpotClient(c, o) };
const salesforce: Connector<SalesforceConfig> = { ...salesforceDefinition, createClient: (c, o) => new SalesforceClient(c, o) };
const pipedrive: Connector<PipedriveConfig> = { ...pipedriveDefinition, createClient: (c, o) => new PipedriveClient(c, o) };
const webhook: Connector<WebhookConfig> = { ...webhookDefinition, createClient: (c, o) => new WebhookClient(c, o) };
export const connectorDefinitions = [hubspot, salesforce, pipedrive, webhook] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDefinition = Connector<any>;

export function connectorDefinition(type: string): AnyDefinition {
  const found = (connectorDefinitions as readonly AnyDefinition[]).find((d) => d.type === type);
  if (!found) throw new ValidationError(`unknown connector type "${type}"`, { field: 'type' });
  return found;
}

export function isConnectorType(type: string): type is CrmConnectorType {
  return (connectorDefinitions as readonly AnyDefinition[]).some((d) => d.type === type);
}

/** Validates a stored or submitted config; the message names the field. */
export function parseConnectorConfig(type: string, config: unknown): Record<string, unknown> {
  const definition = connectorDefinition(type);
  const parsed = definition.configSchema.safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.') || 'config';
    throw new ValidationError(`invalid ${definition.label} config: ${field} ${issue.message}`, { field: `config.${field}` }, { status: 422, code: 'invalid_config' });
  }
  return parsed.data as Record<string, unknown>;
}

export function createConnectorClient(type: string, config: unknown, options?: ClientOptions): ConnectorClient {
  const definition = connectorDefinition(type);
  return definition.createClient(parseConnectorConfig(type, config), options);
}

/** Replaces secrets with a mask that keeps the last 4 characters. */
export function maskConfig(type: string, config: Record<string, unknown>): Record<string, unknown> {
  const definition = connectorDefinition(type);
  const masked = { ...config };
  for (const key of definition.secretFields) {
    const value = masked[key];
    if (typeof value === 'string' && value) masked[key] = maskSecret(value);
  }
  return masked;
}

export function maskSecret(value: string): string {
  return value.length <= 8 ? '••••' : `••••${value.slice(-4)}`;
}

/** On update: a secret left out or sent back masked keeps its stored value. */
export function mergeSecrets(type: string, previous: Record<string, unknown>, next: Record<string, unknown>): Record<string, unknown> {
  const definition = connectorDefinition(type);
  const merged = { ...next };
  for (const key of definition.secretFields) {
    const value = merged[key];
    if (value === undefined || (typeof value === 'string' && value.startsWith('••••'))) merged[key] = previous[key];
  }
  return merged;
}
