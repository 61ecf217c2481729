import type { Executor } from '../../core/db/client';
import { findCrmConnectionById, replaceCrmConnectionConfigValues } from '../../core/repositories/crm';
import type { StoredCredentials } from '../connectors/types';

/** A connection's stored config, for connectors whose CRM rotates credentials (see `ClientOptions.credentials`). */
export function storedCredentials(db: Executor, connectionId: string): StoredCredentials {
  return {
    reload: async () => (await findCrmConnectionById(db, connectionId))?.config,
    replace: async (from, to) => void (await replaceCrmConnectionConfigValues(db, connectionId, from, to)),
  };
}
