/**
 * The east-west gateway that fronts a network: cross-network endpoints are reached through it
 * (istio.md §1.3), and Solo takes their locality from it (seed 002 "Locality determination").
 */
import type { GatewayModel, Locality, WorkloadModel } from '../model/meshModel.js';
import type { CompiledMesh } from './compiledMesh.js';
import { meshKey } from './meshKeys.js';
import { representativePod } from './resolveClient.js';

export interface EastWestGateway {
  readonly gateway: GatewayModel;
  readonly pod?: WorkloadModel;
}

/** The first east-west Gateway of `network` (by cluster, namespace, name) and its representative pod. */
export function eastWestGatewayFor(mesh: CompiledMesh, network: string): EastWestGateway | undefined {
  const gateways = [...(mesh.eastWestGatewaysByNetwork.get(network) ?? [])].sort((a, b) =>
    meshKey(a.cluster, a.namespace, a.name) < meshKey(b.cluster, b.namespace, b.name) ? -1 : 1,
  );
  const gateway = gateways[0];
  if (gateway === undefined) return undefined;
  const pods = gateway.podNames
    .map((p) => mesh.workloads.get(meshKey(gateway.cluster, gateway.namespace, p)))
    .filter((p): p is WorkloadModel => p !== undefined);
  const pod = representativePod(pods);
  return { gateway, ...(pod !== undefined ? { pod } : {}) };
}

export function eastWestLocality(gw: EastWestGateway | undefined): Locality | undefined {
  return gw?.pod?.locality;
}
