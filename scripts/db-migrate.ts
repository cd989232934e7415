/**
 * `npm run db:migrate`: applies the migrations to the configured database (DATABASE_URL, else
 * SPILLWAY_DB_PATH) and exits. The service migrates at start as well; this is for a release step.
 */
import { loadConfig } from '../src/config.js';
import { openStore } from '../src/db/openStore.js';

const { store } = await openStore(loadConfig().db, (error, message) =>
  process.stderr.write(`${message}: ${String(error)}\n`),
);
process.stdout.write(`${store.dialect} database migrated; ${await store.count()} snapshot(s).\n`);
await store.close();
