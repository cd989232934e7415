/**
 * PostgreSQL tables: the same snapshot and Slack delivery tables as `src/db/schema/sqlite.ts` (change both
 * together), plus the state that replicas share only here: the catalogue version every write bumps and
 * upload rate-limit counters. Documents and models are `bytea`, gzip-compressed by the upload worker, byte
 * for byte as SQLite stores them.
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
 * Slash commands with a `response_url` (`src/slack/deliveryStore.ts`): which replica answers each, under a
 * lease another replica takes over when it runs out. Kept 30 minutes (Slack's `response_url` lifetime).
 */
export const slackDeliveries = pgTable(
  'slack_deliveries',
  {
    /** SHA-256 of the `response_url`, unique per invocation: a repeated request finds its claim. */
    id: text('id').primaryKey(),
    /** Where the answer goes; a capability for 30 minutes, swept after. */
    responseUrl: text('response_url').notNull(),
    commandText: text('command_text').notNull(),
    /** The replica holding the lease. */
    owner: text('owner').notNull(),
    createdAtMs: bigint('created_at_ms', { mode: 'number' }).notNull(),
    leaseUntilMs: bigint('lease_until_ms', { mode: 'number' }).notNull(),
    /** Leases the command has had; it is given up after a few. */
    holds: integer('holds').notNull(),
    /** Answered or given up; null while a replica owes the answer. */
    finishedAtMs: bigint('finished_at_ms', { mode: 'number' }),
  },
  (t) => [index('slack_deliveries_created').on(t.createdAtMs)],
);
