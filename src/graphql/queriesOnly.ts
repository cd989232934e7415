/**
 * The schema defines queries only: a mutation or subscription is the client's mistake, refused at
 * validation (400 GRAPHQL_VALIDATION_FAILED) rather than reaching execution, where graphql-js reports it as
 * an internal error ("Schema is not configured to execute mutation operation").
 */
import { OperationTypeNode, type ValidationRule } from 'graphql';
import { ApolloGraphQLError } from './apolloGraphQLError.js';

export const queriesOnly: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation === OperationTypeNode.QUERY) return;
    context.reportError(
      new ApolloGraphQLError(
        `Spillway answers queries only; ${node.operation} operations are not part of its schema.`,
        { nodes: node },
      ),
    );
  },
});
