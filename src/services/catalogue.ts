/**
 * The catalogue version: one token that moves whenever a snapshot is added, renamed or deleted, by this
 * process or another one on the same database. Everything cached about what a reference (`latest`, a name,
 * an id) points at is valid for one version; snapshots themselves never change.
 *
 * Its one source is the store: SQLite's `data_version` plus this process's own writes, or PostgreSQL's
 * `catalogue` row, learnt by LISTEN/NOTIFY and polled in case a notification is lost. Caches subscribe here
 * rather than asking the database on every request.
 */
export interface CatalogueChange {
  /** The version now in force. */
  readonly version: string;
  /** Snapshots known to have been deleted, when the source can tell (an empty list says nothing). */
  readonly deleted: readonly string[];
}

export interface Catalogue {
  /** The version in force now, without a database round trip. */
  version(): string;
  /** Calls `listener` after every change seen; returns the unsubscribe function. */
  subscribe(listener: (change: CatalogueChange) => void): () => void;
}

/** Keeps the listeners and the last version; the stores feed it what they observe. */
export class CatalogueListeners {
  private readonly listeners = new Set<(change: CatalogueChange) => void>();

  subscribe(listener: (change: CatalogueChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(change: CatalogueChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
