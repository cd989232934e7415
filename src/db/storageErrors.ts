/**
 * Database failures in the service's words. A database that cannot be reached, is restarting or is too
 * slow becomes `UNAVAILABLE` (503, retry); anything else stays an internal error. Neither carries the
 * driver's message to a client: the original is kept as `cause`, for the log only.
 */
import { AppError } from '../errors/appError.js';

/** SQLSTATE classes and codes that mean "not now" rather than "wrong": connection exceptions (08), operator
 * intervention (57: admin shutdown, crash shutdown, cannot connect now, statement timeout), insufficient
 * resources (53), serialization failures and deadlocks (40). */
const TRANSIENT_SQLSTATE = /^(08|53|57|40)/;
const TRANSIENT_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** node-postgres reports pool and socket failures as plain Errors with these messages. */
const TRANSIENT_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Connection ended unexpectedly',
  'connect ECONNREFUSED',
];

export function isTransientDatabaseError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_NODE_CODES.has(code)))
    return true;
  if (TRANSIENT_MESSAGES.some((m) => error.message.includes(m))) return true;
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error && isTransientDatabaseError(cause);
}

export function databaseUnavailable(cause: unknown): AppError {
  return new AppError(
    'UNAVAILABLE',
    'The database is not reachable right now; retry shortly.',
    {},
    { cause },
  );
}

/**
 * Wraps every method of a store so transient failures surface as `UNAVAILABLE`; other errors pass through
 * (and become a masked INTERNAL at the edge).
 */
export function guardStore<T extends object>(store: T): T {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        try {
          const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
          return result instanceof Promise
            ? result.catch((error: unknown) => {
                throw isTransientDatabaseError(error) ? databaseUnavailable(error) : error;
              })
            : result;
        } catch (error) {
          throw isTransientDatabaseError(error) ? databaseUnavailable(error) : error;
        }
      };
    },
  });
}
