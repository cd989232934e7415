/**
 * The traffic-distribution mode of a hop's destination, plus the diagnostics its written values earn.
 */
import { runChecks } from '../diagnostics/index.js';
import { resolveTrafficDistribution, type TrafficDistributionResolution } from '../istio/index.js';
import type { Diagnostic } from '../model/answer.js';
import type { Profile } from '../model/meshModel.js';
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
  const diagnostics = runChecks('hop', 'trafficDistribution', { profile, warnings: resolution.warnings });
  return { resolution, diagnostics };
}
