/**
 * Index a normalized mesh once so the resolver's per-request lookups are map reads.
 */
import type {
  AutoscalerModel,
  DestinationRuleModel,
  EndpointModel,
  GatewayModel,
  MeshModel,
  ServiceEntryModel,
  ServiceModel,
  WorkloadModel,
  ClusterModel,
  NodeModel,
  NamespaceModel,
} from '../model/meshModel.js';
import { ISTIO_DEFAULT_ROOT_NAMESPACE } from '../envoyDefaults.js';
import { buildDestinationRuleIndex, type DestinationRuleIndex } from '../istio/index.js';
import type { CompiledMesh } from './compiledMesh.js';
import { APP_LABEL, CANONICAL_NAME_LABEL, meshKey } from './meshKeys.js';

export const INGRESS_GATEWAY_CLASS = 'istio';
export const EAST_WEST_GATEWAY_CLASS = 'istio-east-west';

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/**
 * Build every index the resolver needs in one pass per object kind: O(n) time and memory.
 *
 * @example compileMesh(model).servicesByHost.get('in-ambient.httpbin.svc.cluster.local') // → [ServiceModel]
 */
export function compileMesh(model: MeshModel): CompiledMesh {
  const clusters = new Map<string, ClusterModel>();
  const nodes = new Map<string, NodeModel>();
  const namespaces = new Map<string, NamespaceModel>();
  const workloads = new Map<string, WorkloadModel>();
  const workloadsByName = new Map<string, WorkloadModel[]>();
  const workloadsByWorkloadName = new Map<string, WorkloadModel[]>();
  const workloadsByApp = new Map<string, WorkloadModel[]>();
  const services = new Map<string, ServiceModel>();
  const servicesByHost = new Map<string, ServiceModel[]>();
  const serviceEntriesByHost = new Map<string, ServiceEntryModel[]>();
  const globalHosts = new Map<string, ServiceModel[]>();
  const endpointsByService = new Map<string, EndpointModel[]>();
  const waypoints = new Map<string, GatewayModel>();
  const waypointsByName = new Map<string, GatewayModel[]>();
  const gateways = new Map<string, GatewayModel>();
  const gatewaysByName = new Map<string, GatewayModel[]>();
  const eastWestGatewaysByNetwork = new Map<string, GatewayModel[]>();
  const destinationRulesByCluster = new Map<string, readonly DestinationRuleModel[]>();
  const destinationRuleIndexByCluster = new Map<string, DestinationRuleIndex>();
  const autoscalersByPod = new Map<string, AutoscalerModel>();
  const rootNamespace =
    model.meshConfig.rootNamespace === '' ? ISTIO_DEFAULT_ROOT_NAMESPACE : model.meshConfig.rootNamespace;
  const hosts = new Set<string>();
  const clientNames = new Set<string>();

  for (const cluster of model.clusters) {
    clusters.set(cluster.name, cluster);
    for (const node of cluster.nodes) nodes.set(meshKey(cluster.name, node.name), node);
    for (const ns of cluster.namespaces) namespaces.set(meshKey(cluster.name, ns.name), ns);
    for (const wl of cluster.workloads) {
      workloads.set(meshKey(cluster.name, wl.namespace, wl.name), wl);
      push(workloadsByName, meshKey(wl.namespace, wl.name), wl);
      clientNames.add(meshKey(wl.namespace, wl.name));
      if (wl.kind === 'Pod') {
        push(workloadsByWorkloadName, meshKey(wl.namespace, wl.workloadName), wl);
        clientNames.add(meshKey(wl.namespace, wl.workloadName));
        const app = wl.labels[APP_LABEL] ?? wl.labels[CANONICAL_NAME_LABEL];
        if (app !== undefined && app !== wl.workloadName) {
          push(workloadsByApp, meshKey(wl.namespace, app), wl);
          clientNames.add(meshKey(wl.namespace, app));
        }
      }
    }
    for (const svc of cluster.services) {
      services.set(meshKey(cluster.name, svc.namespace, svc.name), svc);
      push(servicesByHost, svc.hostname, svc);
      hosts.add(svc.hostname);
      if (svc.global !== undefined) {
        push(globalHosts, svc.global.hostname, svc);
        hosts.add(svc.global.hostname);
      }
    }
    for (const se of cluster.serviceEntries) {
      for (const host of se.hosts) {
        push(serviceEntriesByHost, host, se);
        hosts.add(host);
      }
    }
    for (const ep of cluster.endpoints) {
      push(
        endpointsByService,
        meshKey(ep.cluster, ep.service.kind, ep.service.namespace, ep.service.name),
        ep,
      );
    }
    for (const wp of cluster.waypoints) {
      waypoints.set(meshKey(cluster.name, wp.namespace, wp.name), wp);
      push(waypointsByName, meshKey(wp.namespace, wp.name), wp);
    }
    for (const gw of cluster.gateways) {
      gateways.set(meshKey(cluster.name, gw.namespace, gw.name), gw);
      push(gatewaysByName, meshKey(gw.namespace, gw.name), gw);
      if (gw.gatewayClassName === INGRESS_GATEWAY_CLASS) clientNames.add(meshKey(gw.namespace, gw.name));
      if (gw.gatewayClassName === EAST_WEST_GATEWAY_CLASS)
        push(eastWestGatewaysByNetwork, cluster.network, gw);
    }
    for (const hpa of cluster.autoscalers ?? []) {
      for (const pod of hpa.pods)
        autoscalersByPod.set(meshKey(cluster.name, hpa.ref.namespace ?? '', pod), hpa);
    }
    destinationRulesByCluster.set(cluster.name, cluster.destinationRules);
    destinationRuleIndexByCluster.set(
      cluster.name,
      buildDestinationRuleIndex(cluster.destinationRules, {
        rootNamespace,
        ...(model.meshConfig.defaultDestinationRuleExportTo !== undefined
          ? { defaultDestinationRuleExportTo: model.meshConfig.defaultDestinationRuleExportTo }
          : {}),
      }),
    );
  }

  return {
    model,
    profile: model.profile,
    rootNamespace,
    clusters,
    nodes,
    namespaces,
    workloads,
    workloadsByName,
    workloadsByWorkloadName,
    workloadsByApp,
    services,
    servicesByHost,
    serviceEntriesByHost,
    globalHosts,
    endpointsByService,
    waypoints,
    waypointsByName,
    gateways,
    gatewaysByName,
    eastWestGatewaysByNetwork,
    destinationRulesByCluster,
    destinationRuleIndexByCluster,
    autoscalersByPod,
    knownHosts: [...hosts].sort(),
    knownClients: [...clientNames].sort(),
  };
}
