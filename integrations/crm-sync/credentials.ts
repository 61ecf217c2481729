import type { Executor } from '../../core/db/client';
import { findCrmConnection, replaceCrmConnectionConfigValues } from '../../core/repositories/crm';
import type { StoredCredentials } from '../connectors/types';

/** A connection's stored config, for connectors whose CRM rotates credentials (see `ClientOptions.credentials`). */
export function storedCredentials(db: Executor, connection: { botId: string; id: string }): StoredCredentials {
  return {
    reload: async () => (await findCrmConnection(db, connection.botId, connection.id))?.config,
    replace: async (from, to) => void (await replaceCrmConnectionConfigValues(db, connection.id, from, to)),
  };
}
