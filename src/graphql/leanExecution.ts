/**
 * The lean path: a POST of a document Apollo has already accepted is answered without Apollo's request
 * pipeline. Apollo's own work per request (request parsing, document-store lookups, validation-cache keys,
 * about a dozen plugin hooks, result formatting) costs several times a trivial route before a field is
 * resolved, more than the compiled answer itself. What that pipeline decides about a document (it parses,
 * passes validation with graphql-armor's limits and the queries-only rule, names one query operation) does
 * not change from one request to the next, so the first request with that document goes through Apollo and,
 * if Apollo answers it without any error, the parsed operation and its graphql-jit compilation are kept
 * here, keyed by the exact query text and operation name. A later POST with the same text is authenticated
 * and shed like any other (Fastify's hooks, before this runs), then: its variables are coerced, the engine
 * evaluations it asks for are counted with those variables (a sweep's points), the response cache is
 * consulted, and the compiled operation runs with the context Apollo would build. Only a clean result is
 * written here, in the bytes and headers Apollo writes; everything else (GET, batches, persisted queries,
 * unknown documents, bad variables, an operation over budget, a result with an error, an `Accept` value
 * not yet negotiated by Apollo) is handed to Apollo, which answers it exactly as it always has: a result
 * with errors is handed over with the request, so Apollo formats it without running the operation again.
 * Resolvers stay the same thin adapters over the service layer; nothing here computes policy.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  OperationTypeNode,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import type { Counter, Histogram } from 'prom-client';
import { apolloGetVariableValues } from './apolloGraphQLError.js';
import type { CompiledExecution } from './compiledExecution.js';
import type { GraphQLContext } from './context.js';
import { evaluationCounter, fragmentsOf } from './evaluationBudget.js';
import { operationLabel, recordOperation } from './requestLogging.js';
import { responseCacheKey, type CatalogueVersionSource, type ResponseCache } from './responseCache.js';

/**
 * Distinct documents kept compiled. Portals, the bot and CI send a handful of fixed documents (the
 * variables change, not the text); a client generating documents only pushes the oldest ones back to Apollo.
 */
export const MAX_ACCEPTED_OPERATIONS = 1_000;
/** Distinct `Accept` values whose negotiated media type is remembered (each learned from Apollo's answer). */
const MAX_ACCEPT_VALUES = 64;
/** graphql-js's own default, as in compiledExecution.ts: every bad variable of a real query. */
const MAX_VARIABLE_ERRORS = 50;
const HTTP_OK = 200;
/** The only media type of a POST body Apollo parses as a GraphQL request (CSRF prevention passes it). */
const JSON_MEDIA_TYPE = 'application/json';
/** What a POST body may hold to be answered here; anything else (`extensions`…) is Apollo's to judge. */
const LEAN_BODY_KEYS: ReadonlySet<string> = new Set(['query', 'operationName', 'variables']);

interface AcceptedOperation {
  readonly compiled: CompiledQuery;
  readonly operation: OperationDefinitionNode;
  /** The engine evaluations the operation asks for with the given variables. */
  readonly evaluations: (variables: Readonly<Record<string, unknown>>) => number;
  /** The operation's label in the latency histogram. */
  readonly label: string;
  /** The name Apollo logs the operation under (the operation's own name). */
  readonly loggedName: string | null;
}

interface LeanRequest {
  readonly query: string;
  readonly operationName: string | undefined;
  readonly variables: Readonly<Record<string, unknown>> | undefined;
}

export interface LeanExecutionOptions {
  readonly execution: Pick<CompiledExecution, 'schema' | 'compiledFor'>;
  readonly maxEvaluations: number;
  readonly context: (request: FastifyRequest) => GraphQLContext;
  readonly operationMetrics?: Histogram<'operation' | 'outcome'>;
  readonly responseCache?: {
    readonly cache: ResponseCache;
    readonly catalogue: CatalogueVersionSource;
    readonly events?: Counter<'event'>;
  };
}

export interface LeanExecution {
  /** The Apollo plugin that keeps each document Apollo answered without an error. */
  readonly plugin: ApolloServerPlugin<GraphQLContext>;
  /**
   * Answers `request` and returns the body written, or returns undefined with `reply` untouched (then
   * Apollo answers it, given `handedOver(request)` as the result already computed, if any).
   */
  answer(request: FastifyRequest, reply: FastifyReply): Promise<string | undefined>;
  /** The result the lean path computed for a request it handed to Apollo. */
  handedOver(request: FastifyRequest): ExecutionResult | undefined;
  /** Remembers the media type Apollo negotiated for the request's `Accept` value. */
  learn(request: FastifyRequest, reply: FastifyReply): void;
}

const operationKey = (query: string, operationName: string | undefined): string =>
  JSON.stringify([query, operationName ?? null]);

/** Apollo reads `Accept` as one string, and treats an empty one as absent. */
const acceptKey = (request: FastifyRequest): string => request.headers.accept ?? '';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isJsonBody(request: FastifyRequest): boolean {
  const type = request.headers['content-type'];
  return typeof type === 'string' && type.split(';', 1)[0]?.trim().toLowerCase() === JSON_MEDIA_TYPE;
}

/** The request as Apollo would read it from a POST, or undefined where Apollo should judge it. */
function leanRequestOf(request: FastifyRequest): LeanRequest | undefined {
  if (request.method !== 'POST' || !isJsonBody(request)) return undefined;
  const body: unknown = request.body;
  if (!isRecord(body)) return undefined;
  for (const key of Object.keys(body)) if (!LEAN_BODY_KEYS.has(key)) return undefined;
  const { query, operationName, variables } = body;
  if (typeof query !== 'string') return undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string')
    return undefined;
  if (variables !== undefined && variables !== null && !isRecord(variables)) return undefined;
  return {
    query,
    operationName: operationName ?? undefined,
    variables: variables ?? undefined,
  };
}

export function createLeanExecution(options: LeanExecutionOptions): LeanExecution {
  const { execution, maxEvaluations, context, operationMetrics, responseCache } = options;
  const schema: GraphQLSchema = execution.schema;
  const root = schema.getQueryType();
  const accepted = new LRUCache<string, AcceptedOperation>({ max: MAX_ACCEPTED_OPERATIONS });
  const mediaTypes = new LRUCache<string, string>({ max: MAX_ACCEPT_VALUES });
  const handed = new WeakMap<FastifyRequest, ExecutionResult>();

  const keep = (request: LeanRequest, document: DocumentNode, operation: OperationDefinitionNode): void => {
    const key = operationKey(request.query, request.operationName);
    if (accepted.has(key)) return;
    const compiled = execution.compiledFor(document, request.operationName);
    if (!isCompiledQuery(compiled)) return;
    if (root === null || root === undefined) return;
    accepted.set(key, {
      compiled,
      operation,
      evaluations: evaluationCounter(schema, root, operation.selectionSet, fragmentsOf(document)),
      label: operationLabel(operation),
      loggedName: operation.name?.value ?? null,
    });
  };

  const plugin: ApolloServerPlugin<GraphQLContext> = {
    requestDidStart() {
      return Promise.resolve({
        willSendResponse({ request, document, operation, response }) {
          const clean =
            response.body.kind === 'single' &&
            response.body.singleResult.errors === undefined &&
            (response.http.status ?? HTTP_OK) === HTTP_OK;
          if (
            clean &&
            request.http?.method === 'POST' &&
            request.extensions === undefined &&
            typeof request.query === 'string' &&
            document !== undefined &&
            operation?.operation === OperationTypeNode.QUERY
          ) {
            keep(
              { query: request.query, operationName: request.operationName, variables: undefined },
              document,
              operation,
            );
          }
          return Promise.resolve();
        },
      });
    },
  };

  return {
    plugin,
    handedOver: (request) => handed.get(request),
    learn(request, reply) {
      const type = reply.getHeader('content-type');
      if (request.method === 'POST' && reply.statusCode === HTTP_OK && typeof type === 'string')
        mediaTypes.set(acceptKey(request), type);
    },
    async answer(request, reply) {
      const startedMs = performance.now();
      const lean = leanRequestOf(request);
      if (lean === undefined) return undefined;
      const mediaType = mediaTypes.get(acceptKey(request));
      const entry = accepted.get(operationKey(lean.query, lean.operationName));
      if (mediaType === undefined || entry === undefined) return undefined;
      const variables = lean.variables ?? {};
      // Apollo's order: the evaluation budget (at didResolveOperation), then the response cache, then the
      // variables' coercion (in the executor). Any refusal is Apollo's to word, so the order of the checks
      // here only decides how early a refused request is handed over.
      const definitions = entry.operation.variableDefinitions ?? [];
      if (
        definitions.length > 0 &&
        apolloGetVariableValues(schema, definitions, variables, { maxErrors: MAX_VARIABLE_ERRORS }).errors
      )
        return undefined;
      if (entry.evaluations(variables) > maxEvaluations) return undefined;
      const contextValue = context(request);
      const version = responseCache?.catalogue.current();
      const cacheKey = version === undefined ? '' : responseCacheKey(lean);
      const hit = version === undefined ? undefined : responseCache?.cache.get(cacheKey, version);
      let result: ExecutionResult;
      if (hit === undefined) {
        try {
          result = await entry.compiled.query(undefined, contextValue, variables);
        } catch {
          // graphql-jit turns resolver failures into errors; anything thrown past it is Apollo's to answer.
          return undefined;
        }
        if (result.errors !== undefined) {
          handed.set(request, result);
          return undefined;
        }
      } else {
        contextValue.cached = true;
        result = hit.result as ExecutionResult;
      }
      // What Apollo sends: its field order (errors, data, extensions), compact JSON (stringifyResult).
      const sent = {
        // graphql-jit always sets `data` on a result without errors.
        data: result.data ?? null,
        ...(result.extensions === undefined ? {} : { extensions: result.extensions }),
      };
      const body = JSON.stringify(sent);
      if (responseCache !== undefined && version !== undefined) {
        responseCache.events?.inc({ event: hit === undefined ? 'miss' : 'hit' });
        if (hit === undefined)
          responseCache.cache.set(cacheKey, version, { result: sent, size: body.length });
      }
      recordOperation(operationMetrics, contextValue, {
        label: entry.label,
        operationName: entry.loggedName,
        elapsedMs: performance.now() - startedMs,
        errorCodes: [],
        cached: contextValue.cached,
        lean: true,
      });
      void reply.code(HTTP_OK).header('content-type', mediaType);
      return body;
    },
  };
}
