import { defineConfig } from 'drizzle-kit';

/**
 * drizzle-kit for the embedded SQLite dialect; `drizzle.postgres.config.ts` is the PostgreSQL one.
 * `npm run db:generate` runs both, so every schema change gets a migration in each dialect.
 */
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema/sqlite.ts',
  out: './migrations/sqlite',
});
