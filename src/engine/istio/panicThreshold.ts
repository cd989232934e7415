/**
 * Envoy's healthy panic threshold and the EDS health of not-ready endpoints as Istio configures them:
 * `applyOutlierDetection`, `applyLoadBalancer`, `Service.SupportsUnhealthyEndpoints` /
 * `ForcesSupportUnhealthyEndpoints`, `endpoint_builder.go` `supportsUnhealthyEndpoints` (istio.md §6.3,
 * §4.2). SOLO follows 1.31.
 */
import { ENVOY_DEFAULT_HEALTHY_PANIC_THRESHOLD_PERCENT } from '../envoyDefaults.js';
import type { OutlierDetectionSpec, Profile } from '../model/meshModel.js';
import { profileFeatures } from './profileFeatures.js';
import type { DestinationRuleProxyKind, EdsHealth, TrafficDistributionMode } from './types.js';

export const PANIC_DISABLED_PERCENT = 0;

export interface UnhealthyEndpointFlags {
  /** `PILOT_SEND_UNHEALTHY_ENDPOINTS` (global, default false). */
  readonly sendUnhealthyEndpoints?: boolean;
  /** `PILOT_AUTO_SEND_UNHEALTHY_ENDPOINTS`; default per profile (true from 1.31, absent in 1.30). */
  readonly autoSendUnhealthyEndpoints?: boolean;
}

export interface UnhealthyEndpointSupport {
  /** Forced: traffic distribution not Any, or the global flag. */
  readonly forces: boolean;
  /** Supported: forced, or the AUTO flag. */
  readonly supports: boolean;
}

/**
 * `ForcesSupportUnhealthyEndpoints` = global flag or a mode other than Any; `SupportsUnhealthyEndpoints`
 * adds the AUTO flag (a 1.31 feature).
 */
export function unhealthyEndpointSupport(
  profile: Profile,
  mode: TrafficDistributionMode | undefined,
  flags: UnhealthyEndpointFlags = {},
): UnhealthyEndpointSupport {
  const forces = flags.sendUnhealthyEndpoints === true || (mode !== undefined && mode !== 'Any');
  const features = profileFeatures(profile);
  const auto = features.autoSendUnhealthyEndpoints && (flags.autoSendUnhealthyEndpoints ?? true);
  return { forces, supports: forces || auto };
}

export interface PanicThresholdInput extends UnhealthyEndpointFlags {
  readonly profile: Profile;
  readonly mode: TrafficDistributionMode;
  /** The effective DR outlierDetection (port/subset resolved; 1.31+ mesh default included). */
  readonly outlierDetection?: OutlierDetectionSpec;
  readonly proxyKind?: DestinationRuleProxyKind;
}

export interface PanicThreshold {
  readonly percent: number;
  /** Istio set it explicitly (otherwise Envoy's default applies). */
  readonly explicit: boolean;
  readonly reason: string;
}

/**
 * 1.31+: with outlier detection, `minHealthPercent` (0 when forced, except at waypoints, which apply it
 * without the service); without, 0 whenever unhealthy endpoints are supported — which the AUTO flag
 * makes always. 1.30: without outlier detection and without forcing, Envoy's 50 %; a forcing service
 * overrides to 0 even over `minHealthPercent`.
 *
 * @example panicThreshold({ profile: 'ISTIO_1_30', mode: 'Any' }) // → { percent: 50, explicit: false, … }
 */
export function panicThreshold(input: PanicThresholdInput): PanicThreshold {
  const support = unhealthyEndpointSupport(input.profile, input.mode, input);
  const od = input.outlierDetection;
  const waypoint = input.proxyKind === 'WAYPOINT';
  if (input.profile === 'ISTIO_1_30') {
    if (support.forces) {
      return {
        percent: PANIC_DISABLED_PERCENT,
        explicit: true,
        reason: 'the service sends unhealthy endpoints (traffic distribution or global flag): panic disabled',
      };
    }
    if (od !== undefined) {
      const p = od.minHealthPercent ?? 0;
      return {
        percent: p,
        explicit: true,
        reason: `outlierDetection.minHealthPercent ${od.minHealthPercent === undefined ? 'unset (0)' : p}`,
      };
    }
    return {
      percent: ENVOY_DEFAULT_HEALTHY_PANIC_THRESHOLD_PERCENT,
      explicit: false,
      reason: 'no outlier detection and no traffic distribution: Envoy default',
    };
  }
  if (od !== undefined) {
    if (support.forces && !waypoint) {
      return {
        percent: PANIC_DISABLED_PERCENT,
        explicit: true,
        reason: 'traffic distribution forces unhealthy endpoints: panic disabled over minHealthPercent',
      };
    }
    const p = od.minHealthPercent ?? 0;
    return {
      percent: p,
      explicit: true,
      reason: `outlierDetection.minHealthPercent ${od.minHealthPercent === undefined ? 'unset (0)' : p}`,
    };
  }
  if (support.supports) {
    return {
      percent: PANIC_DISABLED_PERCENT,
      explicit: true,
      reason: support.forces
        ? 'the service sends unhealthy endpoints: panic disabled'
        : 'PILOT_AUTO_SEND_UNHEALTHY_ENDPOINTS (default on): panic disabled',
    };
  }
  return {
    percent: ENVOY_DEFAULT_HEALTHY_PANIC_THRESHOLD_PERCENT,
    explicit: false,
    reason: 'no outlier detection and unhealthy endpoints not sent: Envoy default',
  };
}

/**
 * What happens to a not-ready endpoint in EDS. 1.31+: sent as UNHEALTHY unless the service does not
 * force it and outlierDetection has `minHealthPercent > 0`. 1.30: sent only when forced.
 */
export function notReadyEndpointHealth(input: PanicThresholdInput): {
  readonly health: EdsHealth;
  readonly reason: string;
} {
  const support = unhealthyEndpointSupport(input.profile, input.mode, input);
  if (support.forces)
    return { health: 'UNHEALTHY', reason: 'sent as UNHEALTHY: the service forces unhealthy endpoints' };
  if (!support.supports) return { health: 'DROPPED', reason: 'not ready: left out of EDS' };
  const min = input.outlierDetection?.minHealthPercent ?? 0;
  if (input.outlierDetection !== undefined && min > 0) {
    return {
      health: 'DROPPED',
      reason: 'not ready: left out of EDS because outlierDetection.minHealthPercent > 0',
    };
  }
  return { health: 'UNHEALTHY', reason: 'sent as UNHEALTHY (PILOT_AUTO_SEND_UNHEALTHY_ENDPOINTS)' };
}
