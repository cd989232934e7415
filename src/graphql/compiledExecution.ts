/**
 * Compiled execution behind Apollo: graphql-jit turns each validated operation into a function once, and
 * every later request of the same document runs that function instead of graphql-js walking the query and
 * the schema again (type checks, field collection, argument coercion per field). Apollo still parses,
 * validates (with graphql-armor's limits), runs the plugins and formats the errors; only execution changes.
 *
 * Apollo lets an executor in only through its gateway interface, so the schema is built here (as Apollo would
 * from the SDL and resolvers) and handed over once, never updated.
 */
import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import {
  print,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLError,
  type GraphQLSchema,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { ApolloGraphQLError, apolloGetVariableValues } from './apolloGraphQLError.js';
import type { GraphQLContext } from './context.js';

type Gateway = ApolloServerOptionsWithGateway<GraphQLContext>['gateway'];
type Compiled = CompiledQuery | ExecutionResult;

/** graphql-js's own default: enough to show a client every bad variable of a real query. */
const MAX_VARIABLE_ERRORS = 50;

/**
 * graphql-jit's errors are frozen look-alikes without `extensions` unless the cause had some; Apollo's error
 * formatting and graphql-armor's plugins expect graphql-js errors (they read `extensions.code` and rewrite
 * messages), so each becomes one, keeping its message, path, locations, extensions and cause.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  const converted = new ApolloGraphQLError(error.message, {
    ...(error.path === undefined ? {} : { path: error.path }),
    ...(error.originalError == null ? {} : { originalError: error.originalError }),
    ...(error.extensions === undefined ? {} : { extensions: error.extensions }),
  });
  // The field nodes are not kept by graphql-jit, only their locations; graphql-js serialises `locations`.
  return error.locations === undefined ? converted : Object.assign(converted, { locations: error.locations });
}

/** The key of an operation without a name (a document with exactly one operation). */
const UNNAMED = '';

/**
 * One compiled function per document and operation name. Apollo hands the same DocumentNode object for the
 * same query text while its document store holds it, so the WeakMap forgets a compilation with its document.
 */
export function createCompiledExecutor(
  schema: GraphQLSchema,
): (document: DocumentNode, operationName: string | undefined) => Compiled {
  const compiled = new WeakMap<DocumentNode, Map<string, Compiled>>();
  return (document, operationName) => {
    let byName = compiled.get(document);
    if (byName === undefined) {
      byName = new Map();
      compiled.set(document, byName);
    }
    const key = operationName ?? UNNAMED;
    let entry = byName.get(key);
    if (entry === undefined) {
      // Stack traces of resolver errors are not sent to clients (formatError masks them); capturing them costs.
      entry = compileQuery(schema, document, operationName, { disablingCapturingStackErrors: true });
      byName.set(key, entry);
    }
    return entry;
  };
}

export interface CompiledExecution {
  /** What Apollo is given: the schema, and an executor that runs each operation compiled. */
  readonly gateway: Gateway;
  /** The executable schema (built with the `graphql` copy Apollo loads). */
  readonly schema: GraphQLSchema;
  /** The compiled operation of a document Apollo accepted, shared with the gateway's executor. */
  readonly compiledFor: (document: DocumentNode, operationName: string | undefined) => Compiled;
}

/** A gateway that serves one fixed schema and executes every operation through graphql-jit. */
export function createCompiledExecution(
  typeDefs: DocumentNode,
  resolvers: Parameters<typeof makeExecutableSchema<GraphQLContext>>[0]['resolvers'],
): CompiledExecution {
  const schema = makeExecutableSchema<GraphQLContext>({ typeDefs, ...(resolvers ? { resolvers } : {}) });
  const compiledFor = createCompiledExecutor(schema);
  return { gateway: gatewayFor(typeDefs, schema, compiledFor), schema, compiledFor };
}

function gatewayFor(
  typeDefs: DocumentNode,
  schema: GraphQLSchema,
  compiledFor: CompiledExecution['compiledFor'],
): Gateway {
  const listeners = new Set<Parameters<Gateway['onSchemaLoadOrUpdate']>[0]>();
  return {
    // Apollo takes the schema from the load-or-update callback and the executor from load's answer.
    load: () => {
      for (const listener of listeners) listener({ apiSchema: schema, coreSupergraphSdl: print(typeDefs) });
      return Promise.resolve({
        executor: async (request) => {
          const variables = request.request.variables ?? {};
          // graphql-js coerces the variables first, so a bad one is refused in its words, with the variable's
          // node, which is what Apollo needs to answer 400 (BAD_USER_INPUT) rather than 200.
          const definitions = request.operation.variableDefinitions ?? [];
          if (definitions.length > 0) {
            const coerced = apolloGetVariableValues(schema, definitions, variables, {
              maxErrors: MAX_VARIABLE_ERRORS,
            });
            if (coerced.errors) return { errors: coerced.errors };
          }
          // The lean path already ran this very operation with these variables and handed Apollo its result
          // (one with errors) to answer in Apollo's own words: it is not run a second time.
          const precomputed = (request.context as Partial<GraphQLContext>).precomputed;
          const compiled = compiledFor(request.document, request.operationName ?? undefined);
          // A document graphql-jit cannot run (an unknown operation name) comes back as errors, like execute.
          const result =
            precomputed ??
            (isCompiledQuery(compiled)
              ? await compiled.query(undefined, request.context, variables)
              : compiled);
          return result.errors === undefined
            ? result
            : { ...result, errors: result.errors.map(asGraphQLError) };
        },
      });
    },
    // Called once, at load: the schema never changes afterwards.
    onSchemaLoadOrUpdate: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () => Promise.resolve(),
  };
}
