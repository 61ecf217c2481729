/** SQLSTATE classes that mean "the database is not there right now", not "your query is wrong". */
const unavailableSqlStates = /^(08|57P|53|58)/;
const unavailableNodeCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
const unavailableMessages = /Connection terminated|is not currently accepting connections|the database system is (starting up|shutting down)|timeout exceeded when trying to connect|Client has encountered a connection error|connection is closed|PGlite is closed/i;

/** True when an error (or any error in its cause chain) says the database is unreachable. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 6; current = current.cause, depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (unavailableSqlStates.test(code) || unavailableNodeCodes.has(code))) return true;
    if (unavailableMessages.test(current.message)) return true;
  }
  return false;
}
