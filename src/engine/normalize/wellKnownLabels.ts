/**
 * Label and annotation keys normalization reads, with where each meaning comes from. Kept in one place so
 * a key is spelled once.
 */

/** Kubernetes well-known topology labels on Nodes (istio.md §1.1). */
export const LABEL_REGION = 'topology.kubernetes.io/region';
export const LABEL_ZONE = 'topology.kubernetes.io/zone';
/** Their deprecated beta names, still read by Istio when the GA label is absent (istio.md, "Node locality labels"). */
export const LABEL_REGION_LEGACY = 'failure-domain.beta.kubernetes.io/region';
export const LABEL_ZONE_LEGACY = 'failure-domain.beta.kubernetes.io/zone';
/** Istio's subzone label (istio.md §1.1). */
export const LABEL_SUBZONE = 'topology.istio.io/subzone';
/** Istio's network label on pods, namespaces or nodes (istio.md §1.1: a pod or namespace label wins). */
export const LABEL_NETWORK = 'topology.istio.io/network';
/** Pod-level locality override, `region.zone.subzone` (Istio's `topology.istio.io/locality` / legacy `istio-locality`). */
export const LABEL_LOCALITY_OVERRIDE = 'topology.istio.io/locality';
export const LABEL_LOCALITY_OVERRIDE_LEGACY = 'istio-locality';

export const LABEL_DATAPLANE_MODE = 'istio.io/dataplane-mode';
export const LABEL_SIDECAR_INJECTION = 'istio-injection';
export const LABEL_REVISION = 'istio.io/rev';
export const ANNOTATION_SIDECAR_STATUS = 'sidecar.istio.io/status';
export const SIDECAR_CONTAINER_NAME = 'istio-proxy';

export const LABEL_USE_WAYPOINT = 'istio.io/use-waypoint';
export const LABEL_USE_WAYPOINT_NAMESPACE = 'istio.io/use-waypoint-namespace';
export const LABEL_WAYPOINT_FOR = 'istio.io/waypoint-for';
/** Set by the Gateway controller on the pods it deploys for a Gateway. */
export const LABEL_GATEWAY_NAME = 'gateway.networking.k8s.io/gateway-name';

/** Solo's global-service label (istio.md §10; seeds 000/002/003). */
export const LABEL_SOLO_SERVICE_SCOPE = 'solo.io/service-scope';

export const LABEL_APP = 'app';
export const LABEL_POD_TEMPLATE_HASH = 'pod-template-hash';
/** EndpointSlice → Service link set by the EndpointSlice controller. */
export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';

export const GLOBAL_SERVICE_DOMAIN = 'mesh.internal';
/** Istio's waypoint GatewayClass. */
export const WAYPOINT_GATEWAY_CLASS = 'istio-waypoint';
