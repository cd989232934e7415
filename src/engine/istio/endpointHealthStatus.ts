/**
 * An endpoint's health as istiod reads it from its EndpointSlice conditions, and what EDS then does with
 * it (istio.md §12 addendum, read in istio 1.30.3 and 1.31.0-rc.0, identical in both):
 *
 * - `pilot/pkg/serviceregistry/kube/controller/endpointslice.go` `endpointHealthStatus`: `ready` absent or
 *   true → HEALTHY. Otherwise DRAINING when the Service has a persistent-session label and `serving` and
 *   `terminating` are absent or true; else TERMINATING when `terminating` is absent or true — an absent
 *   `terminating` counts as true; else UNHEALTHY.
 * - `pilot/pkg/xds/endpoints/endpoint_builder.go` `filterIstioEndpoint`: TERMINATING endpoints are never
 *   sent, "even in send-unhealthy mode"; UNHEALTHY ones only when the cluster supports unhealthy endpoints
 *   (`notReadyEndpointHealth`); DRAINING ones (also any endpoint labelled `istio.io/draining`,
 *   `buildEnvoyLbEndpoint`) only to persistent-session services, which Envoy holds as excluded
 *   (`EDS_STATUS_DRAINING`, envoy.md §1).
 */
import type { Labels } from '../model/meshModel.js';

/** `model.HealthStatus` values an endpoint can take from its conditions. */
export type IstioEndpointHealth = 'HEALTHY' | 'UNHEALTHY' | 'TERMINATING' | 'DRAINING';

/** EndpointSlice `conditions` exactly as written; `undefined` where the slice leaves one out. */
export interface EndpointConditions {
  readonly ready?: boolean;
  readonly serving?: boolean;
  readonly terminating?: boolean;
}

/** `features.PersistentSessionLabel` / `PersistentSessionHeaderLabel` defaults (`pilot/pkg/features/experimental.go`). */
export const PERSISTENT_SESSION_LABEL = 'istio.io/persistent-session';
export const PERSISTENT_SESSION_HEADER_LABEL = 'istio.io/persistent-session-header';
/** `features.DrainingLabel` default: an endpoint carrying it is sent as DRAINING. */
export const DRAINING_LABEL = 'istio.io/draining';

/** `Service.SupportsDrainingEndpoints`: either persistent-session label is set (non-empty) on the Service. */
export function supportsDrainingEndpoints(serviceLabels: Labels): boolean {
  return (
    (serviceLabels[PERSISTENT_SESSION_LABEL] ?? '') !== '' ||
    (serviceLabels[PERSISTENT_SESSION_HEADER_LABEL] ?? '') !== ''
  );
}

export interface EndpointHealthStatus {
  readonly health: IstioEndpointHealth;
  /** The conditions that decided it, as the answer explains them. */
  readonly reason: string;
}

function written(value: boolean | undefined): string {
  return value === undefined ? 'not set' : String(value);
}

/**
 * @example endpointHealthStatus({ ready: false }, false) // → TERMINATING: an absent `terminating` counts as true
 * @example endpointHealthStatus({ ready: false, terminating: false }, false).health // → 'UNHEALTHY'
 */
export function endpointHealthStatus(
  conditions: EndpointConditions,
  persistentSession: boolean,
): EndpointHealthStatus {
  const { ready, serving, terminating } = conditions;
  if (ready === undefined || ready) {
    return { health: 'HEALTHY', reason: `ready (${ready === undefined ? 'ready not set' : 'ready: true'})` };
  }
  const terminatingOrUnset = terminating === undefined || terminating;
  const servingOrUnset = serving === undefined || serving;
  const seen = `ready: false, serving: ${written(serving)}, terminating: ${written(terminating)}`;
  if (persistentSession && servingOrUnset && terminatingOrUnset) {
    return {
      health: 'DRAINING',
      reason: `draining (${seen}; the Service uses persistent sessions, so a still-serving endpoint drains)`,
    };
  }
  if (terminatingOrUnset) {
    return {
      health: 'TERMINATING',
      reason:
        terminating === undefined
          ? `terminating (${seen}; istiod reads an absent terminating condition on a not-ready endpoint as true)`
          : `terminating (${seen})`,
    };
  }
  return { health: 'UNHEALTHY', reason: `not ready (${seen})` };
}
