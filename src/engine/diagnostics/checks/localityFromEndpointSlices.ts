import type { IntakeCheck } from '../check.js';

/** SPW1016, reported by snapshot intake: the snapshot has no Nodes; localities come from EndpointSlice zones, regions are unknown. */
export const localityFromEndpointSlices = {
  code: 'SPW1016',
  id: 'LOCALITY_FROM_ENDPOINT_SLICES',
  severity: 'WARNING',
  title: 'The snapshot has no Nodes; localities come from EndpointSlice zones, regions are unknown',
  upstream:
    "Istio takes a pod's locality from its node's topology labels (istio.md \u00a71.1); the EndpointSlice controller copies the node's zone into each endpoint's `zone`",
  scopes: ['intake'],
} as const satisfies IntakeCheck;
