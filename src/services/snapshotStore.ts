/**
 * The storage port of the service layer: what the services need from a database, in the service layer's
 * words. `src/db` implements it twice, over SQLite (`sqliteStore.ts`) and over PostgreSQL
 * (`postgresStore.ts`); the shared storage suite (`test/integration/db/`) holds both to the same contract.
 */
import type { Catalogue } from './catalogue.js';

export interface SnapshotRow {
  readonly seq: number;
  readonly id: string;
  /** The name of the first upload. */
  readonly name: string;
  /** Every name the snapshot carries, the first one first. */
  readonly names: readonly string[];
  readonly profile: string;
  readonly contentHash: string;
  readonly createdAt: string;
  readonly summaryJson: string;
  readonly documentBytes: number;
  readonly modelBytes: number;
}

export interface NewSnapshot extends Omit<SnapshotRow, 'seq' | 'names'> {
  readonly contentType: string;
  readonly bodyGzip: Buffer;
  readonly modelGzip: Buffer;
}

export interface SaveOutcome {
  /** False when a snapshot with the same content hash was already stored (by anyone) and is returned. */
  readonly created: boolean;
  readonly row: SnapshotRow;
}

/** A stored snapshot as `db:copy` moves it: every column and both blobs, byte for byte. */
export interface SnapshotExport {
  readonly row: SnapshotRow;
  readonly contentType: string;
  readonly bodyGzip: Buffer;
  readonly modelGzip: Buffer;
}

export interface SnapshotStore {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * Stores the snapshot, its document, its model and its name in one transaction, unless a snapshot with the
   * same content hash exists: then `name` is added to that one. Either way `name` resolves to the returned
   * snapshot afterwards.
   */
  save(snapshot: NewSnapshot): Promise<SaveOutcome>;
  /** Gives a stored snapshot one more name (or moves the name back to it); undefined when it is gone. */
  addName(id: string, name: string): Promise<SnapshotRow | undefined>;
  findByHash(contentHash: string): Promise<SnapshotRow | undefined>;
  findById(id: string): Promise<SnapshotRow | undefined>;
  /** The snapshot that most recently received this name. */
  findByName(name: string): Promise<SnapshotRow | undefined>;
  findNewest(): Promise<SnapshotRow | undefined>;
  /** Newest first; `beforeSeq` continues after a position. */
  list(limit: number, beforeSeq?: number): Promise<SnapshotRow[]>;
  /** Whether any snapshot sits at or before `seq` in newest-first order (`hasPreviousPage`). */
  hasAtOrAfter(seq: number): Promise<boolean>;
  document(id: string): Promise<{ contentType: string; bodyGzip: Buffer } | undefined>;
  model(id: string): Promise<Buffer | undefined>;
  /** True when a snapshot was deleted. */
  delete(id: string): Promise<boolean>;
  count(): Promise<number>;
  /** Which of these ids are still stored. */
  existing(ids: readonly string[]): Promise<Set<string>>;
  /** Stores an exported snapshot as it was (same id, hash, names, bytes); false when its id exists. */
  importOne(snapshot: SnapshotExport): Promise<boolean>;
  /** Resolves when the database answers; rejects otherwise (readiness). */
  ping(): Promise<void>;
  /** What snapshots the database holds, as a version every replica sees move. */
  readonly catalogue: Catalogue;
  close(): Promise<void>;
}
