import type { IntakeCheck } from '../check.js';

/** SPW1014, reported by snapshot intake: a Service has no EndpointSlices in the snapshot; its endpoints were derived from its selector and Pods. */
export const endpointsDerivedFromPods = {
  code: 'SPW1014',
  id: 'ENDPOINTS_DERIVED_FROM_PODS',
  severity: 'INFO',
  title:
    'A Service has no EndpointSlices in the snapshot; its endpoints were derived from its selector and Pods',
  upstream:
    "Kubernetes' EndpointSlice controller: selected pods with an IP that have not finished (`ShouldPodBeInEndpoints`), ready = publishNotReadyAddresses or (Ready and not terminating) (`podToEndpoint`)",
  scopes: ['intake'],
} as const satisfies IntakeCheck;
