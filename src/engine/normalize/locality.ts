/**
 * Locality as Istio derives it (istio.md §1.1): region/zone from the Node's `topology.kubernetes.io/region|zone`
 * — or, where a node lacks them, the legacy `failure-domain.beta.kubernetes.io/region|zone`, as Istio's kube
 * controller falls back (`getLabelValue(node, NodeRegionLabelGA, NodeRegionLabel)`) — and subzone from
 * `topology.istio.io/subzone`; missing parts are `''` so two unknowns compare equal, as Istio's label
 * comparison does (istio.md §1.2).
 */
import type { Labels, Locality } from '../model/meshModel.js';
import {
  LABEL_REGION,
  LABEL_REGION_LEGACY,
  LABEL_SUBZONE,
  LABEL_ZONE,
  LABEL_ZONE_LEGACY,
} from './wellKnownLabels.js';

export const UNKNOWN_LOCALITY: Locality = { region: '', zone: '', subzone: '' };

/** A label's value, else its fallback's; an empty value counts as absent, as in Istio's `getLabelValue`. */
function labelOr(labels: Labels, label: string, fallback: string): string {
  const value = labels[label];
  return value !== undefined && value !== '' ? value : (labels[fallback] ?? '');
}

/**
 * @example localityFromLabels({ 'topology.kubernetes.io/region': 'us-east-1' }) // → { region: 'us-east-1', zone: '', subzone: '' }
 * @example localityFromLabels({ 'failure-domain.beta.kubernetes.io/zone': 'us-east-1a' }) // → { region: '', zone: 'us-east-1a', subzone: '' }
 */
export function localityFromLabels(labels: Labels): Locality {
  return {
    region: labelOr(labels, LABEL_REGION, LABEL_REGION_LEGACY),
    zone: labelOr(labels, LABEL_ZONE, LABEL_ZONE_LEGACY),
    subzone: labels[LABEL_SUBZONE] ?? '',
  };
}

/** Whether a legacy label gave part of the locality (the GA label was absent or empty). */
export function usesLegacyTopologyLabels(labels: Labels): boolean {
  const legacy = (label: string, fallback: string): boolean =>
    (labels[label] === undefined || labels[label] === '') && (labels[fallback] ?? '') !== '';
  return legacy(LABEL_REGION, LABEL_REGION_LEGACY) || legacy(LABEL_ZONE, LABEL_ZONE_LEGACY);
}

/** The locality an EndpointSlice zone hint gives: the zone alone (the controller copies no region). */
export function localityFromZone(zone: string): Locality {
  return { region: '', zone, subzone: '' };
}

/**
 * Parses `region/zone/subzone` (WorkloadEntry `spec.locality`) or, with `separator` `.`, the pod label
 * override `topology.istio.io/locality` (label values cannot hold `/`).
 *
 * @example parseLocality('us-west/us-west-2a') // → { region: 'us-west', zone: 'us-west-2a', subzone: '' }
 */
export function parseLocality(text: string, separator: '/' | '.' = '/'): Locality {
  const [region = '', zone = '', subzone = ''] = text.split(separator);
  return { region, zone, subzone };
}
