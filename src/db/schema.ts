/**
 * SQLite tables. A snapshot is one row in each of the three tables, written in one transaction; the
 * document and the model hang off the snapshot with ON DELETE CASCADE, so a delete removes everything.
 */
import { sql } from 'drizzle-orm';
import { blob, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const snapshots = sqliteTable(
  'snapshots',
  {
    /** Monotonic insertion order: the newest-first cursor. */
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    name: text('name').notNull(),
    profile: text('profile').notNull(),
    contentHash: text('content_hash').notNull().unique(),
    createdAt: text('created_at').notNull(),
    /** JSON: clusters, counts per cluster per kind, ignored kinds, diagnostics. */
    summaryJson: text('summary_json').notNull(),
    documentBytes: integer('document_bytes').notNull(),
    modelBytes: integer('model_bytes').notNull(),
  },
  (t) => [index('snapshots_name_seq').on(t.name, t.seq)],
);

export const snapshotDocuments = sqliteTable('snapshot_documents', {
  snapshotId: text('snapshot_id')
    .primaryKey()
    .references(() => snapshots.id, { onDelete: 'cascade' }),
  contentType: text('content_type').notNull(),
  /** The uploaded body, gzip-compressed, byte for byte. */
  bodyGzip: blob('body_gzip', { mode: 'buffer' }).notNull(),
});

export const snapshotModels = sqliteTable('snapshot_models', {
  snapshotId: text('snapshot_id')
    .primaryKey()
    .references(() => snapshots.id, { onDelete: 'cascade' }),
  /** The normalized MeshModel as JSON, gzip-compressed. */
  modelGzip: blob('model_gzip', { mode: 'buffer' }).notNull(),
  schemaVersion: integer('schema_version')
    .notNull()
    .default(sql`1`),
});
