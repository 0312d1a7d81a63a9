/**
 * SQLSTATEs that say the database (not the statement) failed: connection exceptions (class 08),
 * a backend terminated or shutting down (57P01-57P03, e.g. `pg_terminate_backend`), too many
 * connections (53300).
 */
const UNAVAILABLE_SQLSTATES = /^(08...|57P0[123]|53300)$/;
/** Socket errors of a connection that went away or never came. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** node-postgres and knex say so only in words. */
const MESSAGES = /Connection terminated|connection error and is not queryable|Timeout acquiring a connection/i;

/**
 * Whether an error means the database could not be reached or dropped the connection, rather
 * than refused the statement: a retry may succeed, so the caller gets 503, not 500. Follows
 * `cause` (an error wrapped on its way up).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e !== null && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message, name } = e as { code?: unknown; message?: unknown; name?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.test(code) || SOCKET_CODES.has(code))) return true;
    if (name === 'KnexTimeoutError' || (typeof message === 'string' && MESSAGES.test(message))) return true;
  }
  return false;
}
