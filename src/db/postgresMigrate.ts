/**
 * Applies `migrations/postgres/` under a session-level advisory lock, so replicas that start together
 * migrate once: the first takes the lock and migrates, the others wait for it, then find nothing to do.
 * The lock key is per schema, and drizzle's journal lives in the same schema as the tables.
 */
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { repoPath } from '../repoPath.js';

export const POSTGRES_MIGRATIONS_FOLDER = fileURLToPath(repoPath('migrations/postgres/'));
const MIGRATIONS_TABLE = '__drizzle_migrations';

export async function applyPostgresMigrations(clientConfig: pg.ClientConfig, schema: string): Promise<void> {
  // Migrations may take longer than a request's statement timeout (an index build on a large table).
  const client = new pg.Client({ ...clientConfig, statement_timeout: 0 });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock(hashtext('spillway:migrate:' || $1))", [schema]);
    try {
      await migrate(drizzle(client), {
        migrationsFolder: POSTGRES_MIGRATIONS_FOLDER,
        migrationsSchema: schema,
        migrationsTable: MIGRATIONS_TABLE,
      });
    } finally {
      await client.query("select pg_advisory_unlock(hashtext('spillway:migrate:' || $1))", [schema]);
    }
  } finally {
    await client.end();
  }
}
