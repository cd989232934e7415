/**
 * Services and ServiceEntries: the hosts clients call, with the per-service knobs the resolver reads
 * (traffic distribution, internalTrafficPolicy, waypoint use, global scope).
 */
import type { Diagnostic } from '../model/answer.js';
import type {
  Labels,
  MeshConfig,
  Profile,
  ServiceEntryModel,
  ServiceModel,
  ServicePort,
} from '../model/meshModel.js';
import type { ClusterIndex } from './clusterIndex.js';
import { annotationsOf, labelsOf, namespaceOf, refOf } from './clusterIndex.js';
import { serviceGlobalScope, SOLO_KNOWN_SCOPES } from './serviceScope.js';
import { snapshotDiagnostic } from './snapshotDiagnostics.js';
import { conditionsField } from './statusConditions.js';
import { waypointUseFromLabels } from './waypointUse.js';
import { ISTIO_DEFAULT_CLUSTER_DOMAIN } from '../envoyDefaults.js';
import { LABEL_SOLO_SERVICE_SCOPE } from './wellKnownLabels.js';

const EMPTY_LABELS: Labels = Object.freeze({});
const DEFAULT_PROTOCOL = 'TCP';

export function serviceHostname(name: string, namespace: string): string {
  return `${name}.${namespace}.svc.${ISTIO_DEFAULT_CLUSTER_DOMAIN}`;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  return allowed.find((candidate) => candidate === value) ?? fallback;
}

export function normalizeServices(
  index: ClusterIndex,
  meshConfig: MeshConfig,
  profile: Profile,
  diagnostics: Diagnostic[],
): ServiceModel[] {
  return index.services.map((service) => {
    const namespace = namespaceOf(service);
    const name = service.metadata.name;
    const labels = labelsOf(service);
    const annotations = annotationsOf(service);
    const namespaceLabels = index.namespaceByName.get(namespace)?.metadata.labels ?? EMPTY_LABELS;
    const spec = service.spec ?? {};
    const ref = refOf(service, index.cluster);
    const ports: ServicePort[] = (spec.ports ?? []).map((port) => ({
      ...(port.name !== undefined ? { name: port.name } : {}),
      port: port.port,
      ...(port.targetPort !== undefined ? { targetPort: port.targetPort } : {}),
      protocol: port.protocol ?? DEFAULT_PROTOCOL,
      ...(port.appProtocol !== undefined ? { appProtocol: port.appProtocol } : {}),
    }));
    const scopeLabel = labels[LABEL_SOLO_SERVICE_SCOPE] ?? namespaceLabels[LABEL_SOLO_SERVICE_SCOPE];
    if (scopeLabel !== undefined && !SOLO_KNOWN_SCOPES.includes(scopeLabel)) {
      diagnostics.push(
        snapshotDiagnostic(
          'UNKNOWN_SERVICE_SCOPE',
          `Service ${namespace}/${name} (cluster ${index.cluster}) has solo.io/service-scope=${scopeLabel}, which is not a known scope (${SOLO_KNOWN_SCOPES.join(', ')}); it is treated as not global.`,
          [ref],
        ),
      );
    }
    if (
      labels[LABEL_SOLO_SERVICE_SCOPE] === undefined &&
      annotations[LABEL_SOLO_SERVICE_SCOPE] !== undefined
    ) {
      diagnostics.push(
        snapshotDiagnostic(
          'SERVICE_SCOPE_ANNOTATION',
          `Service ${namespace}/${name} (cluster ${index.cluster}) sets solo.io/service-scope as an annotation; Solo reads it as a label, so this service is not made global by it.`,
          [ref],
        ),
      );
    }
    const global = serviceGlobalScope(
      { name, namespace, labels, namespaceLabels },
      meshConfig.serviceScopeConfigs,
      profile,
    );
    const useWaypoint = waypointUseFromLabels(labels, namespace, ref);
    return {
      cluster: index.cluster,
      namespace,
      name,
      hostname: serviceHostname(name, namespace),
      labels,
      annotations,
      type: spec.type ?? 'ClusterIP',
      ...(spec.clusterIP !== undefined ? { clusterIP: spec.clusterIP } : {}),
      ports,
      ...(spec.selector !== undefined ? { selector: spec.selector } : {}),
      ...(spec.trafficDistribution !== undefined ? { trafficDistribution: spec.trafficDistribution } : {}),
      internalTrafficPolicy: oneOf(spec.internalTrafficPolicy, ['Cluster', 'Local'], 'Cluster'),
      publishNotReadyAddresses: spec.publishNotReadyAddresses ?? false,
      ...(useWaypoint !== undefined ? { useWaypoint } : {}),
      ...(global !== undefined ? { global } : {}),
      ...conditionsField(service.status),
    };
  });
}

export function normalizeServiceEntries(index: ClusterIndex): ServiceEntryModel[] {
  return index.serviceEntries.map((entry) => {
    const namespace = namespaceOf(entry);
    const spec = entry.spec ?? {};
    const labels = labelsOf(entry);
    const useWaypoint = waypointUseFromLabels(labels, namespace, refOf(entry, index.cluster));
    const ports: ServicePort[] = (spec.ports ?? []).map((port) => ({
      ...(port.name !== undefined ? { name: port.name } : {}),
      port: port.number ?? 0,
      ...(port.targetPort !== undefined ? { targetPort: port.targetPort } : {}),
      protocol: port.protocol ?? DEFAULT_PROTOCOL,
    }));
    const selector = spec.workloadSelector?.labels;
    return {
      cluster: index.cluster,
      namespace,
      name: entry.metadata.name,
      hosts: spec.hosts ?? [],
      addresses: spec.addresses ?? [],
      ports,
      // Istio's defaults: location MESH_EXTERNAL, resolution NONE (ServiceEntry API reference).
      location: oneOf(spec.location, ['MESH_EXTERNAL', 'MESH_INTERNAL'], 'MESH_EXTERNAL'),
      resolution: oneOf(spec.resolution, ['NONE', 'STATIC', 'DNS', 'DNS_ROUND_ROBIN'], 'NONE'),
      ...(selector !== undefined ? { workloadSelector: selector } : {}),
      exportTo: spec.exportTo ?? [],
      labels,
      annotations: annotationsOf(entry),
      ...(useWaypoint !== undefined ? { useWaypoint } : {}),
      ...conditionsField(entry.status),
    };
  });
}
