/**
 * The SQLite catalogue version: another connection's commit (a second process on the same file) is seen
 * from the event loop's next turn; within one turn, one reading of `PRAGMA data_version` stands (it takes
 * the file lock, a sixth of an uncached question's cost).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openSqlite } from '../../../src/db/sqliteClient.js';
import { createSqliteStore } from '../../../src/db/sqliteStore.js';

function openPair(): {
  readonly store: ReturnType<typeof createSqliteStore>;
  readonly other: Database.Database;
} {
  const dir = mkdtempSync(join(tmpdir(), 'spillway-catalogue-'));
  const path = join(dir, 'spillway.db');
  const handle = openSqlite(path);
  const other = new Database(path);
  onTestFinished(() => {
    other.close();
    handle.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { store: createSqliteStore(handle), other };
}

/** A commit by the other connection: any write moves SQLite's data_version for everyone else. */
const commitElsewhere = (other: Database.Database): void => {
  other.exec('CREATE TABLE IF NOT EXISTS elsewhere (n INTEGER); INSERT INTO elsewhere VALUES (1);');
};

describe('SQLite catalogue version', () => {
  it('sees another connection’s commit from the next turn of the event loop', async () => {
    const { store, other } = openPair();
    await nextTurn();
    const before = store.catalogue.version();
    commitElsewhere(other);
    // The same turn: the reading taken above stands.
    expect(store.catalogue.version()).toBe(before);
    await nextTurn();
    const after = store.catalogue.version();
    expect(after).not.toBe(before);
    // And nothing moves it again without a commit.
    await nextTurn();
    expect(store.catalogue.version()).toBe(after);
  });

  it('tells listeners once per change seen', async () => {
    const { store, other } = openPair();
    const seen: string[] = [];
    store.catalogue.subscribe((change) => seen.push(change.version));
    await nextTurn();
    store.catalogue.version();
    commitElsewhere(other);
    await nextTurn();
    store.catalogue.version();
    store.catalogue.version();
    expect(seen).toHaveLength(1);
  });
});
