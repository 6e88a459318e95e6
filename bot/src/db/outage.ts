/**
 * Whether an error means the database could not be reached (refused, dropped or restarting connection), as opposed
 * to a bug or a refused statement: such a request answers 503 `unavailable` with Retry-After, never 500 (and never
 * 401 at sign-in). node-postgres passes socket errors through with their `code`; PostgreSQL reports a connection it
 * is ending or can't accept with SQLSTATE class 08 or 57P01–57P03; TypeORM wraps either in `driverError`.
 */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);
const SHUTDOWN_STATES = new Set(['57P01', '57P02', '57P03']);
const DROPPED =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/;

export function isDatabaseOutage(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const { code, message, driverError } = e as { code?: unknown; message?: unknown; driverError?: unknown };
    if (
      typeof code === 'string' &&
      (SOCKET_CODES.has(code) || SHUTDOWN_STATES.has(code) || code.startsWith('08'))
    )
      return true;
    if (typeof message === 'string' && DROPPED.test(message)) return true;
    e = driverError;
  }
  return false;
}

/** Seconds a client should wait before trying again after an outage answer. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;
