import type { IntakeCheck } from '../check.js';

/** SPW1010, reported by snapshot intake: the bundle mesh config differs from the istio ConfigMap; the bundle wins. */
export const meshConfigDiffers = {
  code: 'SPW1010',
  id: 'MESH_CONFIG_DIFFERS',
  severity: 'WARNING',
  title: 'The bundle mesh config differs from the istio ConfigMap; the bundle wins',
  upstream: "istiod reads MeshConfig from the istio ConfigMap's `mesh` key (istio.md §3.1)",
  scopes: ['intake'],
} as const satisfies IntakeCheck;
