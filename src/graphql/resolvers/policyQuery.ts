import type { Scenario } from '../../engine/index.js';
import type { PolicyQuery } from '../../services/types.js';
import type { PolicyArgs, ScenarioInput } from './types.js';

/** GraphQL arguments → service query: explicit nulls become absent fields, nothing else changes. */
export function toPolicyQuery(args: PolicyArgs): PolicyQuery {
  return {
    snapshot: args.snapshot,
    client: args.client,
    backend: args.backend,
    ...(args.profile == null ? {} : { profile: args.profile }),
  };
}

export function toScenario(input: ScenarioInput): Scenario {
  return {
    ...(input.ejectEndpoints == null ? {} : { ejectEndpoints: input.ejectEndpoints }),
    ...(input.failure == null ? {} : { failure: input.failure }),
    ...(input.loadFactor == null ? {} : { loadFactor: input.loadFactor }),
    ...(input.failLocalities == null ? {} : { failLocalities: input.failLocalities }),
    ...(input.overprovisioningFactor == null ? {} : { overprovisioningFactor: input.overprovisioningFactor }),
    ...(input.utilizationPercent == null ? {} : { utilizationPercent: input.utilizationPercent }),
    ...(input.requestsPerSecond == null ? {} : { requestsPerSecond: input.requestsPerSecond }),
    ...(input.latencyMs == null ? {} : { latencyMs: input.latencyMs }),
    ...(input.overload == null
      ? {}
      : {
          overload: {
            failsAbovePercent: input.overload.failsAbovePercent,
            ...(input.overload.as == null ? {} : { as: input.overload.as }),
          },
        }),
  };
}
