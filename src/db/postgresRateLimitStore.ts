/**
 * A `@fastify/rate-limit` store in PostgreSQL, so the upload limit holds across every replica rather than
 * per replica. One fixed window per key, counted with one upsert on the database's clock (replicas' clocks
 * may differ; the database's is one).
 */
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type pg from 'pg';
import { databaseUnavailable, isTransientDatabaseError } from './storageErrors.js';

/** Expired windows are swept about once per this many increments. */
const SWEEP_EVERY_INCREMENTS = 500;

const INCREMENT = `
  with now as (select (extract(epoch from clock_timestamp()) * 1000)::bigint as ms)
  insert into rate_limits as r (key, count, reset_at_ms)
  select $1, 1, now.ms + $2 from now
  on conflict (key) do update set
    count = case when r.reset_at_ms <= (select ms from now) then 1 else r.count + 1 end,
    reset_at_ms = case when r.reset_at_ms <= (select ms from now) then (select ms from now) + $2 else r.reset_at_ms end
  returning count, reset_at_ms - (select ms from now) as ttl`;
const SWEEP = `delete from rate_limits where reset_at_ms < (extract(epoch from clock_timestamp()) * 1000)::bigint`;

export function postgresRateLimitStore(pool: pg.Pool): FastifyRateLimitStoreCtor {
  let increments = 0;
  class PostgresRateLimitStore implements FastifyRateLimitStore {
    constructor(
      _options: unknown,
      private readonly prefix = '',
    ) {}

    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      increments += 1;
      if (increments % SWEEP_EVERY_INCREMENTS === 0) pool.query(SWEEP).catch(() => undefined);
      pool.query<{ count: number; ttl: string }>(INCREMENT, [`${this.prefix}${key}`, timeWindow]).then(
        (result) => {
          const row = result.rows[0];
          callback(null, { current: row?.count ?? 1, ttl: Math.max(0, Number(row?.ttl ?? timeWindow)) });
        },
        (error: unknown) => {
          const failure = error instanceof Error ? error : new Error(String(error));
          callback(isTransientDatabaseError(failure) ? databaseUnavailable(failure) : failure);
        },
      );
    }

    child(routeOptions: { method?: string | string[]; url?: string; path?: string }): FastifyRateLimitStore {
      const method = [routeOptions.method ?? ''].flat().join(',');
      return new PostgresRateLimitStore(
        undefined,
        `${method} ${routeOptions.url ?? routeOptions.path ?? ''}:`,
      );
    }
  }
  return PostgresRateLimitStore;
}
