import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ConnectorError, isConnectorError } from '../errors';
import { HttpClient } from '../http';
import type { ClientOptions } from '../types';
import type { SalesforceConfig } from './definition';

/** An access token and the org instance it is valid on. */
export interface SalesforceAccess {
  accessToken: string;
  instanceUrl: string;
}

interface RefreshGrant {
  refreshToken: string;
  clientId: string;
  clientSecret: string;
}

const tokenPath = '/services/oauth2/token';

/** The part of the token endpoint's answer we use (it also holds id, token_type, issued_at and signature). */
const TokenAnswer = z.object({ access_token: z.string().min(1), instance_url: z.url().optional().catch(undefined) });
/** How it refuses (OAuth 2.0): `{ "error": "invalid_grant", "error_description": "expired access/refresh token" }`. */
const TokenRefusal = z.object({ error: z.string(), error_description: z.string().optional() });

/** What the admin has to fix for each refusal of the token endpoint (OAuth error codes Salesforce answers). */
const refusalHints: Record<string, string> = {
  invalid_grant: 'the refresh token was revoked, has expired or is wrong: authorize the connected app again and save the new refreshToken',
  invalid_client_id: 'clientId is not the consumer key of a connected app here: check clientId and loginUrl',
  invalid_client: 'clientSecret does not belong to clientId',
};

/**
 * Tokens refreshed in this process, by connection identity. Clients live for one job: the next job starts from
 * the token the last one got instead of paying for a rejected call and a refresh of its own.
 */
const refreshedAccess = new Map<string, SalesforceAccess>();
/** Refreshes under way, by the same key: concurrent calls and jobs of one connection share one token request. */
const refreshesInFlight = new Map<string, Promise<SalesforceAccess>>();

/**
 * The OAuth side of one Salesforce connection: the access token to send, and a new one from the refresh token
 * flow (`POST {loginUrl}/services/oauth2/token`) when Salesforce rejects it or none was configured.
 */
export class SalesforceSession {
  private readonly configured?: SalesforceAccess;
  private readonly grant?: RefreshGrant;
  /** Identifies the connection in the process-wide maps without holding its secrets. */
  private readonly cacheKey: string;
  private readonly login: HttpClient;

  constructor(private readonly config: SalesforceConfig, options: ClientOptions = {}) {
    const { accessToken, refreshToken, clientId, clientSecret } = config;
    if (accessToken) this.configured = { accessToken, instanceUrl: config.instanceUrl };
    if (refreshToken && clientId && clientSecret) this.grant = { refreshToken, clientId, clientSecret };
    this.cacheKey = createHash('sha256').update(JSON.stringify([config.loginUrl, config.instanceUrl, clientId, refreshToken])).digest('hex');
    this.login = new HttpClient({ baseUrl: config.loginUrl, timeoutMs: options.timeoutMs, fetch: options.fetch, errorMessage: describeRefusal });
  }

  /** The access to use now: refreshed earlier in this process, else configured, else fetched with the refresh token. */
  async current(): Promise<SalesforceAccess> {
    const access = refreshedAccess.get(this.cacheKey) ?? this.configured ?? (await this.renew());
    if (!access) throw new ConnectorError('Salesforce config has no accessToken and no refreshToken, clientId and clientSecret', 'permanent');
    return access;
  }

  /**
   * A replacement for `rejected` (answered 401), or for a missing token: the one another call got meanwhile, or
   * the result of one refresh shared by every caller. Undefined without refresh settings.
   */
  async renew(rejected?: SalesforceAccess): Promise<SalesforceAccess | undefined> {
    if (!this.grant) return undefined;
    const latest = refreshedAccess.get(this.cacheKey);
    if (latest && latest.accessToken !== rejected?.accessToken) return latest;
    let pending = refreshesInFlight.get(this.cacheKey);
    if (!pending) {
      pending = this.refresh(this.grant).finally(() => refreshesInFlight.delete(this.cacheKey));
      refreshesInFlight.set(this.cacheKey, pending);
    }
    return pending;
  }

  private async refresh(grant: RefreshGrant): Promise<SalesforceAccess> {
    const form = new URLSearchParams({ grant_type: 'refresh_token', client_id: grant.clientId, client_secret: grant.clientSecret, refresh_token: grant.refreshToken });
    let body: unknown;
    try {
      ({ body } = await this.login.request({ method: 'POST', path: tokenPath, rawBody: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
    } catch (error) {
      throw refreshFailure(error);
    }
    const answer = TokenAnswer.safeParse(body);
    if (!answer.success) throw new ConnectorError('Salesforce token refresh answered without an access_token: check loginUrl', 'permanent', undefined, undefined, { cause: answer.error });
    const access = { accessToken: answer.data.access_token, instanceUrl: answer.data.instance_url ?? this.config.instanceUrl };
    refreshedAccess.set(this.cacheKey, access);
    return access;
  }
}

/** "invalid_grant: expired access/refresh token (what to fix)" */
function describeRefusal(body: unknown): string | undefined {
  const refusal = TokenRefusal.safeParse(body);
  if (!refusal.success) return undefined;
  const { error, error_description: description } = refusal.data;
  const hint = refusalHints[error];
  return `${error}${description ? `: ${description}` : ''}${hint ? ` (${hint})` : ''}`;
}

/** Keeps the HTTP edge's classification (4xx permanent, 5xx and network transient) and says the refresh failed. */
function refreshFailure(error: unknown): unknown {
  if (!isConnectorError(error)) return error;
  return new ConnectorError(`Salesforce token refresh failed: ${error.message}`, error.kind, error.status, error.retryAfterMs, { cause: error });
}
