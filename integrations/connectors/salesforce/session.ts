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

/**
 * The part of the token endpoint's answer we use (it also holds id, token_type, issued_at and signature). With refresh
 * token rotation on, it also holds a new refresh token, and the one just used stops working.
 */
const TokenAnswer = z.object({
  access_token: z.string().min(1),
  instance_url: z.url().optional().catch(undefined),
  refresh_token: z.string().min(1).optional().catch(undefined),
});
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
/** Rotated refresh tokens, by a hash of the one they replace: a client built from a config read before starts from the newest. */
const rotatedTo = new Map<string, string>();

const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');

function newestRefreshToken(token: string): string {
  let current = token;
  for (let next = rotatedTo.get(digest(current)); next !== undefined && next !== current; next = rotatedTo.get(digest(current))) current = next;
  return current;
}

const isRefusedGrant = (error: unknown) => isConnectorError(error) && error.status === 400 && /\binvalid_grant\b/.test(error.message);

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
  /** The newest refresh token was stored by this client. */
  private storedRotation = false;

  constructor(private readonly config: SalesforceConfig, private readonly options: ClientOptions = {}) {
    const { accessToken, refreshToken, clientId, clientSecret } = config;
    if (accessToken) this.configured = { accessToken, instanceUrl: config.instanceUrl };
    if (refreshToken && clientId && clientSecret) this.grant = { refreshToken: newestRefreshToken(refreshToken), clientId, clientSecret };
    this.cacheKey = createHash('sha256').update(JSON.stringify([config.loginUrl, config.instanceUrl, clientId, refreshToken])).digest('hex');
    this.login = new HttpClient({ baseUrl: config.loginUrl, timeoutMs: options.timeoutMs, fetch: options.fetch, errorMessage: describeRefusal });
  }

  /** The access to use now: refreshed earlier in this process, else configured, else fetched with the refresh token. */
  async current(): Promise<SalesforceAccess> {
    await this.storeRotatedToken();
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

  /**
   * One token request. A refused refresh token is looked up again in the stored config first: with rotation on,
   * another process may have used it and stored the one it got.
   */
  private async refresh(grant: RefreshGrant): Promise<SalesforceAccess> {
    grant.refreshToken = newestRefreshToken(grant.refreshToken); // another client of this process may have rotated it
    let body: unknown;
    try {
      body = await this.requestToken(grant);
    } catch (error) {
      const stored = isRefusedGrant(error) ? await this.storedRefreshToken() : undefined;
      if (stored === undefined || stored === grant.refreshToken) throw refreshFailure(error);
      grant.refreshToken = stored;
      try {
        body = await this.requestToken(grant);
      } catch (again) {
        throw refreshFailure(again);
      }
    }
    const answer = TokenAnswer.safeParse(body);
    if (!answer.success) throw new ConnectorError('Salesforce token refresh answered without an access_token: check loginUrl', 'permanent', undefined, undefined, { cause: answer.error });
    const access = { accessToken: answer.data.access_token, instanceUrl: answer.data.instance_url ?? this.config.instanceUrl };
    refreshedAccess.set(this.cacheKey, access);
    const rotated = answer.data.refresh_token;
    if (rotated && rotated !== grant.refreshToken) await this.rotate(grant, rotated);
    return access;
  }

  private async requestToken(grant: RefreshGrant): Promise<unknown> {
    const form = new URLSearchParams({ grant_type: 'refresh_token', client_id: grant.clientId, client_secret: grant.clientSecret, refresh_token: grant.refreshToken });
    const { body } = await this.login.request({ method: 'POST', path: tokenPath, rawBody: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    return body;
  }

  /** The refresh token used is dead: keep the new one for this process and store it in the connection. */
  private async rotate(grant: RefreshGrant, next: string): Promise<void> {
    const previous = grant.refreshToken;
    rotatedTo.set(digest(previous), next);
    grant.refreshToken = next;
    await this.storeRotation(previous, next);
  }

  /**
   * This process rotated the configured refresh token earlier and storing the new one failed (this client was built
   * from a config that still holds the old one): store it now, or the next restart would start from a dead token.
   */
  private async storeRotatedToken(): Promise<void> {
    const configured = this.config.refreshToken;
    if (!this.grant || !configured || this.grant.refreshToken === configured || this.storedRotation) return;
    await this.storeRotation(configured, this.grant.refreshToken);
  }

  private async storeRotation(previous: string, next: string): Promise<void> {
    try {
      await this.options.credentials?.replace({ refreshToken: previous }, { refreshToken: next });
      this.storedRotation = true;
    } catch (error) {
      // This process goes on with the new token; after a restart the stored one would be refused.
      throw new ConnectorError('Salesforce rotated the refresh token and the new one could not be stored; retrying', 'transient', undefined, undefined, { cause: error });
    }
  }

  private async storedRefreshToken(): Promise<string | undefined> {
    const stored = await this.options.credentials?.reload();
    return typeof stored?.refreshToken === 'string' && stored.refreshToken ? stored.refreshToken : undefined;
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
