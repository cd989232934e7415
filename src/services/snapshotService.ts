/**
 * Snapshot use cases: upload (parse → validate → normalize → store whole or not at all), list, read, delete.
 * REST, GraphQL and Slack all reach snapshots through here.
 */
import { createHash, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { Config } from '../config.js';
import type { SnapshotRepository, SnapshotRow } from '../db/repositories/snapshotRepository.js';
import { PROFILES, type Profile } from '../engine/model/meshModel.js';
import { AppError } from '../errors/appError.js';
import { parseUpload } from '../ingest/index.js';
import type { SnapshotPage, SnapshotService, SnapshotSummary } from './types.js';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** Fast compression: uploads are large and stored once; level 1 keeps ingest close to parse time. */
const GZIP_LEVEL = 1;
const SNAPSHOT_ID_RANDOM_CHARS = 20;
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export type UploadContentType = 'application/yaml' | 'application/json';

export interface UploadRequest {
  readonly body: Buffer;
  readonly contentType: UploadContentType;
  readonly params: { readonly name?: string; readonly cluster?: string; readonly network?: string; readonly profile?: string };
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

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function createSnapshotService(repo: SnapshotRepository, config: Config, onDelete: (id: string) => void): SnapshotAdminService {
  const resolve = (ref: string): SnapshotRow | undefined => {
    if (ref === 'latest') return repo.findNewest();
    return repo.findById(ref) ?? repo.findNewestByName(ref);
  };

  return {
    async upload(request) {
      if (request.params.profile !== undefined && !PROFILES.includes(request.params.profile as Profile)) {
        throw new AppError('INVALID_UPLOAD', `Unknown profile "${request.params.profile}".`, {
          problems: [{ pointer: '', code: 'INVALID_PARAMETER', message: `profile must be one of ${PROFILES.join(', ')}` }],
        });
      }
      let text: string;
      try {
        text = utf8.decode(request.body);
      } catch {
        throw new AppError('INVALID_UPLOAD', 'The body is not UTF-8 text.', {
          problems: [{ pointer: '', code: 'BINARY_INPUT', message: 'The body is not valid UTF-8; upload YAML or JSON text.' }],
        });
      }
      const parsed = parseUpload(
        { body: text, contentType: request.contentType, params: request.params },
        { maxDocuments: config.upload.maxDocuments, maxDepth: config.upload.maxDepth, maxAliasCount: config.upload.maxAliasCount },
      );
      if (!parsed.ok) {
        const code = parsed.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'INVALID_UPLOAD';
        throw new AppError(code, `The snapshot was rejected with ${parsed.problems.length} problem(s); nothing was stored.`, {
          problems: parsed.problems,
        });
      }
      const { snapshot } = parsed;
      const contentHash = createHash('sha256')
        .update(request.body)
        .update('\0')
        .update(JSON.stringify([request.params.cluster ?? '', request.params.network ?? '', snapshot.profile]))
        .digest('hex');
      const existing = repo.findByHash(contentHash);
      if (existing) return { created: false, snapshot: toSummary(existing) };

      const summary: StoredSummary = {
        clusters: snapshot.model.clusters.map((c) => ({ name: c.name, network: c.network })),
        counts: snapshot.counts,
        ignored: snapshot.ignored,
        diagnostics: snapshot.diagnostics,
      };
      const modelJson = Buffer.from(JSON.stringify(snapshot.model));
      const [bodyGzip, modelGzip] = await Promise.all([
        gzipAsync(request.body, { level: GZIP_LEVEL }),
        gzipAsync(modelJson, { level: GZIP_LEVEL }),
      ]);
      // Re-check after the asynchronous compression: a concurrent identical upload may have landed.
      const raced = repo.findByHash(contentHash);
      if (raced) return { created: false, snapshot: toSummary(raced) };
      const row = repo.insert({
        id: `snp_${randomUUID().replaceAll('-', '').slice(0, SNAPSHOT_ID_RANDOM_CHARS)}`,
        name: snapshot.name,
        profile: snapshot.profile,
        contentHash,
        createdAt: new Date().toISOString(),
        summaryJson: JSON.stringify(summary),
        documentBytes: request.body.byteLength,
        modelBytes: modelJson.byteLength,
        contentType: request.contentType,
        bodyGzip,
        modelGzip,
      });
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

    async document(id) {
      const doc = repo.document(id);
      if (!doc) throw new AppError('SNAPSHOT_NOT_FOUND', `No snapshot with id "${id}".`);
      return { contentType: doc.contentType, body: await gunzipAsync(doc.bodyGzip) };
    },

    delete(id) {
      if (!repo.delete(id)) throw new AppError('SNAPSHOT_NOT_FOUND', `No snapshot with id "${id}".`);
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

