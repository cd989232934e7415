/**
 * SQLite tables (the embedded default). A snapshot is one row in each of `snapshots`, `snapshot_documents`
 * and `snapshot_models`, written in one transaction with its first name; the document, the model and the
 * names hang off the snapshot with ON DELETE CASCADE, so a delete removes everything.
 * `src/db/schema/postgres.ts` holds the same tables for PostgreSQL; change both together.
 */
import { sql } from 'drizzle-orm';
import { blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const snapshots = sqliteTable(
  'snapshots',
  {
    /** Monotonic insertion order: the newest-first cursor. */
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    /** The name given at the first upload; `snapshot_names` holds every name. */
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

/**
 * Every name a snapshot carries. A name resolves to the snapshot that most recently received it (highest
 * `seq`); giving a snapshot a name it already has moves the name to a new `seq`.
 */
export const snapshotNames = sqliteTable(
  'snapshot_names',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    snapshotId: text('snapshot_id')
      .notNull()
      .references(() => snapshots.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
  },
  (t) => [
    uniqueIndex('snapshot_names_snapshot_name').on(t.snapshotId, t.name),
    index('snapshot_names_name_seq').on(t.name, t.seq),
  ],
);

/**
 * Slash commands with a `response_url` (`src/slack/deliveryStore.ts`): on SQLite, one process answers
 * them all, and a command it had not answered when it stopped is answered after the restart. The same
 * table as PostgreSQL's; change both together.
 */
export const slackDeliveries = sqliteTable(
  'slack_deliveries',
  {
    id: text('id').primaryKey(),
    responseUrl: text('response_url').notNull(),
    commandText: text('command_text').notNull(),
    owner: text('owner').notNull(),
    createdAtMs: integer('created_at_ms').notNull(),
    leaseUntilMs: integer('lease_until_ms').notNull(),
    holds: integer('holds').notNull(),
    finishedAtMs: integer('finished_at_ms'),
  },
  (t) => [index('slack_deliveries_created').on(t.createdAtMs)],
);
