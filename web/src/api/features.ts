/**
 * Which optional parts of the schema this service has (api.md "Additions" are added over time). One
 * introspection query answers it where introspection is on (development); where it is off (production),
 * each field is probed under `@skip(if: true)`: the server validates the field against its schema but runs
 * nothing, so the answer is "valid" or a validation error.
 */
import { ApiError, graphql } from './client';
import { FEATURE_PROBES, NO_FEATURES, type Features } from './featureProbes';

export { NO_FEATURES, type Features };

async function probe(query: string): Promise<boolean> {
  try {
    await graphql(query);
    return true;
  } catch (error) {
    // Only a validation failure means "absent"; a refused token must reach the caller.
    if (error instanceof ApiError && error.needsToken) throw error;
    return false;
  }
}

interface TypeFields {
  readonly fields?: readonly { readonly name: string }[] | null;
  readonly inputFields?: readonly { readonly name: string }[] | null;
}

const INTROSPECTION = `{
  scenario: __type(name: "ScenarioInput") { inputFields { name } }
  whatIf: __type(name: "WhatIf") { fields { name } }
  policy: __type(name: "EffectivePolicy") { fields { name } }
  endpoint: __type(name: "EndpointShare") { fields { name } }
  query: __type(name: "Query") { fields { name } }
  sweepHop: __type(name: "SweepHop") { fields { name } }
  sweepPoint: __type(name: "SweepPoint") { fields { name } }
}`;

async function introspect(): Promise<Features | undefined> {
  let types: Record<
    'scenario' | 'whatIf' | 'policy' | 'endpoint' | 'query' | 'sweepHop' | 'sweepPoint',
    TypeFields | null
  >;
  try {
    types = await graphql(INTROSPECTION);
  } catch (error) {
    if (error instanceof ApiError && error.needsToken) throw error;
    return undefined;
  }
  const has = (type: TypeFields | null, name: string): boolean =>
    [...(type?.fields ?? []), ...(type?.inputFields ?? [])].some((f) => f.name === name);
  return {
    failureKind: has(types.scenario, 'failure'),
    utilization: has(types.scenario, 'utilizationPercent'),
    endpointUtilization: has(types.endpoint, 'utilizationPercent'),
    saturation: has(types.whatIf, 'saturatedPercent'),
    backendShares: has(types.policy, 'backendShares'),
    blastRadius: has(types.query, 'blastRadius'),
    diff: has(types.query, 'diff'),
    sweepUtilization: has(types.sweepHop, 'maxUtilizationPercent'),
    sweepSaturation: has(types.sweepHop, 'saturatedPercent'),
    endpointFailing: has(types.endpoint, 'failing'),
    sweepOutcome: ['ejectedEndpoints', 'errorPercent', 'cascade'].every((f) => has(types.sweepPoint, f)),
  };
}

export async function detectFeatures(): Promise<Features> {
  const introspected = await introspect();
  if (introspected !== undefined) return introspected;
  const keys = Object.keys(FEATURE_PROBES) as (keyof Features)[];
  const found = await Promise.all(keys.map((key) => probe(FEATURE_PROBES[key])));
  return Object.fromEntries(keys.map((key, index) => [key, found[index] ?? false])) as unknown as Features;
}
