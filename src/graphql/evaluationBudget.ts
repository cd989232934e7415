/**
 * What an operation costs the engine, counted before anything runs, and refused past a budget. graphql-armor's
 * cost limit weighs fields by shape, not by work: an alias of `whatIf` costs it a few points but the engine
 * a full evaluation, and one `sweep` may ask for two hundred. Here every expensive field counts each time it
 * is selected (aliases and repeated fragments included) and a sweep counts its points, so a few readers
 * cannot keep the event loop busy enough to shed everyone else.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { MAX_SWEEP_POINTS, sweepPointCount } from '../engine/index.js';
import { ApolloGraphQLError, nodeGraphql } from './apolloGraphQLError.js';
import type { GraphQLContext } from './context.js';

/** Evaluations each field costs wherever it is selected (`Type.field`); `WhatIf.sweep` counts its points. */
export const FIELD_EVALUATIONS: Readonly<Record<string, number>> = {
  'Query.effectivePolicy': 1,
  // Baseline and scenario.
  'Query.whatIf': 2,
  'Query.analyze': 1,
};
const SWEEP_FIELD = 'WhatIf.sweep';
/** The sweep's schema defaults (schema/whatif.graphql), for arguments left out. */
const SWEEP_DEFAULTS = { from: 1, to: 3, step: 0.25 } as const;

type Variables = Readonly<Record<string, unknown>>;

// The schema's types come from the copy of `graphql` Apollo loads; its checks must come from the same copy.
const { getNamedType, isObjectType } = nodeGraphql;

function numberArgument(value: ValueNode | undefined, variables: Variables, fallback: number): number {
  if (value === undefined) return fallback;
  if (value.kind === Kind.FLOAT || value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const given = variables[value.name.value];
    return typeof given === 'number' ? given : fallback;
  }
  return fallback;
}

/** Evaluations an operation's selections ask for, fragments expanded at each use. */
export function countEvaluations(
  schema: GraphQLSchema,
  root: GraphQLObjectType,
  selectionSet: SelectionSetNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  variables: Variables,
): number {
  let total = 0;
  // Depth is bounded by validation (graphql-armor's maxDepth) and fragment cycles are refused by it.
  const visit = (type: GraphQLObjectType, selections: SelectionSetNode): void => {
    for (const selection of selections.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const key = `${type.name}.${name}`;
        if (key === SWEEP_FIELD) {
          const argument = (argName: keyof typeof SWEEP_DEFAULTS): number =>
            numberArgument(
              selection.arguments?.find((a) => a.name.value === argName)?.value,
              variables,
              SWEEP_DEFAULTS[argName],
            );
          // A sweep its resolver refuses (no points, or more than it takes) costs no evaluation.
          const points = sweepPointCount(argument('from'), argument('to'), argument('step')) ?? 0;
          total += points <= MAX_SWEEP_POINTS ? points : 0;
        } else total += FIELD_EVALUATIONS[key] ?? 0;
        const field = type.getFields()[name];
        const fieldType = field === undefined ? undefined : getNamedType(field.type);
        if (selection.selectionSet !== undefined && isObjectType(fieldType))
          visit(fieldType, selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition?.name.value;
        const fragmentType = condition === undefined ? type : schema.getType(condition);
        if (isObjectType(fragmentType)) visit(fragmentType, selection.selectionSet);
      } else {
        const fragment = fragments[selection.name.value];
        const fragmentType =
          fragment === undefined ? undefined : schema.getType(fragment.typeCondition.name.value);
        if (fragment !== undefined && isObjectType(fragmentType)) visit(fragmentType, fragment.selectionSet);
      }
    }
  };
  visit(root, selectionSet);
  return total;
}

/**
 * `countEvaluations` of one operation, for many requests: walked once, and again per request only when the
 * count reads a variable (a sweep's bounds given as variables); otherwise the count is fixed.
 */
export function evaluationCounter(
  schema: GraphQLSchema,
  root: GraphQLObjectType,
  selectionSet: SelectionSetNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
): (variables: Variables) => number {
  let readsVariables = false;
  const probe = new Proxy<Variables>(
    {},
    {
      get: () => {
        readsVariables = true;
        return undefined;
      },
    },
  );
  const fixed = countEvaluations(schema, root, selectionSet, fragments, probe);
  return readsVariables
    ? (variables) => countEvaluations(schema, root, selectionSet, fragments, variables)
    : () => fixed;
}

/** The fragments of a document by name, for `countEvaluations`. */
export function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return fragments;
}

/** Refuses (400 GRAPHQL_VALIDATION_FAILED, `extensions.limit` MAX_EVALUATIONS) an operation over `max`. */
export function evaluationBudgetPlugin(max: number): ApolloServerPlugin<GraphQLContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ operation, document, request, schema }) {
          const root = schema.getQueryType();
          if (root === null || root === undefined || operation === undefined) return Promise.resolve();
          const evaluations = countEvaluations(
            schema,
            root,
            operation.selectionSet,
            fragmentsOf(document),
            request.variables ?? {},
          );
          if (evaluations <= max) return Promise.resolve();
          return Promise.reject(
            new ApolloGraphQLError(
              `The operation asks for ${evaluations} engine evaluations (answers, aliases and sweep points); the limit is ${max}. Split it into several requests.`,
              {
                extensions: {
                  code: 'GRAPHQL_VALIDATION_FAILED',
                  limit: 'MAX_EVALUATIONS',
                  evaluations,
                  http: { status: 400 },
                },
              },
            ),
          );
        },
      });
    },
  };
}
