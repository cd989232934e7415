/**
 * The GraphQLError class Apollo Server itself uses. `graphql` 16 ships a CommonJS build (`main`) and an ESM
 * build (`module`) without an `exports` map: Node loads the CommonJS one for every importer, but
 * bundler-style resolvers (Vite, hence vitest) hand this project's modules the ESM one. Apollo recognizes a
 * thrown GraphQLError (and its HTTP status) by `instanceof`, so errors given to Apollo are built from the
 * class Node loads, and errors received from Apollo are recognized whichever copy built them.
 */
import { createRequire } from 'node:module';
import { GraphQLError } from 'graphql';
import type * as GraphQLModule from 'graphql';

/** `graphql` as Node loads it, the copy Apollo's schema is built with: its type checks use `instanceof`. */
export const nodeGraphql = createRequire(import.meta.url)('graphql') as typeof GraphQLModule;

export const ApolloGraphQLError: typeof GraphQLError = nodeGraphql.GraphQLError;
/** Variable coercion with the same copy: it checks the schema's types (built by Apollo's copy) by `instanceof`. */
export const apolloGetVariableValues: typeof GraphQLModule.getVariableValues = nodeGraphql.getVariableValues;

export function isGraphQLError(error: unknown): error is GraphQLError {
  return error instanceof GraphQLError || error instanceof ApolloGraphQLError;
}
