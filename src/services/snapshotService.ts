/**
 * Snapshot use cases: upload (parse → validate → normalize → store whole or not at all), list, read, name,
 * delete. REST, GraphQL and Slack all reach snapshots through here.
 */
import { createHash, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { LRUCache } from 'lru-cache';
import type { Config } from '../config.js';
import type { Profile } from '../engine/index.js';
import { AppError } from '../errors/appError.js';
import { UPLOAD_REFUSAL_CODES } from '../errors/uploadRefusal.js';
import { gunzipText } from './gunzipText.js';
import { decodeCursor, encodeCursor } from './snapshotCursor.js';
import type { SnapshotRow, SnapshotStore } from './snapshotStore.js';
import type { UploadParser } from './uploadParser.js';
import type { SnapshotPage, SnapshotService, SnapshotSummary } from './types.js';

const gunzipAsync = promisify(gunzip);

const asBuffer = (bytes: Uint8Array): Buffer =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const SNAPSHOT_ID_RANDOM_CHARS = 20;
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
/** Distinct snapshot references remembered per catalogue version (cache 3 of 3, docs/operations.md#caches). */
const MAX_REMEMBERED_REFS = 10_000;

export type UploadContentType = 'application/yaml' | 'application/json';

export interface UploadRequest {
  readonly body: Buffer;
  readonly contentType: UploadContentType;
  /** Abandons the parse when aborted (the client went away before the answer). */
  readonly signal?: AbortSignal;
  readonly params: {
    readonly name?: string;
    readonly cluster?: string;
    readonly network?: string;
    readonly profile?: string;
  };
}

export interface UploadOutcome {
  /** False when the same content was stored before and that snapshot is returned. */
  readonly created: boolean;
  readonly snapshot: SnapshotSummary;
}

export interface SnapshotAdminService extends SnapshotService {
  upload(request: UploadRequest): Promise<UploadOutcome>;
  /** The uploaded body of the snapshot `ref` names, byte for byte. */
  document(ref: string): Promise<{ contentType: string; body: Buffer }>;
  delete(id: string): Promise<void>;
  /** Resolves an id, a name (its newest holder) or `latest` to a stored row. */
  resolve(ref: string): Promise<SnapshotRow | undefined>;
  loadModelJson(id: string): Promise<string>;
  count(): Promise<number>;
}

interface StoredSummary {
  readonly clusters: SnapshotSummary['clusters'];
  readonly counts: SnapshotSummary['counts'];
  readonly ignored: SnapshotSummary['ignored'];
  readonly diagnostics: SnapshotSummary['diagnostics'];
  /** False when the upload held no object Spillway reads; absent (true) in summaries stored before. */
  readonly usable?: boolean;
}

function toSummary(row: SnapshotRow): SnapshotSummary {
  const { clusters, counts, ignored, diagnostics } = JSON.parse(row.summaryJson) as StoredSummary;
  return {
    id: row.id,
    name: row.name,
    names: row.names,
    profile: row.profile as Profile,
    contentHash: row.contentHash,
    createdAt: row.createdAt,
    clusters,
    counts,
    ignored,
    diagnostics,
  };
}

const isUsable = (row: SnapshotRow): boolean =>
  (JSON.parse(row.summaryJson) as StoredSummary).usable !== false;

/** Rows read per step while looking for the newest usable snapshot (unusable ones are rare and few). */
const LATEST_SCAN_PAGE = 20;

/** `latest`: the newest snapshot holding something to answer from, skipping uploads of nothing usable. */
async function newestUsable(store: SnapshotStore): Promise<SnapshotRow | undefined> {
  let before: number | undefined;
  for (;;) {
    const rows = await store.list(LATEST_SCAN_PAGE, before);
    const found = rows.find(isUsable);
    if (found !== undefined) return found;
    const last = rows.at(-1);
    if (last === undefined || rows.length < LATEST_SCAN_PAGE) return undefined;
    before = last.seq;
  }
}

export function unknownSnapshot(ref: string): AppError {
  return new AppError('UNKNOWN_SNAPSHOT', `No snapshot matches "${ref}" (an id, a name, or "latest").`, {
    snapshot: ref,
  });
}

/**
 * A snapshot's identity: its bytes and what the upload made of them that the bytes alone do not say, in
 * effect after defaults are applied (the profile, each cluster's name and network). So `cluster=cluster1`
 * or `profile=SOLO` on a plain upload, which restate the defaults, name the same snapshot as no parameter.
 */
export function contentHash(
  bodyDigest: string,
  effective: { readonly profile: string; readonly clusters: SnapshotSummary['clusters'] },
): string {
  const clusters = effective.clusters.map((c) => [c.name, c.network]);
  return createHash('sha256')
    .update(bodyDigest)
    .update('\0')
    .update(JSON.stringify([effective.profile, clusters]))
    .digest('hex');
}

export function createSnapshotService(
  store: SnapshotStore,
  config: Config,
  parser: UploadParser,
): SnapshotAdminService {
  // What a reference means changes only when the catalogue does; lookups are remembered until then.
  const references = new LRUCache<string, Promise<SnapshotRow | undefined>>({ max: MAX_REMEMBERED_REFS });
  store.catalogue.subscribe(() => references.clear());
  const lookup = (ref: string): Promise<SnapshotRow | undefined> =>
    ref === 'latest' ? newestUsable(store) : store.findById(ref).then((row) => row ?? store.findByName(ref));
  const resolve = (ref: string): Promise<SnapshotRow | undefined> => {
    store.catalogue.version(); // SQLite notices another process's writes here
    const remembered = references.get(ref);
    if (remembered) return remembered;
    const found = lookup(ref);
    references.set(ref, found);
    found.catch(() => {
      if (references.peek(ref) === found) references.delete(ref);
    });
    return found;
  };

  const page = async (first: number, after: string | undefined): Promise<SnapshotPage> => {
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
      throw new AppError('INVALID_REQUEST', `\`first\` must be between 1 and ${MAX_PAGE_SIZE}.`, { first });
    }
    const afterSeq = after === undefined ? undefined : decodeCursor(after);
    const rows = await store.list(first + 1, afterSeq);
    const shown = rows.slice(0, first);
    const edges = shown.map((row) => ({ cursor: encodeCursor(row.seq), node: toSummary(row) }));
    const hasNextPage = rows.length > first;
    const endCursor = edges.at(-1)?.cursor ?? null;
    return {
      items: edges.map((edge) => edge.node),
      edges,
      pageInfo: {
        hasNextPage,
        hasPreviousPage: afterSeq !== undefined && (await store.hasAtOrAfter(afterSeq)),
        startCursor: edges[0]?.cursor ?? null,
        endCursor,
      },
      ...(hasNextPage && endCursor !== null ? { nextCursor: endCursor } : {}),
    };
  };

  return {
    async upload(request) {
      // The body may move to the parser's worker: digest it first.
      const bodyDigest = createHash('sha256').update(request.body).digest('hex');
      const prepared = await parser.prepare(
        { body: request.body, contentType: request.contentType, params: request.params },
        {
          maxDocuments: config.upload.maxDocuments,
          maxDepth: config.upload.maxDepth,
          maxAliasCount: config.upload.maxAliasCount,
        },
        request.signal,
      );
      if (!prepared.ok) {
        throw new AppError(
          UPLOAD_REFUSAL_CODES[prepared.refusal],
          `The snapshot was rejected with ${prepared.problems.length} problem(s); nothing was stored.`,
          { problems: prepared.problems },
        );
      }
      const { snapshot } = prepared;
      const hash = contentHash(bodyDigest, snapshot);

      // Stored before: an explicitly given name now resolves to it too (unless it already does).
      const existing = await store.findByHash(hash);
      if (existing) {
        const given = request.params.name;
        if (given === undefined || (await store.findByName(given))?.id === existing.id) {
          return { created: false, snapshot: toSummary(existing) };
        }
        const renamed = await store.addName(existing.id, given);
        if (renamed) return { created: false, snapshot: toSummary(renamed) };
      }

      const summary: StoredSummary = {
        clusters: snapshot.clusters,
        counts: snapshot.counts,
        ignored: snapshot.ignored,
        diagnostics: snapshot.diagnostics,
        usable: snapshot.usable,
      };
      // A concurrent identical upload (on this replica or another) may land first: the store then returns it.
      const saved = await store.save({
        id: `snp_${randomUUID().replaceAll('-', '').slice(0, SNAPSHOT_ID_RANDOM_CHARS)}`,
        name: snapshot.name,
        profile: snapshot.profile,
        contentHash: hash,
        createdAt: new Date().toISOString(),
        summaryJson: JSON.stringify(summary),
        documentBytes: snapshot.documentBytes,
        modelBytes: snapshot.modelBytes,
        contentType: request.contentType,
        // A worker's buffers arrive as plain Uint8Arrays; wrapped, not copied.
        bodyGzip: asBuffer(snapshot.bodyGzip),
        modelGzip: asBuffer(snapshot.modelGzip),
      });
      return { created: saved.created, snapshot: toSummary(saved.row) };
    },

    list: (request = {}) => page(request.first ?? DEFAULT_PAGE_SIZE, request.after),

    async get(ref) {
      const row = await resolve(ref);
      return row ? toSummary(row) : undefined;
    },

    resolve,

    catalogueVersion: () => store.catalogue.version(),

    async document(ref) {
      const row = await resolve(ref);
      const doc = row ? await store.document(row.id) : undefined;
      if (!doc) throw unknownSnapshot(ref);
      return { contentType: doc.contentType, body: await gunzipAsync(doc.bodyGzip) };
    },

    async delete(id) {
      if (!(await store.delete(id))) throw unknownSnapshot(id);
    },

    async loadModelJson(id) {
      const gz = await store.model(id);
      if (!gz) throw unknownSnapshot(id);
      return gunzipText(gz);
    },

    count: () => store.count(),
  };
}
