/**
 * Which dataplane a namespace or workload is in.
 *
 * Namespace: `istio-injection: enabled` asks for sidecars and wins (injected pods are excluded from
 * ambient capture); else `istio.io/dataplane-mode: ambient`; else a bare `istio.io/rev` selects a sidecar
 * injector revision. Ambient namespaces may also carry `istio.io/rev` to pick a control plane, which is
 * why the ambient label is checked before it.
 *
 * Workload: evidence on the pod decides. A pod with the `sidecar.istio.io/status` annotation or an
 * `istio-proxy` container has a sidecar (injection happens at admission, so a namespace label alone does
 * not put a sidecar into an existing pod); else the pod label `istio.io/dataplane-mode` (`none` opts out,
 * `ambient` opts in); else the namespace's ambient label.
 */
import type { DataplaneMode, Labels } from '../model/meshModel.js';
import type { PodObject } from './kubeObjects.js';
import {
  ANNOTATION_SIDECAR_STATUS,
  LABEL_DATAPLANE_MODE,
  LABEL_REVISION,
  LABEL_SIDECAR_INJECTION,
  SIDECAR_CONTAINER_NAME,
} from './wellKnownLabels.js';

const AMBIENT = 'ambient';
const NONE = 'none';
const INJECTION_ENABLED = 'enabled';

/** @example namespaceDataplaneMode({ 'istio.io/dataplane-mode': 'ambient' }) // → 'ambient' */
export function namespaceDataplaneMode(labels: Labels): DataplaneMode {
  if (labels[LABEL_SIDECAR_INJECTION] === INJECTION_ENABLED) return 'sidecar';
  if (labels[LABEL_DATAPLANE_MODE] === AMBIENT) return 'ambient';
  if (labels[LABEL_REVISION] !== undefined && labels[LABEL_SIDECAR_INJECTION] === undefined) return 'sidecar';
  return 'none';
}

export function podHasSidecar(pod: PodObject): boolean {
  if (pod.metadata.annotations?.[ANNOTATION_SIDECAR_STATUS] !== undefined) return true;
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  return containers.some((container) => container.name === SIDECAR_CONTAINER_NAME);
}

/** @example workloadDataplaneMode({}, { 'istio.io/dataplane-mode': 'ambient' }, false) // → 'ambient' */
export function workloadDataplaneMode(
  labels: Labels,
  namespaceLabels: Labels,
  hasSidecar: boolean,
): DataplaneMode {
  if (hasSidecar) return 'sidecar';
  const own = labels[LABEL_DATAPLANE_MODE];
  if (own === NONE) return 'none';
  if (own === AMBIENT) return 'ambient';
  return namespaceLabels[LABEL_DATAPLANE_MODE] === AMBIENT ? 'ambient' : 'none';
}

/** True when the namespace asks for sidecar injection that a pod does not show. */
export function namespaceExpectsSidecar(namespaceLabels: Labels): boolean {
  return namespaceDataplaneMode(namespaceLabels) === 'sidecar';
}
