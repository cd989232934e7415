/** Tiny builders for Kubernetes objects as normalization receives them (already validated). */
import type { KubeObject } from '../../../../src/engine/normalize/kubeObjects.js';

type Labels = Record<string, string>;

export function node(name: string, labels: Labels = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels } };
}

export function namespace(name: string, labels: Labels = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

export interface PodOptions {
  namespace?: string;
  labels?: Labels;
  annotations?: Labels;
  nodeName?: string;
  ip?: string;
  ready?: boolean;
  owner?: { kind: string; name: string };
  containers?: string[];
  deleting?: boolean;
  phase?: string;
  /** A status as trimmed or redacted before sharing: replaces the one built from the options above. */
  status?: unknown;
}

export function pod(name: string, options: PodOptions = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: options.namespace ?? 'ns',
      labels: options.labels ?? {},
      ...(options.annotations ? { annotations: options.annotations } : {}),
      ...(options.owner
        ? { ownerReferences: [{ apiVersion: 'apps/v1', ...options.owner, controller: true }] }
        : {}),
      ...(options.deleting ? { deletionTimestamp: '2025-03-06T17:30:00Z' } : {}),
    },
    spec: {
      containers: (options.containers ?? ['app']).map((container) => ({ name: container })),
      ...(options.nodeName ? { nodeName: options.nodeName } : {}),
    },
    ...('status' in options
      ? options.status === undefined
        ? {}
        : { status: options.status }
      : {
          status: {
            phase: options.phase ?? 'Running',
            ...(options.ip ? { podIP: options.ip } : {}),
            conditions: [{ type: 'Ready', status: options.ready === false ? 'False' : 'True' }],
          },
        }),
  };
}

export function deployment(name: string, namespaceName = 'ns'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: namespaceName },
    spec: { selector: { matchLabels: { app: name } } },
  };
}

export function replicaSet(name: string, deployment: string | undefined, namespaceName = 'ns'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: namespaceName,
      ...(deployment
        ? {
            ownerReferences: [
              { apiVersion: 'apps/v1', kind: 'Deployment', name: deployment, controller: true },
            ],
          }
        : {}),
    },
  };
}

export function service(
  name: string,
  spec: Record<string, unknown> = {},
  labels: Labels = {},
  namespaceName = 'ns',
  annotations: Labels = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: namespaceName, labels, annotations },
    spec: { ports: [{ port: 80 }], ...spec },
  };
}

export function endpointSlice(
  name: string,
  serviceName: string,
  endpoints: unknown[],
  namespaceName = 'ns',
): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name, namespace: namespaceName, labels: { 'kubernetes.io/service-name': serviceName } },
    addressType: 'IPv4',
    endpoints,
  } as KubeObject;
}

export function gateway(
  name: string,
  className: string,
  labels: Labels = {},
  namespaceName = 'ns',
): KubeObject {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name, namespace: namespaceName, labels },
    spec: { gatewayClassName: className, listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }] },
  };
}

export function istio(
  kind: 'ServiceEntry' | 'WorkloadEntry' | 'DestinationRule',
  name: string,
  spec: unknown,
  extra: Partial<KubeObject['metadata']> = {},
): KubeObject {
  return { apiVersion: 'networking.istio.io/v1', kind, metadata: { name, namespace: 'ns', ...extra }, spec };
}
