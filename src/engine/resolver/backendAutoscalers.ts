/**
 * The HorizontalPodAutoscalers behind a path's backend endpoints (issue 14 item 2): each pod endpoint of
 * the last hop is matched to the HPA whose `scaleTargetRef` runs it (normalize/normalizeAutoscalers.ts).
 */
import type { BackendAutoscaler, ResolvedHop } from '../model/resolved.js';
import type { AutoscalerModel } from '../model/meshModel.js';
import type { CompiledMesh } from './compiledMesh.js';
import { meshKey } from './meshKeys.js';

/**
 * @example backendAutoscalers(mesh, httpbinHop) // → [{ autoscaler: hpa httpbin, endpointIndexes: [0, 1, 2] }]
 */
export function backendAutoscalers(mesh: CompiledMesh, hop: ResolvedHop | undefined): BackendAutoscaler[] {
  if (hop === undefined || mesh.autoscalersByPod.size === 0) return [];
  const found = new Map<AutoscalerModel, number[]>();
  hop.endpoints.forEach((e, i) => {
    if (e.workload?.kind !== 'Pod') return;
    const hpa = mesh.autoscalersByPod.get(meshKey(e.cluster, e.workload.namespace ?? '', e.workload.name));
    if (hpa === undefined) return;
    const indexes = found.get(hpa) ?? [];
    indexes.push(i);
    found.set(hpa, indexes);
  });
  return [...found].map(([autoscaler, endpointIndexes]) => ({ autoscaler, endpointIndexes }));
}
