/**
 * Locality as Istio derives it (istio.md §1.1): region/zone from the Node's
 * `topology.kubernetes.io/region|zone`, subzone from `topology.istio.io/subzone`; missing parts are `''`
 * so two unknowns compare equal, as Istio's label comparison does (istio.md §1.2).
 */
import type { Labels, Locality } from '../model/meshModel.js';
import { LABEL_REGION, LABEL_SUBZONE, LABEL_ZONE } from './wellKnownLabels.js';

export const UNKNOWN_LOCALITY: Locality = { region: '', zone: '', subzone: '' };

/** @example localityFromLabels({ 'topology.kubernetes.io/region': 'us-east-1' }) // → { region: 'us-east-1', zone: '', subzone: '' } */
export function localityFromLabels(labels: Labels): Locality {
  return {
    region: labels[LABEL_REGION] ?? '',
    zone: labels[LABEL_ZONE] ?? '',
    subzone: labels[LABEL_SUBZONE] ?? '',
  };
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
