import { defineConfig } from 'drizzle-kit';

/** drizzle-kit for PostgreSQL (`DATABASE_URL=postgres://…`); see drizzle.config.ts for SQLite. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/postgres.ts',
  out: './migrations/postgres',
});
