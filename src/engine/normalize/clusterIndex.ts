/**
 * One pass over a cluster's objects that sorts them by kind and builds the name lookups the other
 * normalization steps share, so no step scans the whole snapshot per object.
 */
import type { Labels, ResourceRef } from '../model/meshModel.js';
import type {
  DestinationRuleObject,
  EndpointSliceObject,
  GatewayObject,
  KubeObject,
  OwnedObject,
  PodObject,
  ServiceEntryObject,
  ServiceObject,
  WorkloadEntryObject,
} from './kubeObjects.js';

/** Kubernetes puts a namespaced object without `metadata.namespace` into `default`. */
export const DEFAULT_NAMESPACE = 'default';

const EMPTY_LABELS: Labels = Object.freeze({});

export interface ClusterIndex {
  readonly cluster: string;
  readonly network: string;
  readonly nodes: KubeObject[];
  readonly namespaces: KubeObject[];
  readonly pods: PodObject[];
  readonly services: ServiceObject[];
  readonly endpointSlices: EndpointSliceObject[];
  readonly serviceEntries: ServiceEntryObject[];
  readonly workloadEntries: WorkloadEntryObject[];
  readonly destinationRules: DestinationRuleObject[];
  readonly gateways: GatewayObject[];
  readonly nodeByName: Map<string, KubeObject>;
  readonly namespaceByName: Map<string, KubeObject>;
  /** `namespace/name` → ReplicaSet, to follow Pod → ReplicaSet → Deployment. */
  readonly replicaSets: Map<string, OwnedObject>;
  /** Deployments and StatefulSets: what a manifest declares, whether or not it runs. */
  readonly controllers: KubeObject[];
  readonly autoscalers: KubeObject[];
}

export function namespaceOf(object: KubeObject): string {
  const namespace = object.metadata.namespace;
  return namespace === undefined || namespace === '' ? DEFAULT_NAMESPACE : namespace;
}

export function labelsOf(object: KubeObject): Labels {
  return object.metadata.labels ?? EMPTY_LABELS;
}

export function annotationsOf(object: KubeObject): Labels {
  return object.metadata.annotations ?? EMPTY_LABELS;
}

export function refOf(object: KubeObject, cluster: string, namespaced = true): ResourceRef {
  return namespaced
    ? { kind: object.kind, name: object.metadata.name, namespace: namespaceOf(object), cluster }
    : { kind: object.kind, name: object.metadata.name, cluster };
}

export function buildClusterIndex(
  cluster: string,
  network: string,
  objects: readonly KubeObject[],
): ClusterIndex {
  const index: ClusterIndex = {
    cluster,
    network,
    nodes: [],
    namespaces: [],
    pods: [],
    services: [],
    endpointSlices: [],
    serviceEntries: [],
    workloadEntries: [],
    destinationRules: [],
    gateways: [],
    nodeByName: new Map(),
    namespaceByName: new Map(),
    replicaSets: new Map(),
    controllers: [],
    autoscalers: [],
  };
  // The casts below are sound because ingest validated each object against its kind's schema.
  for (const object of objects) {
    switch (object.kind) {
      case 'Node':
        index.nodes.push(object);
        index.nodeByName.set(object.metadata.name, object);
        break;
      case 'Namespace':
        index.namespaces.push(object);
        index.namespaceByName.set(object.metadata.name, object);
        break;
      case 'Pod':
        index.pods.push(object as PodObject);
        break;
      case 'Service':
        index.services.push(object as ServiceObject);
        break;
      case 'EndpointSlice':
        index.endpointSlices.push(object);
        break;
      case 'ServiceEntry':
        index.serviceEntries.push(object as ServiceEntryObject);
        break;
      case 'WorkloadEntry':
        index.workloadEntries.push(object as WorkloadEntryObject);
        break;
      case 'DestinationRule':
        index.destinationRules.push(object as DestinationRuleObject);
        break;
      case 'Gateway':
        index.gateways.push(object as GatewayObject);
        break;
      case 'ReplicaSet':
        index.replicaSets.set(`${namespaceOf(object)}/${object.metadata.name}`, object as OwnedObject);
        break;
      case 'Deployment':
      case 'StatefulSet':
        index.controllers.push(object);
        break;
      case 'HorizontalPodAutoscaler':
        index.autoscalers.push(object);
        break;
      default:
        // The mesh ConfigMap carries nothing normalization reads here.
        break;
    }
  }
  return index;
}
