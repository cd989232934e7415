/**
 * Whole GraphQL responses to repeated questions. Portals and the bot ask the same questions of the same
 * snapshot again and again, and a snapshot never changes once stored: an answer stays true until a snapshot
 * is added or deleted (which can move a name or `latest`). So each response is kept with the catalogue
 * version it was computed under and served only while that version holds; any other version empties the
 * cache. Only successful queries are kept (errors are cheap to recompute and may depend on the caller), keyed
 * by everything that shapes the response bytes: the request body and the Accept header.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyRequest } from 'fastify';
import { OperationTypeNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { GraphQLContext, OperationOutcome } from './context.js';
import { operationLabel } from './requestLogging.js';

export interface CachedResponse {
  readonly body: string;
  readonly contentType: string;
  /** The operation's top-level fields: the label its metrics and log line carry. */
  readonly operation: string;
}

export interface ResponseCache {
  /** The response stored for `key` under the catalogue `version`, if any. */
  get(key: string, version: string): CachedResponse | undefined;
  /** Keeps a response computed under `version`; dropped if the catalogue has moved on since. */
  set(key: string, version: string, response: CachedResponse): void;
  /** Bytes held, as counted against the budget. */
  readonly bytes: number;
}

/** What one entry costs beyond its strings (LRU links, the entry object), in bytes. */
const ENTRY_OVERHEAD_BYTES = 256;
/** V8 strings hold up to two bytes per UTF-16 code unit; count the worst case. */
const BYTES_PER_CODE_UNIT = 2;

/** A response cache holding at most `maxBytes`; undefined when the budget is 0 (turned off). */
export function createResponseCache(maxBytes: number): ResponseCache | undefined {
  if (maxBytes <= 0) return undefined;
  const entries = new LRUCache<string, CachedResponse>({
    maxSize: maxBytes,
    sizeCalculation: (entry, key) =>
      ENTRY_OVERHEAD_BYTES +
      BYTES_PER_CODE_UNIT *
        (key.length + entry.body.length + entry.contentType.length + entry.operation.length),
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
    set(key, version, response) {
      // Computed while the catalogue changed under it: what it resolved may already be stale.
      if (version !== current) return;
      entries.set(key, response);
    },
    get bytes() {
      return entries.calculatedSize;
    },
  };
}

/**
 * The cache key of a request, or undefined when it may not be served from the cache. Only POST bodies are
 * cached: a GET is CSRF-checked on its headers by Apollo, and serving it from here would skip that check.
 */
export function responseCacheKey(request: FastifyRequest): string | undefined {
  if (request.method !== 'POST') return undefined;
  const body = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  return `${request.headers.accept ?? ''}\n${JSON.stringify(body)}`;
}

export const newOperationOutcome = (): OperationOutcome => ({ cacheable: false, operation: 'invalid' });

/** Marks a response cacheable when it answers a query in one piece without any error. */
export function cacheabilityPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        willSendResponse({ contextValue, operation, response }) {
          contextValue.outcome.operation = operationLabel(operation);
          contextValue.outcome.cacheable =
            operation?.operation === OperationTypeNode.QUERY &&
            response.body.kind === 'single' &&
            response.body.singleResult.errors === undefined;
          return Promise.resolve();
        },
      });
    },
  };
}
