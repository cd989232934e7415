/**
 * Whole GraphQL results for repeated questions, as one Apollo plugin inside the request path: the request
 * is authenticated (before its body is read), parsed, validated and logged exactly as any other, and only
 * the execution is skipped on a hit. Portals and the bot ask the same questions of the same snapshot again
 * and again, and a snapshot never changes once stored: an answer stays true until the catalogue moves (a
 * snapshot added or deleted can move a name or `latest`). So each result is kept with the catalogue version
 * it was computed under and served only while that version holds; any other version empties the cache.
 * Only queries answered without any error are kept, keyed by what shapes the result: the query text, the
 * operation name and the variables.
 */
import type { ApolloServerPlugin, GraphQLRequest } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import { OperationTypeNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Counter } from 'prom-client';
import type { GraphQLContext } from './context.js';

/**
 * Where the cache learns that what a reference means may have changed: any opaque token that moves whenever
 * a snapshot is added or deleted anywhere (this process, or another replica on the same database).
 */
export interface CatalogueVersionSource {
  current(): string;
}

export interface CachedResult {
  readonly result: FormattedExecutionResult;
  /** The result's size as JSON, in UTF-16 code units: what the byte budget counts. */
  readonly size: number;
}

export interface ResponseCache {
  /** The result stored for `key` under the catalogue `version`, if any. */
  get(key: string, version: string): CachedResult | undefined;
  /** Keeps a result computed under `version`; dropped if the catalogue has moved on since. */
  set(key: string, version: string, entry: CachedResult): void;
  /** Bytes held, as counted against the budget. */
  readonly bytes: number;
}

/** What one entry costs beyond its strings (LRU links, the entry object), in bytes. */
const ENTRY_OVERHEAD_BYTES = 256;
/** V8 strings hold up to two bytes per UTF-16 code unit; count the worst case. */
const BYTES_PER_CODE_UNIT = 2;
/** A result object takes several times the bytes of its JSON text in V8's heap. */
const OBJECT_BYTES_PER_JSON_CODE_UNIT = 4;

/** A response cache holding at most `maxBytes`; undefined when the budget is 0 (turned off). */
export function createResponseCache(maxBytes: number): ResponseCache | undefined {
  if (maxBytes <= 0) return undefined;
  const entries = new LRUCache<string, CachedResult>({
    maxSize: maxBytes,
    sizeCalculation: (entry, key) =>
      ENTRY_OVERHEAD_BYTES + BYTES_PER_CODE_UNIT * key.length + OBJECT_BYTES_PER_JSON_CODE_UNIT * entry.size,
  });
  let current: string | undefined;
  return {
    get(key, version) {
      if (version !== current) {
        entries.clear();
        current = version;
        return undefined;
      }
      return entries.get(key);
    },
    set(key, version, entry) {
      // Computed while the catalogue changed under it: what it resolved may already be stale.
      if (version !== current) return;
      entries.set(key, entry);
    },
    get bytes() {
      return entries.calculatedSize;
    },
  };
}

/** The cache key of a request: everything in it that shapes the result. */
export function responseCacheKey(request: {
  readonly query?: string | undefined;
  readonly operationName?: string | undefined;
  readonly variables?: GraphQLRequest['variables'] | undefined;
}): string {
  return JSON.stringify([request.query ?? '', request.operationName ?? null, request.variables ?? null]);
}

export interface ResponseCachePluginOptions {
  readonly cache: ResponseCache;
  readonly catalogue: CatalogueVersionSource;
  /** Hits and misses (Prometheus). */
  readonly events?: Counter<'event'>;
}

/** Serves a repeated query from `cache` and keeps each query answered without an error. */
export function responseCachePlugin(options: ResponseCachePluginOptions): ApolloServerPlugin<GraphQLContext> {
  const { cache, catalogue, events } = options;
  return {
    requestDidStart() {
      let pending: { key: string; version: string } | undefined;
      return Promise.resolve({
        responseForOperation({ request, operation, contextValue, response }) {
          if (operation.operation !== OperationTypeNode.QUERY) return Promise.resolve(null);
          const key = responseCacheKey(request);
          const version = catalogue.current();
          const hit = cache.get(key, version);
          events?.inc({ event: hit === undefined ? 'miss' : 'hit' });
          if (hit === undefined) {
            pending = { key, version };
            return Promise.resolve(null);
          }
          contextValue.cached = true;
          return Promise.resolve({ http: response.http, body: { kind: 'single', singleResult: hit.result } });
        },
        willSendResponse({ response }) {
          if (pending === undefined || response.body.kind !== 'single') return Promise.resolve();
          const result = response.body.singleResult;
          if (result.errors === undefined) {
            cache.set(pending.key, pending.version, { result, size: JSON.stringify(result).length });
          }
          return Promise.resolve();
        },
      });
    },
  };
}
