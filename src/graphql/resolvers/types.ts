/**
 * Resolver signatures, typed from the answer shapes the SDL mirrors. The contract test
 * (`test/contract/graphqlSchema.test.ts`) checks these maps and the answer types against `schema/` both ways.
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { FailureKind, OverloadInput, Profile, WhatIf } from '../../engine/index.js';
import type { WhatIfQuery } from '../../services/types.js';
import type { GraphQLContext } from '../context.js';

export type Resolver<Parent, Args, Result> = (
  parent: Parent,
  args: Args,
  context: GraphQLContext,
  info: GraphQLResolveInfo,
) => Result | Promise<Result>;

/** GraphQL passes `null` for an explicit null and omits absent arguments. */
export type Nullable<T> = T | null | undefined;

export interface PolicyArgs {
  readonly snapshot: string;
  readonly client: string;
  readonly backend: string;
  readonly profile?: Nullable<Profile>;
}

export interface ScenarioInput {
  readonly ejectEndpoints?: Nullable<readonly string[]>;
  readonly failure?: Nullable<FailureKind>;
  readonly loadFactor?: Nullable<number>;
  readonly failLocalities?: Nullable<readonly string[]>;
  readonly overprovisioningFactor?: Nullable<number>;
  readonly utilizationPercent?: Nullable<number>;
  readonly requestsPerSecond?: Nullable<number>;
  readonly latencyMs?: Nullable<number>;
  readonly overload?: Nullable<{
    readonly failsAbovePercent: number;
    readonly as?: Nullable<NonNullable<OverloadInput['as']>>;
  }>;
}

export interface WhatIfArgs extends PolicyArgs {
  readonly scenario: ScenarioInput;
}

/** Key under which a WhatIf answer carries the query that produced it, for `WhatIf.sweep`. */
export const WHAT_IF_QUERY: unique symbol = Symbol('whatIfQuery');

/** A WhatIf answer as the `WhatIf` type's resolvers see it. */
export type WhatIfParent = WhatIf & { readonly [WHAT_IF_QUERY]: WhatIfQuery };
