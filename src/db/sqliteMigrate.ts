/**
 * Applies `migrations/` (drizzle-kit output). Foreign keys are switched off on the connection around the
 * run: drizzle's SQLite table rebuilds toggle them inside the migration transaction, where SQLite ignores
 * the pragma, and a rebuild would otherwise cascade-delete child rows (drizzle-orm#4640).
 */
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { repoPath } from '../repoPath.js';

export const SQLITE_MIGRATIONS_FOLDER = fileURLToPath(repoPath('migrations/sqlite/'));

export function applySqliteMigrations(sqlite: Database.Database): void {
  sqlite.pragma('foreign_keys = OFF');
  try {
    migrate(drizzle(sqlite), { migrationsFolder: SQLITE_MIGRATIONS_FOLDER });
    const violations = sqlite.pragma('foreign_key_check') as unknown[];
    if (violations.length > 0) throw new Error(`Migration left ${violations.length} foreign-key violations`);
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
}
