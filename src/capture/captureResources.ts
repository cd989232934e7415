/**
 * What `spillway capture` asks each cluster for: exactly the kinds Spillway reads (`src/ingest/kindRegistry.ts`)
 * plus HorizontalPodAutoscalers (capacity, read by the what-if load model), each by its fully qualified
 * resource name so that Istio's `gateways.networking.istio.io` is never taken for the Gateway API's.
 * Custom resources may be missing from a cluster (no Istio CRDs, no Gateway API): those are skipped with a
 * warning. The mesh config is the `istio` ConfigMap in `istio-system`, read only if present.
 */
export interface CaptureResource {
  /** `kubectl get` resource argument. */
  readonly resource: string;
  /** A named object in one namespace (the mesh ConfigMap); otherwise every object, all namespaces. */
  readonly only?: { readonly namespace: string; readonly name: string };
  /** A CustomResourceDefinition's kind: the cluster may not serve it. */
  readonly custom: boolean;
}

export const CAPTURE_RESOURCES: readonly CaptureResource[] = [
  { resource: 'nodes', custom: false },
  { resource: 'namespaces', custom: false },
  { resource: 'configmaps', only: { namespace: 'istio-system', name: 'istio' }, custom: false },
  { resource: 'pods', custom: false },
  { resource: 'services', custom: false },
  { resource: 'endpointslices.discovery.k8s.io', custom: false },
  { resource: 'deployments.apps', custom: false },
  { resource: 'replicasets.apps', custom: false },
  { resource: 'statefulsets.apps', custom: false },
  { resource: 'horizontalpodautoscalers.autoscaling', custom: false },
  { resource: 'serviceentries.networking.istio.io', custom: true },
  { resource: 'workloadentries.networking.istio.io', custom: true },
  { resource: 'destinationrules.networking.istio.io', custom: true },
  { resource: 'gateways.gateway.networking.k8s.io', custom: true },
];

/** The `kubectl` arguments for one resource; `context` absent means kubectl's current context. */
export function kubectlArgs(resource: CaptureResource, context: string | undefined): string[] {
  const where =
    resource.only === undefined
      ? [resource.resource, '--all-namespaces']
      : [resource.resource, resource.only.name, '--namespace', resource.only.namespace, '--ignore-not-found'];
  return [...(context === undefined ? [] : ['--context', context]), 'get', ...where, '--output', 'json'];
}
