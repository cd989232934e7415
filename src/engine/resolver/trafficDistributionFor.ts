/**
 * The traffic-distribution mode of a hop's destination, plus the diagnostics its written values earn.
 */
import { diagnostic } from '../diagnostics/diagnostic.js';
import { resolveTrafficDistribution, type TrafficDistributionResolution } from '../istio/index.js';
import type { Diagnostic } from '../model/answer.js';
import type { Profile, ResourceRef } from '../model/meshModel.js';
import type { CompiledMesh } from './compiledMesh.js';
import type { HopDestination } from './hopContext.js';
import { meshKey } from './meshKeys.js';

export function trafficDistributionFor(
  mesh: CompiledMesh,
  destination: HopDestination,
  cluster: string,
  profile: Profile,
): { readonly resolution: TrafficDistributionResolution; readonly diagnostics: readonly Diagnostic[] } {
  const namespace = mesh.namespaces.get(
    meshKey(
      destination.primary?.cluster ?? destination.serviceEntry?.cluster ?? cluster,
      destination.namespace,
    ),
  );
  const resolution = resolveTrafficDistribution({
    profile,
    target: destination.target,
    ...(destination.primary !== undefined ? { service: destination.primary } : {}),
    ...(destination.serviceEntry !== undefined ? { serviceEntry: destination.serviceEntry } : {}),
    ...(namespace !== undefined ? { namespace } : {}),
  });
  const diagnostics = resolution.warnings.map((w) => {
    const resources: ResourceRef[] = w.resource !== undefined ? [w.resource] : [];
    switch (w.kind) {
      case 'UNKNOWN_VALUE':
        return diagnostic(
          'UNKNOWN_TRAFFIC_DISTRIBUTION',
          `${w.field ?? 'traffic distribution'}: ${w.message}.`,
          resources,
        );
      case 'UNSUPPORTED_IN_PROFILE':
      case 'SPEC_VALUE_IGNORED':
      case 'IGNORED_BY_INTERNAL_TRAFFIC_POLICY':
        return diagnostic(
          'TRAFFIC_DISTRIBUTION_UNSUPPORTED_IN_PROFILE',
          `${w.message} (profile ${profile}).`,
          resources,
        );
    }
  });
  return { resolution, diagnostics };
}
