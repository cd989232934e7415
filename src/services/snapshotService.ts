/**
 * Snapshot use cases: upload (parse → validate → normalize → store whole or not at all), list, read, delete.
 * REST, GraphQL and Slack all reach snapshots through here.
 */
import { createHash, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { Config } from '../config.js';
import type { SnapshotRepository, SnapshotRow } from '../db/repositories/snapshotRepository.js';
import type { Profile } from '../engine/index.js';
import { AppError } from '../errors/appError.js';
import type { UploadParser } from './uploadParser.js';
import type { SnapshotPage, SnapshotService, SnapshotSummary } from './types.js';

const gunzipAsync = promisify(gunzip);

const asBuffer = (bytes: Uint8Array): Buffer =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const SNAPSHOT_ID_RANDOM_CHARS = 20;
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
/** Distinct snapshot references remembered between writes. */
const MAX_MEMOIZED_REFS = 10_000;

export type UploadContentType = 'application/yaml' | 'application/json';

export interface UploadRequest {
  readonly body: Buffer;
  readonly contentType: UploadContentType;
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
  document(id: string): Promise<{ contentType: string; body: Buffer }>;
  delete(id: string): void;
  /** Resolves an id, a name (newest version) or `latest` to a stored row. */
  resolve(ref: string): SnapshotRow | undefined;
  loadModelJson(id: string): Promise<string>;
  count(): number;
}

interface StoredSummary {
  readonly clusters: SnapshotSummary['clusters'];
  readonly counts: SnapshotSummary['counts'];
  readonly ignored: SnapshotSummary['ignored'];
  readonly diagnostics: SnapshotSummary['diagnostics'];
}

function toSummary(row: SnapshotRow): SnapshotSummary {
  const stored = JSON.parse(row.summaryJson) as StoredSummary;
  return {
    id: row.id,
    name: row.name,
    profile: row.profile as Profile,
    contentHash: row.contentHash,
    createdAt: row.createdAt,
    ...stored,
  };
}

const encodeCursor = (seq: number): string => Buffer.from(`seq:${seq}`).toString('base64url');
function decodeCursor(cursor: string): number {
  const match = /^seq:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (match?.[1] === undefined) throw new AppError('INVALID_REQUEST', 'The pagination cursor is not valid.');
  return Number(match[1]);
}

export function createSnapshotService(
  repo: SnapshotRepository,
  config: Config,
  parser: UploadParser,
  onDelete: (id: string) => void,
): SnapshotAdminService {
  // What a reference means changes only when a snapshot is added or deleted: by this process (counted
  // here, because SQLite's data_version ignores a connection's own commits) or by another process on the
  // same file (data_version moves). Both together name the catalogue's current state.
  let ownWrites = 0;
  const catalogueVersion = (): string => `${ownWrites}:${repo.dataVersion()}`;
  // Every query resolves its snapshot reference, so lookups are memoized until the catalogue changes.
  const resolved = new Map<string, SnapshotRow | undefined>();
  let seenVersion = catalogueVersion();
  const resolve = (ref: string): SnapshotRow | undefined => {
    const version = catalogueVersion();
    if (version !== seenVersion) {
      resolved.clear();
      seenVersion = version;
    }
    if (resolved.has(ref)) return resolved.get(ref);
    const row = ref === 'latest' ? repo.findNewest() : (repo.findById(ref) ?? repo.findNewestByName(ref));
    if (resolved.size >= MAX_MEMOIZED_REFS) resolved.clear();
    resolved.set(ref, row);
    return row;
  };

  return {
    async upload(request) {
      // Identity is the bytes plus the parameters that change their meaning (a bundle carries its own
      // profile in the body); a repeat upload is answered before the expensive parse.
      const contentHash = createHash('sha256')
        .update(request.body)
        .update('\0')
        .update(
          JSON.stringify([
            request.params.cluster ?? '',
            request.params.network ?? '',
            request.params.profile ?? '',
          ]),
        )
        .digest('hex');
      const existing = repo.findByHash(contentHash);
      if (existing) return { created: false, snapshot: toSummary(existing) };

      const prepared = await parser.prepare(
        { body: request.body, contentType: request.contentType, params: request.params },
        {
          maxDocuments: config.upload.maxDocuments,
          maxDepth: config.upload.maxDepth,
          maxAliasCount: config.upload.maxAliasCount,
        },
      );
      if (!prepared.ok) {
        const code = prepared.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'INVALID_UPLOAD';
        throw new AppError(
          code,
          `The snapshot was rejected with ${prepared.problems.length} problem(s); nothing was stored.`,
          {
            problems: prepared.problems,
          },
        );
      }
      const { snapshot } = prepared;

      const summary: StoredSummary = {
        clusters: snapshot.clusters,
        counts: snapshot.counts,
        ignored: snapshot.ignored,
        diagnostics: snapshot.diagnostics,
      };
      // Re-check after the asynchronous parse: a concurrent identical upload may have landed.
      const raced = repo.findByHash(contentHash);
      if (raced) return { created: false, snapshot: toSummary(raced) };
      const row = repo.insert({
        id: `snp_${randomUUID().replaceAll('-', '').slice(0, SNAPSHOT_ID_RANDOM_CHARS)}`,
        name: snapshot.name,
        profile: snapshot.profile,
        contentHash,
        createdAt: new Date().toISOString(),
        summaryJson: JSON.stringify(summary),
        documentBytes: snapshot.documentBytes,
        modelBytes: snapshot.modelBytes,
        contentType: request.contentType,
        // A worker's buffers arrive as plain Uint8Arrays; wrapped, not copied.
        bodyGzip: asBuffer(snapshot.bodyGzip),
        modelGzip: asBuffer(snapshot.modelGzip),
      });
      ownWrites += 1;
      return { created: true, snapshot: toSummary(row) };
    },

    list(first, after): SnapshotPage {
      const limit = Math.min(Math.max(1, Math.trunc(first)), MAX_PAGE_SIZE);
      const rows = repo.list(limit + 1, after === undefined ? undefined : decodeCursor(after));
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(toSummary),
        ...(rows.length > limit && last ? { nextCursor: encodeCursor(last.seq) } : {}),
      };
    },

    get(ref) {
      const row = resolve(ref);
      return row ? toSummary(row) : undefined;
    },

    resolve,

    catalogueVersion,

    async document(id) {
      const doc = repo.document(id);
      if (!doc) throw new AppError('SNAPSHOT_NOT_FOUND', `No snapshot with id "${id}".`);
      return { contentType: doc.contentType, body: await gunzipAsync(doc.bodyGzip) };
    },

    delete(id) {
      if (!repo.delete(id)) throw new AppError('SNAPSHOT_NOT_FOUND', `No snapshot with id "${id}".`);
      ownWrites += 1;
      onDelete(id);
    },

    async loadModelJson(id) {
      const gz = repo.model(id);
      if (!gz) throw new AppError('SNAPSHOT_NOT_FOUND', `No snapshot with id "${id}".`);
      return (await gunzipAsync(gz)).toString('utf8');
    },

    count: () => repo.count(),
  };
}
