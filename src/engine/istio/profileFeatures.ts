/**
 * What differs between the semantics profiles, in one place (istio.md §0 "Release boundaries").
 * SOLO follows the seeds where they speak and otherwise the 1.31 upstream code.
 */
import type { Profile } from '../model/meshModel.js';

/** Where a failoverPriority list or ztunnel scope list came from; SOLO treats them differently. */
export type PriorityOrigin = 'TRAFFIC_DISTRIBUTION' | 'DESTINATION_RULE' | 'ZTUNNEL';

export interface ProfileFeatures {
  readonly profile: Profile;
  /** Namespace annotation inherited by services (1.30+). */
  readonly namespaceAnnotation: boolean;
  /** `zoneAwareLbSetting` exists (1.31+). */
  readonly zoneAware: boolean;
  /** `PILOT_AUTO_SEND_UNHEALTHY_ENDPOINTS` default true (1.31+, commit a7c9ae03). */
  readonly autoSendUnhealthyEndpoints: boolean;
  /** PreferNetwork / PreferRegion modes (seed 002). */
  readonly soloModes: boolean;
}

export function profileFeatures(profile: Profile): ProfileFeatures {
  switch (profile) {
    case 'ISTIO_1_30':
      return {
        profile,
        namespaceAnnotation: true,
        zoneAware: false,
        autoSendUnhealthyEndpoints: false,
        soloModes: false,
      };
    case 'ISTIO_1_31':
      return {
        profile,
        namespaceAnnotation: true,
        zoneAware: true,
        autoSendUnhealthyEndpoints: true,
        soloModes: false,
      };
    case 'SOLO':
      return {
        profile,
        namespaceAnnotation: true,
        zoneAware: true,
        autoSendUnhealthyEndpoints: true,
        soloModes: true,
      };
  }
}

/**
 * Whether the network is "preferred, not required" (a network mismatch is skipped and shifts the
 * endpoint into a lower, still locality-ordered, tier) when the first entry is the network.
 * 1.31+: yes (istio `b6787c12`, ztunnel `2d8e90ee`); ≤1.30: every other-network endpoint is one tier.
 * SOLO: the seed 002 mode table puts all cross-network endpoints in one lowest level, so modes (Envoy
 * and ztunnel) lump them; a DR's own failoverPriority follows the 1.31 code.
 */
export function networkPreferredFor(profile: Profile, origin: PriorityOrigin): boolean {
  switch (profile) {
    case 'ISTIO_1_30':
      return false;
    case 'ISTIO_1_31':
      return true;
    case 'SOLO':
      return origin === 'DESTINATION_RULE';
  }
}
