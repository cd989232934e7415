/**
 * PostgreSQL tables: the same snapshot tables as `src/db/schema/sqlite.ts` (change both together), plus
 * the state that replicas share only here: the catalogue version every write bumps, upload rate-limit
 * counters, and Slack deliveries waiting for a replica to answer them. Documents and models are `bytea`,
 * gzip-compressed by the upload worker, byte for byte as SQLite stores them.
 */
import { sql } from 'drizzle-orm';
import { bigint, customType, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

export const snapshots = pgTable(
  'snapshots',
  {
    /** Monotonic insertion order: the newest-first cursor. */
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    id: text('id').notNull().unique(),
    /** The name given at the first upload; `snapshot_names` holds every name. */
    name: text('name').notNull(),
    profile: text('profile').notNull(),
    /** Unique: concurrent identical uploads on two replicas store one snapshot (INSERT … ON CONFLICT). */
    contentHash: text('content_hash').notNull().unique(),
    createdAt: text('created_at').notNull(),
    summaryJson: text('summary_json').notNull(),
    documentBytes: integer('document_bytes').notNull(),
    modelBytes: integer('model_bytes').notNull(),
  },
  (t) => [index('snapshots_name_seq').on(t.name, t.seq)],
);

export const snapshotDocuments = pgTable('snapshot_documents', {
  snapshotId: text('snapshot_id')
    .primaryKey()
    .references(() => snapshots.id, { onDelete: 'cascade' }),
  contentType: text('content_type').notNull(),
  bodyGzip: bytea('body_gzip').notNull(),
});

export const snapshotModels = pgTable('snapshot_models', {
  snapshotId: text('snapshot_id')
    .primaryKey()
    .references(() => snapshots.id, { onDelete: 'cascade' }),
  modelGzip: bytea('model_gzip').notNull(),
  schemaVersion: integer('schema_version')
    .notNull()
    .default(sql`1`),
});

export const snapshotNames = pgTable(
  'snapshot_names',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
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
 * One row (`id` = 1): the catalogue version, bumped in the transaction of every upload, rename and delete.
 * Replicas learn of it by NOTIFY and, should a notification be lost, by polling this row.
 */
export const catalogue = pgTable('catalogue', {
  id: integer('id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
});

/** Upload rate-limit windows shared by every replica (`@fastify/rate-limit` store). */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  count: integer('count').notNull(),
  /** End of the current window, milliseconds since the epoch. */
  resetAtMs: bigint('reset_at_ms', { mode: 'number' }).notNull(),
});

/**
 * Slack commands answered later through `response_url`. The replica that received the command holds a
 * lease while it computes and posts the answer; if it dies, another replica takes the command over once
 * the lease has run out.
 */
export const slackDeliveries = pgTable(
  'slack_deliveries',
  {
    id: text('id').primaryKey(),
    responseUrl: text('response_url').notNull(),
    /** The parsed command, as JSON. */
    commandJson: text('command_json').notNull(),
    createdAtMs: bigint('created_at_ms', { mode: 'number' }).notNull(),
    leaseUntilMs: bigint('lease_until_ms', { mode: 'number' }).notNull(),
    attempts: integer('attempts').notNull().default(0),
  },
  (t) => [index('slack_deliveries_lease').on(t.leaseUntilMs)],
);
