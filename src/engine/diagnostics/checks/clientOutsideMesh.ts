import type { AnalysisCheck } from '../check.js';

/**
 * SPW0014. No mesh proxy on the client: kube-proxy balances its connections and no mesh policy applies
 * (seed 002 "Native traffic distribution in Kubernetes").
 */
export const clientOutsideMesh = {
  code: 'SPW0014',
  id: 'CLIENT_OUTSIDE_MESH',
  severity: 'INFO',
  title: 'The client is outside the mesh: kube-proxy balances its traffic and no mesh policy applies',
  upstream: 'seed 002 "Native traffic distribution in Kubernetes": kube-proxy spreads over ready endpoints',
  scopes: ['hop'],
  subject: 'hop',
  run: ({ host, outsideMeshClient: client }) =>
    client === undefined
      ? []
      : [
          {
            message: `${client.kind} ${client.namespace ?? ''}/${client.name} is not in the mesh (no ambient or sidecar enrolment): kube-proxy balances its connections to ${host}; no waypoint, DestinationRule, outlier detection or mesh failover applies.`,
            resources: [client],
          },
        ],
} as const satisfies AnalysisCheck<'hop'>;
