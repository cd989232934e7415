/**
 * Query limits (graphql-armor): depth, cost, aliases and directives, from configuration. A rejected query
 * answers 400 GRAPHQL_VALIDATION_FAILED with `extensions.limit` naming the limit it broke, so clients can
 * tell "too deep" from "too costly" without parsing messages.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { Config } from '../config.js';
import { ApolloGraphQLError } from './apolloGraphQLError.js';

type ArmorConfig = NonNullable<ConstructorParameters<typeof ApolloArmor>[0]>;
type RejectCallback = NonNullable<NonNullable<ArmorConfig['maxDepth']>['onReject']>[number];

export type QueryLimit = 'MAX_DEPTH' | 'MAX_COST' | 'MAX_ALIASES' | 'MAX_DIRECTIVES';

/** Directives have no use in this schema beyond @include/@skip; a few per query is plenty. */
export const MAX_DIRECTIVES = 20;

const reportAs =
  (limit: QueryLimit): RejectCallback =>
  (context, error) => {
    context?.reportError(new ApolloGraphQLError(error.message, { extensions: { limit } }));
  };

/** Validation-rule limits report through the validation context, so Apollo answers 400 instead of 500. */
const rejectWith = (limit: QueryLimit) => ({ propagateOnRejection: false, onReject: [reportAs(limit)] });

export type ArmorProtection = ReturnType<ApolloArmor['protect']>;

export function createArmor(limits: Config['graphql']): ArmorProtection {
  return new ApolloArmor({
    maxDepth: {
      n: limits.maxDepth,
      flattenFragments: false,
      ignoreIntrospection: true,
      ...rejectWith('MAX_DEPTH'),
    },
    costLimit: { maxCost: limits.maxCost, ignoreIntrospection: true, ...rejectWith('MAX_COST') },
    maxAliases: { n: limits.maxAliases, ...rejectWith('MAX_ALIASES') },
    maxDirectives: { n: MAX_DIRECTIVES, ...rejectWith('MAX_DIRECTIVES') },
    // Tokens are limited by graphql-js's own parser (`parseOptions.maxTokens` in plugin.ts): armor's token
    // plugin throws from a plugin hook, which Apollo answers with 500 instead of 400.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  }).protect();
}
